extension Catalog {
    /// The words of test drives (form, page, outcome, calendars, agreement, timeline).
    static func testDriveEntries(_ add: (String, String, String, String) -> Void) {
        add("testdrives.title", "Testritten", "Essais", "Test drives")
        add("testdrives.new", "Testrit boeken", "Réserver un essai", "Book a test drive")
        add("testdrives.edit", "Testrit wijzigen", "Modifier l'essai", "Change test drive")
        add("testdrives.book", "Boeken", "Réserver", "Book")
        add("testdrives.back_to_drive", "Terug naar de testrit", "Retour à l'essai", "Back to the test drive")
        add("testdrives.back_to_lead", "Terug naar lead {code}", "Retour au lead {code}", "Back to lead {code}")
        add("testdrives.back_to_car", "Terug naar de wagen", "Retour au véhicule", "Back to the car")
        add("testdrives.booked", "De testrit is geboekt.", "L'essai est réservé.", "The test drive is booked.")
        add("testdrives.saved", "De testrit is opgeslagen.", "L'essai est enregistré.", "The test drive is saved.")
        add("testdrives.outcome_saved", "De afloop van de testrit is opgeslagen.", "Le résultat de l'essai est enregistré.", "The test drive's outcome is saved.")
        add("testdrives.stale", "Iemand wijzigde deze testrit intussen; er werd niets overschreven. Bekijk hem opnieuw en probeer nog eens.",
            "Quelqu'un a modifié cet essai entre-temps ; rien n'a été écrasé. Vérifiez-le et réessayez.",
            "Someone changed this test drive in the meantime; nothing was overwritten. Look at it again and retry.")
        add("testdrives.pick_from_calendar", "Een vrij moment kiezen in de agenda", "Choisir un créneau libre dans l'agenda", "Pick a free slot in the calendar")
        add("testdrives.overlap_with", "Al geboekt: {car}, {from}–{to}, door {who}.", "Déjà réservé : {car}, {from}–{to}, par {who}.", "Already booked: {car}, {from}–{to}, by {who}.")
        add("testdrives.overlap_open", "Testrit van {code} {driver}", "Essai de {code} {driver}", "Test drive of {code} {driver}")
        add("testdrives.see_calendar", "Agenda van deze wagen", "Agenda de ce véhicule", "This car's calendar")
        add("testdrives.agreement", "Testritovereenkomst (PDF)", "Convention d'essai (PDF)", "Test-drive agreement (PDF)")
        add("testdrives.col.when", "Wanneer", "Quand", "When")
        add("testdrives.planned", "Geplande testritten", "Essais planifiés", "Planned test drives")
        add("testdrives.calendar_car", "Testritten van {car}", "Essais de {car}", "Test drives of {car}")
        add("testdrives.calendar_branch", "Testritten in {branch}", "Essais à {branch}", "Test drives in {branch}")
        add("testdrives.open_from_lead", "Open deze agenda vanuit een lead (knop Testrit) om een vrij uur te boeken.",
            "Ouvrez cet agenda depuis un lead (bouton Essai) pour réserver une heure libre.",
            "Open this calendar from a lead (Test drive button) to book a free hour.")
        add("testdrives.show", "Tonen", "Afficher", "Show")
        add("testdrives.pick_car", "Wagen", "Véhicule", "Car")
        add("testdrives.open_car_calendar", "Agenda van de wagen openen", "Ouvrir l'agenda du véhicule", "Open the car's calendar")
        add("testdrives.weeks", "Weken", "Semaines", "Weeks")
        add("testdrives.previous_week", "Vorige week", "Semaine précédente", "Previous week")
        add("testdrives.next_week", "Volgende week", "Semaine suivante", "Next week")
        add("testdrives.week", "Week {n}: {from} – {to}", "Semaine {n} : {from} – {to}", "Week {n}: {from} – {to}")
        add("testdrives.grid_caption", "Per uur: geboekte testritten, en vrije uren", "Par heure : essais réservés et heures libres", "By hour: booked test drives and free hours")
        add("testdrives.hour", "Uur", "Heure", "Hour")
        add("testdrives.free", "Vrij", "Libre", "Free")
        add("testdrives.book_slot", "{time} boeken", "Réserver {time}", "Book {time}")
        add("testdrives.booked_by", "geboekt door {name}", "réservé par {name}", "booked by {name}")
        add("weekday.0", "ma", "lun", "Mon")
        add("weekday.1", "di", "mar", "Tue")
        add("weekday.2", "wo", "mer", "Wed")
        add("weekday.3", "do", "jeu", "Thu")
        add("weekday.4", "vr", "ven", "Fri")
        add("weekday.5", "za", "sam", "Sat")
        add("weekday.6", "zo", "dim", "Sun")

        add("testdrive.title", "Testrit met {car}", "Essai de {car}", "Test drive of {car}")
        add("testdrive.vehicle", "Wagen", "Véhicule", "Car")
        add("testdrive.vehicle_pick", "— kies een wagen —", "— choisissez un véhicule —", "— choose a car —")
        add("testdrive.start", "Begin", "Début", "Start")
        add("testdrive.end", "Einde", "Fin", "End")
        add("testdrive.duration", "Duur", "Durée", "Duration")
        add("testdrive.duration.minutes", "{n} min", "{n} min", "{n} min")
        add("testdrive.duration.hours", "{h} u {m}", "{h} h {m}", "{h} h {m}")
        add("testdrive.duration.day", "1 dag", "1 jour", "1 day")
        add("testdrive.plate", "Nummerplaat", "Plaque", "Number plate")
        add("testdrive.driver", "Bestuurder", "Conducteur", "Driver")
        add("testdrive.driver_other", "Iemand anders", "Une autre personne", "Someone else")
        add("testdrive.driver_name", "Naam van de bestuurder (iemand anders)", "Nom du conducteur (autre personne)", "Driver's name (someone else)")
        add("testdrive.driver_birth_date", "Geboortedatum (iemand anders)", "Date de naissance (autre personne)", "Date of birth (someone else)")
        add("testdrive.driver_language", "Taal van de overeenkomst (iemand anders)", "Langue de la convention (autre personne)", "Language of the agreement (someone else)")
        add("testdrive.driver_hint", "Rijdt de contactpersoon van de lead, dan geldt diens taal; voor iemand anders vult u naam en geboortedatum in.",
            "Si le contact du lead conduit, sa langue s'applique ; pour une autre personne, indiquez le nom et la date de naissance.",
            "When the lead's contact drives, their language applies; for someone else, fill in the name and date of birth.")
        add("testdrive.lang.nl", "Nederlands", "néerlandais", "Dutch")
        add("testdrive.lang.fr", "Frans", "français", "French")
        add("testdrive.lang.en", "Engels", "anglais", "English")
        add("testdrive.licence_number", "Rijbewijsnummer", "Numéro du permis de conduire", "Driving-licence number")
        add("testdrive.licence_category", "Categorie", "Catégorie", "Category")
        add("testdrive.licence_expiry", "Geldig tot", "Valable jusqu'au", "Valid until")
        add("testdrive.licence_checked", "Ik heb het rijbewijs gezien en gecontroleerd", "J'ai vu et vérifié le permis de conduire", "I have seen and checked the driving licence")
        add("testdrive.licence_privacy", "Bekijk het rijbewijs; er wordt geen kopie of scan bewaard.", "Regardez le permis ; aucune copie ni scan n'est conservé.", "Look at the licence; no copy or scan is kept.")
        add("testdrive.licence_checked_by", "Rijbewijs gecontroleerd", "Permis vérifié", "Licence checked")
        add("testdrive.checked_by_value", "door {name} op {date}", "par {name} le {date}", "by {name} on {date}")
        add("testdrive.licence_not_checked", "Nog niet gecontroleerd", "Pas encore vérifié", "Not checked yet")
        add("testdrive.booked_by", "Geboekt", "Réservé", "Booked")
        add("testdrive.booked_by_value", "door {name} op {date}", "par {name} le {date}", "by {name} on {date}")
        add("testdrive.notes", "Notities", "Notes", "Notes")
        add("testdrive.group.slot", "Wagen en tijdstip", "Véhicule et moment", "Car and time")
        add("testdrive.group.driver", "Bestuurder", "Conducteur", "Driver")
        add("testdrive.group.licence", "Rijbewijs", "Permis de conduire", "Driving licence")
        add("testdrive.odometer_out", "Kilometerstand bij vertrek", "Kilométrage au départ", "Odometer out")
        add("testdrive.odometer_in", "Kilometerstand bij terugkomst", "Kilométrage au retour", "Odometer in")
        add("testdrive.distance", "Gereden", "Parcouru", "Driven")
        add("testdrive.outcome", "Afloop", "Résultat", "Outcome")
        add("testdrive.save_outcome", "Afloop opslaan", "Enregistrer le résultat", "Save outcome")
        add("testdrive.status.planned", "Gepland", "Planifié", "Planned")
        add("testdrive.status.done", "Gereden", "Effectué", "Done")
        add("testdrive.status.no_show", "Niet opgedaagd", "Absent", "No-show")
        add("testdrive.status.cancelled", "Geannuleerd", "Annulé", "Cancelled")
        // Refusals.
        add("testdrive.in_past", "Dit tijdstip ligt in het verleden.", "Ce moment est passé.", "This time is in the past.")
        add("testdrive.too_far", "Meer dan een jaar vooruit boeken kan niet.", "Impossible de réserver plus d'un an à l'avance.", "Booking more than a year ahead is not possible.")
        add("testdrive.duration_range", "Een testrit duurt minstens 15 minuten en hoogstens een dag.", "Un essai dure au moins 15 minutes et au plus un jour.", "A test drive lasts at least 15 minutes and at most a day.")
        add("testdrive.licence_expired", "Het rijbewijs is op de dag van de testrit verlopen.", "Le permis est expiré le jour de l'essai.", "The licence has expired by the day of the test drive.")
        add("testdrive.driver_too_young", "De bestuurder is jonger dan 18 jaar op de dag van de testrit.", "Le conducteur a moins de 18 ans le jour de l'essai.", "The driver is under 18 on the day of the test drive.")
        add("testdrive.not_bookable", "Deze wagen kan niet voor een testrit geboekt worden (verkocht, of gereserveerd en geen demowagen).",
            "Ce véhicule ne peut pas être réservé pour un essai (vendu, ou réservé et pas un véhicule de démonstration).",
            "This car cannot be booked for a test drive (sold, or reserved and not a demo car).")
        add("testdrive.overlap", "Deze wagen is op dat moment al geboekt voor een andere testrit.", "Ce véhicule est déjà réservé pour un autre essai à ce moment.", "This car is already booked for another test drive at that time.")
        add("testdrive.odometer_backwards", "De kilometerstand bij terugkomst ligt lager dan bij vertrek.", "Le kilométrage au retour est inférieur à celui du départ.", "The odometer on return is lower than on departure.")
        add("testdrive.not_planned", "Deze testrit is niet meer gepland: hij kan niet meer gewijzigd worden.", "Cet essai n'est plus planifié : il ne peut plus être modifié.", "This test drive is no longer planned: it can no longer be changed.")
        add("testdrive.driver_not_on_lead", "Kies een contactpersoon van deze lead, of iemand anders.", "Choisissez un contact de ce lead, ou une autre personne.", "Choose a contact of this lead, or someone else.")
        // Timeline.
        add("event.testdrive.booked", "Testrit geboekt: {car}", "Essai réservé : {car}", "Test drive booked: {car}")
        add("event.testdrive.edited", "Testrit gewijzigd: {car}", "Essai modifié : {car}", "Test drive changed: {car}")
        add("event.testdrive.status", "Testrit {car}: {old} → {new}", "Essai {car} : {old} → {new}", "Test drive {car}: {old} → {new}")
        // The agreement.
        add("print.testdrive.title", "Testritovereenkomst {number}", "Convention d'essai {number}", "Test-drive agreement {number}")
        add("print.testdrive.driver", "Bestuurder", "Conducteur", "Driver")
        add("print.testdrive.birth_date", "Geboortedatum", "Date de naissance", "Date of birth")
        add("print.testdrive.licence", "Rijbewijs nr.", "Permis n°", "Licence no.")
        add("print.testdrive.category", "Categorie", "Catégorie", "Category")
        add("print.testdrive.expiry", "Geldig tot", "Valable jusqu'au", "Valid until")
        add("print.testdrive.checked", "Gecontroleerd", "Vérifié", "Checked")
        add("print.testdrive.not_checked", "nog niet", "pas encore", "not yet")
        add("print.testdrive.plate", "Nummerplaat", "Plaque", "Number plate")
        add("print.testdrive.when", "Tijdstip en kilometerstand", "Moment et kilométrage", "Time and odometer")
        add("print.testdrive.start", "Vertrek", "Départ", "Departure")
        add("print.testdrive.end", "Terug uiterlijk", "Retour au plus tard", "Return by")
        add("print.testdrive.odometer_out", "Kilometerstand bij vertrek", "Kilométrage au départ", "Odometer out")
        add("print.testdrive.odometer_in", "Kilometerstand bij terugkomst", "Kilométrage au retour", "Odometer in")
        add("print.testdrive.conditions", "Voorwaarden", "Conditions", "Conditions")
        add("print.testdrive.cond.1", "De bestuurder verklaart een geldig rijbewijs van de vermelde categorie te hebben en niet onder invloed van alcohol, drugs of geneesmiddelen te rijden die de rijvaardigheid beïnvloeden.",
            "Le conducteur déclare être titulaire d'un permis valable de la catégorie indiquée et ne pas conduire sous l'influence d'alcool, de drogues ou de médicaments altérant l'aptitude à conduire.",
            "The driver declares holding a valid licence of the category stated and not driving under the influence of alcohol, drugs or medicines that impair driving.")
        add("print.testdrive.cond.2", "Alleen de vermelde bestuurder rijdt met de wagen; passagiers alleen met toestemming van de verkoper.",
            "Seul le conducteur mentionné conduit le véhicule ; des passagers uniquement avec l'accord du vendeur.",
            "Only the driver named drives the car; passengers only with the salesperson's consent.")
        add("print.testdrive.cond.3", "De bestuurder volgt de verkeersregels en rijdt als een voorzichtig persoon; verkeersboetes en -sancties tijdens de testrit zijn voor zijn rekening.",
            "Le conducteur respecte le code de la route et conduit en personne prudente ; les amendes et sanctions de circulation pendant l'essai sont à sa charge.",
            "The driver follows the traffic rules and drives with due care; traffic fines and penalties during the test drive are the driver's.")
        add("print.testdrive.cond.4", "De wagen is verzekerd door de verkoper. Bij schade door fout of nalatigheid van de bestuurder kan de vrijstelling van de verzekering hem aangerekend worden.",
            "Le véhicule est assuré par le vendeur. En cas de dommage dû à une faute ou une négligence du conducteur, la franchise de l'assurance peut lui être réclamée.",
            "The car is insured by the dealer. For damage caused by the driver's fault or negligence, the insurance excess may be charged to the driver.")
        add("print.testdrive.cond.5", "Elk ongeval, elke schade of elk defect wordt meteen aan de verkoper gemeld.",
            "Tout accident, dommage ou défaut est signalé immédiatement au vendeur.",
            "Any accident, damage or defect is reported to the dealer at once.")
        add("print.testdrive.cond.6", "De wagen wordt uiterlijk op het vermelde tijdstip teruggebracht, in dezelfde staat en met de sleutels en documenten.",
            "Le véhicule est rendu au plus tard au moment indiqué, dans le même état, avec les clés et les documents.",
            "The car is returned by the time stated, in the same condition, with its keys and papers.")
        add("print.testdrive.cond.7", "Roken in de wagen en rijden buiten België zonder schriftelijke toestemming zijn niet toegestaan.",
            "Il est interdit de fumer dans le véhicule et de rouler hors de Belgique sans accord écrit.",
            "Smoking in the car and driving outside Belgium without written consent are not allowed.")
        add("print.testdrive.privacy", "Het rijbewijs werd bekeken; er wordt geen kopie bewaard. De gegevens op deze overeenkomst dienen alleen voor de testrit en de eventuele afhandeling van schade of boetes.",
            "Le permis a été consulté ; aucune copie n'est conservée. Les données de cette convention servent uniquement à l'essai et au traitement éventuel de dommages ou d'amendes.",
            "The licence was looked at; no copy is kept. The data on this agreement serve only the test drive and the handling of any damage or fines.")
        add("print.testdrive.signature_driver", "Handtekening van de bestuurder", "Signature du conducteur", "Driver's signature")
        add("print.testdrive.signature_dealer", "Voor de verkoper: {name}", "Pour le vendeur : {name}", "For the dealer: {name}")
    }
}
