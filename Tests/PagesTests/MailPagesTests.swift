import Foundation
import GRDB
import Logging
import Mail
@testable import Pages
import Showroom
import Store
import Testing
import Web

/// E-mail from the lead in process: the Communicatie button, the template in the customer's
/// language, refusals beside their field with nothing queued, scope and CSRF, and the sender
/// taking the queue through a transport that answers as told (the real SMTP exchange is in
/// Tests/e2e/test_mail.py, against aiosmtpd).
@Suite struct MailPagesTests {
    /// A transport that records what it was given and answers `outcome`.
    final class FakeTransport: MailTransport, @unchecked Sendable {
        let lock = NSLock()
        var outcome: SMTPOutcome = .delivered(reply: "250 OK")
        var sent: [(message: [UInt8], from: String, to: [String])] = []
        func deliver(_ message: [UInt8], from: MailAddress, to: [MailAddress]) -> SMTPOutcome {
            lock.withLock {
                sent.append((message, from.address, to.map(\.address)))
                return outcome
            }
        }
    }

    struct World {
        let app: TestApp
        let sofie: Session
        let lead: Int64
        let address: String
        let transport: FakeTransport
        let sender: OutboxSender
    }

    static func world(configured: Bool = true) throws -> World {
        let app = try TestApp()
        let lead = try app.leadID(.sofiesOwn)
        let address = "frederic.dubois@example.be"
        try app.database.write { db in
            try db.execute(sql: "UPDATE contacts SET language = 'fr', email = ?, first_name = 'Frédéric', last_name = 'Dubois', kind = 'person' WHERE id = (SELECT contact_id FROM leads WHERE id = ?)",
                           arguments: [address, lead])
        }
        if configured {
            var s = try app.database.mailSettings()
            s.host = "smtp.example.be"
            s.senderAddress = "verkoop@garage.be"
            s.senderName = "Garage Démo"
            try app.database.saveMailSettings(s, password: nil, version: s.version, actor: try app.userID("admin"), now: fixedNow)
        }
        let transport = FakeTransport()
        var logger = Logger(label: "outbox-tests")
        logger.logLevel = .critical
        let clock = app.clock
        let sender = OutboxSender(database: app.database, policy: OutboxPolicy(baseDelaySeconds: 30), signal: OutboxSignal(), logger: logger,
                                  clock: { clock.now }, transport: { _ in transport })
        return World(app: app, sofie: try app.signIn("sofie"), lead: lead, address: address, transport: transport, sender: sender)
    }

    static func composeFields(_ w: World, template: Int = 3, changes: [String: String] = [:]) throws -> [(String, String)] {
        let page = try w.app.get("/leads/\(w.lead)/mail?template=\(template)", as: w.sofie)
        #expect(page.status == .ok)
        let form = try #require(HTMLDocument(page).all("form").first { $0["action"] == "/leads/\(w.lead)/mail" && $0["method"] == "post" }.map(FormElement.init))
        var fields = form.fields(changing: changes)
        if changes["body"] == nil { fields.append(("body", "Bonjour Frédéric,\n\nVoici.\n\nSofie")) }
        return fields
    }

    static func mailCount(_ w: World) throws -> Int64 { try w.app.int("SELECT count(*) FROM mails") ?? -1 }

    @Test func theCommunicatieButtonOpensATemplateInTheCustomersLanguage() throws {
        let w = try Self.world()
        #expect(try w.app.get("/leads/\(w.lead)", as: w.sofie).html.contains("href=\"/leads/\(w.lead)/mail\""))
        let page = try w.app.get("/leads/\(w.lead)/mail?template=3", as: w.sofie)
        #expect(page.status == .ok)
        let doc = HTMLDocument(page)
        let subject = try #require(doc.all("input").first { $0["name"] == "subject" }?["value"])
        #expect(subject.hasPrefix("Votre demande chez "), "French, the customer's language")
        #expect(!subject.contains("{"))
        #expect(page.html.contains("Bonjour Frédéric Dubois,"))
        #expect(page.html.contains("value=\"\(w.address)\" checked"), "the main contact is ticked")
        #expect(page.html.contains("Numéro d&#39;entreprise") || page.html.contains("Numéro d'entreprise"), "the footer in French")
    }

    @Test func sendingQueuesTheMailAndTheSenderDeliversIt() throws {
        let w = try Self.world()
        let r = try w.app.post("/leads/\(w.lead)/mail", as: w.sofie, form: try Self.composeFields(w))
        #expect(r.status == .seeOther)
        let id = try #require(r.location.flatMap { Int64($0.dropFirst("/mails/".count).prefix { $0.isNumber }) })
        #expect(try w.app.string("SELECT state FROM mails WHERE id = ?", [id]) == "queued")
        #expect(try w.app.int("SELECT count(*) FROM timeline_events WHERE kind = 'mail_sent' AND subject_id = ?", [id]) == 1)

        #expect(try w.sender.deliverNext())
        #expect(try !w.sender.deliverNext(), "nothing else is due")
        let sent = try #require(w.transport.sent.first)
        #expect(sent.from == "verkoop@garage.be" && sent.to == [w.address])
        let text = String(decoding: sent.message, as: UTF8.self)
        #expect(text.contains("Subject: =?UTF-8?B?") || text.contains("Subject: Votre demande chez"))
        #expect(text.contains("To: =?UTF-8?B?RnLDqWTDqXJpYyBEdWJvaXM=?= <\(w.address)>"))
        #expect(text.contains("Bonjour Fr=C3=A9d=C3=A9ric,"))
        #expect(sent.message == (try w.app.get("/mails/\(id)/message.eml", as: w.sofie).bodyBytes), "the .eml is what went out")
        #expect(try w.app.string("SELECT state FROM mails WHERE id = ?", [id]) == "sent")
        let leadPage = try w.app.get("/leads/\(w.lead)", as: w.sofie).html
        #expect(leadPage.contains("data-state=\"sent\"") && leadPage.contains("href=\"/mails/\(id)\""))
    }

    @Test func aServerThatPutsItOffQueuesItAgainAndARefusalFailsIt() throws {
        let w = try Self.world()
        _ = try w.app.post("/leads/\(w.lead)/mail", as: w.sofie, form: try Self.composeFields(w))
        let id = try #require(try w.app.int("SELECT max(id) FROM mails"))
        w.transport.outcome = .temporary(reason: "451 4.3.0 busy")
        #expect(try w.sender.deliverNext())
        #expect(try w.app.string("SELECT state || ' ' || last_reply FROM mails WHERE id = ?", [id]) == "queued 451 4.3.0 busy")
        #expect(try w.app.int("SELECT next_attempt_at FROM mails WHERE id = ?", [id]) == fixedNow.seconds + 30)
        #expect(try !w.sender.deliverNext(), "not before its backoff")
        w.app.clock.advance(seconds: 30)
        w.transport.outcome = .permanent(reason: "550 5.1.1 unknown")
        #expect(try w.sender.deliverNext())
        let page = try w.app.get("/mails/\(id)", as: w.sofie)
        #expect(page.html.contains("data-state=\"failed\"") && page.html.contains("550 5.1.1 unknown"))
        #expect(page.html.contains("action=\"/mails/\(id)/retry\"") && page.html.contains("action=\"/mails/\(id)/cancel\""))
        let retry = try w.app.post("/mails/\(id)/retry", as: w.sofie, form: [])
        #expect(retry.status == .seeOther)
        w.transport.outcome = .delivered(reply: "250 OK")
        #expect(try w.sender.deliverNext())
        #expect(try w.app.string("SELECT state FROM mails WHERE id = ?", [id]) == "sent")
        #expect(try w.app.post("/mails/\(id)/cancel", as: w.sofie, form: []).status == .conflict, "a sent mail cannot be cancelled")
    }

    @Test func withoutAMailServerTheMailWaitsAndTheFormSaysWhy() throws {
        let w = try Self.world(configured: false)
        let page = try w.app.get("/leads/\(w.lead)/mail", as: w.sofie)
        #expect(page.html.contains(Translator(.nl)("mail.not_configured")))
        let r = try w.app.post("/leads/\(w.lead)/mail", as: w.sofie, form: try Self.composeFields(w))
        #expect(r.status == .unprocessable)
        #expect(try Self.mailCount(w) == 0)
        #expect(try !w.sender.deliverNext())
    }

    @Test func badInputIsRefusedBesideItsFieldAndNothingIsQueued() throws {
        let w = try Self.world()
        let cases: [(String, [String: String])] = [
            ("subject", ["subject": "Offre\r\nBcc: tout@le.monde"]),
            ("subject", ["subject": ""]),
            ("to", ["to": "iemand@elders.be"]),
            ("extra", ["extra": "iemand@elders.be"]),
            ("quote", ["quote": "999999"]),
            ("quote", ["overview": "1", "quote": ""]),
        ]
        for (field, changes) in cases {
            let r = try w.app.post("/leads/\(w.lead)/mail", as: w.sofie, form: try Self.composeFields(w, changes: changes))
            #expect(r.status == .unprocessable, "\(changes)")
            #expect(r.html.contains("id=\"e-\(field)\""), "\(changes): the error beside \(field)")
            #expect(r.html.contains("role=\"alert\""))
        }
        // A malicious subject comes back as typed (escaped), not as a header.
        let r = try w.app.post("/leads/\(w.lead)/mail", as: w.sofie, form: try Self.composeFields(w, changes: ["subject": "<b>x</b>\nBcc: a@b.be"]))
        #expect(r.html.contains("&lt;b&gt;x&lt;/b&gt;") && !r.html.contains("<b>x</b>"))
        #expect(try Self.mailCount(w) == 0)
    }

    @Test func noMailOnGETNorWithoutTheTokenNorOutsideTheScope() throws {
        let w = try Self.world()
        let fields = try Self.composeFields(w)
        _ = try w.app.get("/leads/\(w.lead)/mail?" + urlencode(fields), as: w.sofie)
        #expect(try w.app.post("/leads/\(w.lead)/mail", as: w.sofie, form: fields.filter { $0.0 != "_csrf" }, csrf: .none).status == .forbidden)
        #expect(try Self.mailCount(w) == 0)
        let foreign = try w.app.leadID(.branch3)
        #expect(try w.app.get("/leads/\(foreign)/mail", as: w.sofie).status == .notFound)
        #expect(try w.app.post("/leads/\(foreign)/mail", as: w.sofie, form: fields).status == .notFound)
        // Her mail is not found by another branch's salesperson.
        _ = try w.app.post("/leads/\(w.lead)/mail", as: w.sofie, form: fields)
        let id = try #require(try w.app.int("SELECT max(id) FROM mails"))
        let julien = try w.app.signIn("julien")
        for path in ["/mails/\(id)", "/mails/\(id)/source", "/mails/\(id)/message.eml"] {
            #expect(try w.app.get(path, as: julien).status == .notFound, "\(path)")
        }
        #expect(try w.app.post("/mails/\(id)/cancel", as: julien, form: []).status == .notFound)
    }

    @Test func withoutMailSendThereIsNoButtonAndNoForm() throws {
        let w = try Self.world()
        try w.app.database.setOverride(userID: try w.app.userID("sofie"), permission: .mailSend, to: .deny, actor: try w.app.userID("admin"), now: fixedNow)
        #expect(!(try w.app.get("/leads/\(w.lead)", as: w.sofie).html.contains("/leads/\(w.lead)/mail\"")))
        #expect(try w.app.get("/leads/\(w.lead)/mail", as: w.sofie).status == .forbidden)
    }

    @Test func theSettingsNeverShowThePassword() throws {
        let w = try Self.world()
        let admin = try w.app.signIn("admin")
        let page = try w.app.get("/settings/mail", as: admin)
        let form = try #require(HTMLDocument(page).form(action: "/settings/mail"))
        let saved = try w.app.post("/settings/mail", as: admin, form: form.fields(changing: ["password": "s3cret-pass", "port": "465", "security": "tls"]))
        #expect(saved.status == .seeOther)
        let again = try w.app.get("/settings/mail", as: admin)
        #expect(!again.html.contains("s3cret-pass") && again.html.contains(Translator(.nl)("mail.settings.password_set")))
        let bad = try w.app.post("/settings/mail", as: admin, form: form.fields(changing: ["port": "70000", "sender_address": "geen adres"]))
        #expect(bad.status == .unprocessable && bad.html.contains("id=\"e-port\"") && bad.html.contains("id=\"e-sender_address\""))
        #expect(try w.app.get("/settings/mail", as: w.sofie).status == .forbidden)
    }

    @Test func adminsManageTemplatesAndTheComposeFormUsesThem() throws {
        let w = try Self.world()
        let admin = try w.app.signIn("admin")
        let page = try w.app.get("/settings/mail", as: admin)
        let form = try #require(HTMLDocument(page).form(action: "/settings/mail/templates/3"))
        let saved = try w.app.post("/settings/mail/templates/3", as: admin,
                                   form: form.fields(changing: ["t3-subject_fr": "Proposition pour {contact}", "t3-attach": "overview"]) +
                                         [("t3-body_nl", "Beste {contact}"), ("t3-body_fr", "Bonjour {contact}, voici {car}."), ("t3-body_en", "Dear {contact}")])
        #expect(saved.status == .seeOther)
        let compose = try w.app.get("/leads/\(w.lead)/mail?template=3", as: w.sofie)
        #expect(compose.html.contains("value=\"Proposition pour Frédéric Dubois\""))
        // Without a quote the car cannot be filled in: the form says so rather than sending "{car}" unnoticed.
        if try w.app.int("SELECT count(*) FROM quotes WHERE lead_id = ?", [w.lead]) == 0 {
            #expect(compose.html.contains(Translator(.nl)("mail.field.car")))
        }
        // A template without its Dutch subject or with a line break in a subject is refused beside the field.
        let bad = try w.app.post("/settings/mail/templates", as: admin, form: [("new-name", "Leeg"), ("new-attach", "none"), ("new-subject_nl", ""),
                                                                                ("new-subject_fr", "a\r\nBcc: x@y.be"), ("new-body_nl", "x")])
        #expect(bad.status == .unprocessable && bad.html.contains("id=\"e-new-subject_nl\"") && bad.html.contains("id=\"e-new-subject_fr\""))
        #expect(try w.app.int("SELECT count(*) FROM mail_templates") == 3)
        #expect(try w.app.post("/settings/mail/templates/3", as: w.sofie, form: []).status == .forbidden)
    }
}
