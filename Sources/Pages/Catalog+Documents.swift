extension Catalog {
    /// The words of the documents feature (upload, download, rename, delete).
    static func documentEntries(_ add: (String, String, String, String) -> Void) {
        // The box under Details
        add("documents.title", "Documenten", "Documents", "Documents")
        add("documents.empty", "Nog geen documenten.", "Pas encore de documents.", "No documents yet.")
        add("documents.menu", "Acties voor {title}", "Actions pour {title}", "Actions for {title}")
        add("documents.download", "Downloaden", "Télécharger", "Download")
        add("documents.rename", "Opslaan onder nieuwe titel", "Enregistrer sous un nouveau titre", "Save under a new title")
        add("documents.delete", "Verwijderen", "Supprimer", "Delete")
        add("documents.meta", "{name} · {type} · {size} · {date} door {by}", "{name} · {type} · {size} · {date} par {by}", "{name} · {type} · {size} · {date} by {by}")
        add("documents.unnamed", "(zonder bestandsnaam)", "(sans nom de fichier)", "(no file name)")

        // Upload form
        add("documents.upload", "Document toevoegen", "Ajouter un document", "Add a document")
        add("documents.field.title", "Titel", "Titre", "Title")
        add("documents.field.files", "Bestanden", "Fichiers", "Files")
        add("documents.hint", "Eén of meer bestanden, samen hoogstens {limit}. Aanvaard: {types}.",
            "Un ou plusieurs fichiers, au total {limit} au maximum. Acceptés : {types}.",
            "One or more files, {limit} at most in total. Accepted: {types}.")
        add("documents.drop", "Of sleep de bestanden naar dit vak.", "Ou glissez les fichiers dans ce cadre.", "Or drop the files onto this box.")
        add("documents.submit", "Opladen", "Téléverser", "Upload")
        add("documents.progress", "Voortgang van het opladen", "Progression de l'envoi", "Upload progress")
        add("documents.uploading", "Bezig met opladen… {percent}", "Envoi en cours… {percent}", "Uploading… {percent}")
        add("documents.checking", "Opgeladen; de bestanden worden gecontroleerd…", "Envoyé ; vérification des fichiers…", "Uploaded; checking the files…")
        add("documents.failed", "Het opladen lukte niet: de verbinding viel weg. Er werd niets opgeslagen; probeer opnieuw.",
            "L'envoi a échoué : la connexion a été interrompue. Rien n'a été enregistré ; réessayez.",
            "The upload failed: the connection dropped. Nothing was saved; please try again.")
        add("documents.saved", "Opgeslagen.", "Enregistré.", "Saved.")

        // Why an upload was refused
        add("documents.nothing_saved", "Er werd niets opgeslagen:", "Rien n'a été enregistré :", "Nothing was saved:")
        add("documents.error.no_file", "Kies minstens één bestand.", "Choisissez au moins un fichier.", "Choose at least one file.")
        add("documents.error.too_many", "Hoogstens {n} bestanden tegelijk.", "Au maximum {n} fichiers à la fois.", "At most {n} files at a time.")
        add("documents.error.empty", "“{name}” is leeg.", "« {name} » est vide.", "“{name}” is empty.")
        add("documents.error.html", "“{name}” werd geweigerd: het is een webpagina (HTML), die in een browser code kan uitvoeren.",
            "« {name} » a été refusé : c'est une page web (HTML), qui peut exécuter du code dans un navigateur.",
            "“{name}” was refused: it is a web page (HTML), which can run code in a browser.")
        add("documents.error.svg", "“{name}” werd geweigerd: een SVG-afbeelding kan scripts bevatten. Stuur een PNG, JPEG of PDF.",
            "« {name} » a été refusé : une image SVG peut contenir des scripts. Envoyez un PNG, un JPEG ou un PDF.",
            "“{name}” was refused: an SVG image can carry scripts. Send a PNG, JPEG or PDF instead.")
        add("documents.error.script", "“{name}” werd geweigerd: het is een script ({type}), dat op een computer code kan uitvoeren.",
            "« {name} » a été refusé : c'est un script ({type}), qui peut exécuter du code sur un ordinateur.",
            "“{name}” was refused: it is a script ({type}), which can run code on a computer.")
        add("documents.error.executable", "“{name}” werd geweigerd: het is een programma ({type}).",
            "« {name} » a été refusé : c'est un programme ({type}).",
            "“{name}” was refused: it is a program ({type}).")
        add("documents.error.not_accepted", "“{name}” werd geweigerd: dit soort bestand ({type}) wordt niet aanvaard.",
            "« {name} » a été refusé : ce type de fichier ({type}) n'est pas accepté.",
            "“{name}” was refused: this kind of file ({type}) is not accepted.")
        add("documents.error.too_large", "De bestanden zijn samen groter dan {limit}.", "Les fichiers dépassent ensemble {limit}.", "Together the files are larger than {limit}.")
        add("documents.too_large.title", "Te groot om op te laden", "Trop volumineux pour être envoyé", "Too large to upload")
        add("documents.too_large.text", "Een upload mag samen hoogstens {limit} zijn. Er werd niets opgeslagen; kies kleinere of minder bestanden.",
            "Un envoi peut compter au total {limit} au maximum. Rien n'a été enregistré ; choisissez des fichiers plus petits ou moins nombreux.",
            "An upload may be {limit} at most in total. Nothing was saved; choose smaller or fewer files.")
        add("documents.busy.title", "Te veel uploads tegelijk", "Trop d'envois simultanés", "Too many uploads at once")
        add("documents.busy.text", "Vanaf dit adres lopen al zoveel uploads als toegelaten. Er werd niets opgeslagen; probeer opnieuw zodra een andere upload klaar is.",
            "Ce poste a déjà autant d'envois en cours que permis. Rien n'a été enregistré ; réessayez dès qu'un autre envoi est terminé.",
            "As many uploads as allowed are already running from this address. Nothing was saved; try again once another upload has finished.")
        add("documents.back", "Terug naar de lead", "Retour au lead", "Back to the lead")

        // The document's own page
        add("documents.page_title", "Document: {title}", "Document : {title}", "Document: {title}")
        add("documents.original_name", "Bestandsnaam", "Nom du fichier", "File name")
        add("documents.type", "Soort (uit de inhoud)", "Type (selon le contenu)", "Kind (from the content)")
        add("documents.size", "Grootte", "Taille", "Size")
        add("documents.added", "Toegevoegd", "Ajouté", "Added")
        add("documents.added_by", "{date} door {name}", "{date} par {name}", "{date} by {name}")
        add("documents.new_title", "Nieuwe titel", "Nouveau titre", "New title")
        add("documents.delete_explain", "Het document verdwijnt van deze lead; de tijdlijn vermeldt dat het verwijderd werd.",
            "Le document disparaît de ce lead ; l'historique mentionne sa suppression.",
            "The document disappears from this lead; the timeline records that it was deleted.")
        add("documents.delete_button", "Document definitief verwijderen", "Supprimer définitivement le document", "Delete the document for good")
        add("documents.conflict", "Iemand gaf dit document intussen een andere titel: “{title}”. Er werd niets overschreven; sla opnieuw op om uw titel te bewaren.",
            "Quelqu'un a entre-temps donné un autre titre à ce document : « {title} ». Rien n'a été écrasé ; enregistrez à nouveau pour garder votre titre.",
            "Someone gave this document another title meanwhile: “{title}”. Nothing was overwritten; save again to keep your title.")
        add("documents.downloads", "Downloads", "Téléchargements", "Downloads")
        add("documents.downloads_none", "Nog niet gedownload.", "Pas encore téléchargé.", "Not downloaded yet.")
        add("documents.downloads_who", "Wie", "Qui", "Who")
        add("documents.downloads_when", "Wanneer", "Quand", "When")

        // Sizes (Belgian decimals)
        add("documents.size.b", "{n} B", "{n} o", "{n} B")
        add("documents.size.kb", "{n} kB", "{n} ko", "{n} kB")
        add("documents.size.mb", "{n} MB", "{n} Mo", "{n} MB")
        add("documents.size.gb", "{n} GB", "{n} Go", "{n} GB")

        // Kinds of file, by their usual extension
        add("documents.kind.pdf", "PDF", "PDF", "PDF")
        add("documents.kind.jpg", "JPEG-foto", "photo JPEG", "JPEG photo")
        add("documents.kind.png", "PNG-afbeelding", "image PNG", "PNG image")
        add("documents.kind.webp", "WebP-afbeelding", "image WebP", "WebP image")
        add("documents.kind.heic", "HEIC-foto", "photo HEIC", "HEIC photo")
        add("documents.kind.heif", "HEIF-foto", "photo HEIF", "HEIF photo")
        add("documents.kind.docx", "Word", "Word", "Word")
        add("documents.kind.xlsx", "Excel", "Excel", "Excel")
        add("documents.kind.pptx", "PowerPoint", "PowerPoint", "PowerPoint")
        add("documents.kind.odt", "OpenDocument-tekst", "texte OpenDocument", "OpenDocument text")
        add("documents.kind.ods", "OpenDocument-rekenblad", "tableur OpenDocument", "OpenDocument spreadsheet")
        add("documents.kind.doc", "Word 97-2003", "Word 97-2003", "Word 97-2003")
        add("documents.kind.xls", "Excel 97-2003", "Excel 97-2003", "Excel 97-2003")
        add("documents.kind.txt", "tekst", "texte", "text")
        add("documents.kind.csv", "CSV", "CSV", "CSV")
    }
}
