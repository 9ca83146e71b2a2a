import GRDB

extension Migrations {
    /// E-mail from the lead (issue 12): the outbox (`mails`: each message as rendered, with its
    /// state and attempts), the SMTP settings (one row; the password is stored because AUTH
    /// needs it, and never shown back), the templates (name, per-language subject and body, the
    /// quote printouts they attach), and `mail.any_recipient` for profiles holding `users.manage`
    /// (written to the access log by "system").
    /// The mail tables that show on a lead's page (the timeline reads each mail's state): their
    /// revision triggers are made here, as `v10-lead-revision` made them for the tables before.
    static let mailLeadTables: [(table: String, lead: @Sendable (String) -> String)] = [("mails", { "\($0).lead_id" })]

    static func registerMail(_ m: inout DatabaseMigrator) {
        m.registerMigration("v11-mail") { db in
            try db.execute(sql: """
            CREATE TABLE mails (
                id INTEGER PRIMARY KEY,
                lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
                created_by INTEGER REFERENCES users(id),
                created_at INTEGER NOT NULL,
                state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
                message_id TEXT NOT NULL UNIQUE,
                sender TEXT NOT NULL,
                recipients TEXT NOT NULL CHECK (recipients <> ''),
                subject TEXT NOT NULL CHECK (length(subject) <= 500),
                attachments TEXT NOT NULL DEFAULT '',
                quote_id INTEGER REFERENCES quotes(id),
                message BLOB NOT NULL,
                size INTEGER NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                last_reply TEXT NOT NULL DEFAULT '',
                sent_at INTEGER,
                updated_at INTEGER NOT NULL
            );
            CREATE INDEX mails_lead ON mails(lead_id, id);
            CREATE INDEX mails_due ON mails(next_attempt_at, id) WHERE state IN ('queued', 'sending');
            CREATE TABLE mail_settings (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                host TEXT NOT NULL DEFAULT '' CHECK (length(host) <= 253),
                port INTEGER NOT NULL DEFAULT 587 CHECK (port BETWEEN 1 AND 65535),
                security TEXT NOT NULL DEFAULT 'starttls' CHECK (security IN ('none', 'starttls', 'tls')),
                username TEXT NOT NULL DEFAULT '' CHECK (length(username) <= 200),
                password TEXT NOT NULL DEFAULT '' CHECK (length(password) <= 200),
                sender_address TEXT NOT NULL DEFAULT '' CHECK (length(sender_address) <= 254),
                sender_name TEXT NOT NULL DEFAULT '' CHECK (length(sender_name) <= 100),
                max_attachment_bytes INTEGER NOT NULL DEFAULT 20971520 CHECK (max_attachment_bytes BETWEEN 1 AND 104857600),
                version INTEGER NOT NULL DEFAULT 1,
                updated_at INTEGER NOT NULL DEFAULT 0
            );
            INSERT INTO mail_settings (id) VALUES (1);
            CREATE TABLE mail_templates (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
                subject_nl TEXT NOT NULL DEFAULT '', subject_fr TEXT NOT NULL DEFAULT '', subject_en TEXT NOT NULL DEFAULT '',
                body_nl TEXT NOT NULL DEFAULT '', body_fr TEXT NOT NULL DEFAULT '', body_en TEXT NOT NULL DEFAULT '',
                attach TEXT NOT NULL DEFAULT 'none' CHECK (attach IN ('none', 'overview', 'order_form', 'both')),
                position INTEGER NOT NULL DEFAULT 0,
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                version INTEGER NOT NULL DEFAULT 1
            );
            INSERT INTO mail_templates (id, name, subject_nl, subject_fr, subject_en, body_nl, body_fr, body_en, attach, position) VALUES
            (1, 'Offerte',
             'Uw offerte {quote_number} voor de {car}',
             'Votre offre {quote_number} pour la {car}',
             'Your quote {quote_number} for the {car}',
             'Beste {contact},

            Zoals beloofd vindt u in bijlage onze offerte {quote_number} voor de {car}, voor een totaal van {quote_total}. Deze offerte is geldig tot {valid_until}.

            Hebt u nog vragen? Ik help u graag verder.

            Met vriendelijke groeten,
            {salesperson}',
             'Bonjour {contact},

            Comme promis, vous trouverez en annexe notre offre {quote_number} pour la {car}, pour un total de {quote_total}. Cette offre est valable jusqu''au {valid_until}.

            Vous avez des questions ? Je reste à votre disposition.

            Bien cordialement,
            {salesperson}',
             'Dear {contact},

            As promised, please find attached our quote {quote_number} for the {car}, for a total of {quote_total}. This quote is valid until {valid_until}.

            Any questions? I am happy to help.

            Kind regards,
            {salesperson}',
             'overview', 1),
            (2, 'Bestelbon',
             'Uw bestelbon voor de {car}',
             'Votre bon de commande pour la {car}',
             'Your order form for the {car}',
             'Beste {contact},

            Hartelijk dank voor uw bestelling. In bijlage vindt u de offerte {quote_number} en de bestelbon voor de {car}.

            Met vriendelijke groeten,
            {salesperson}',
             'Bonjour {contact},

            Merci pour votre commande. Vous trouverez en annexe l''offre {quote_number} et le bon de commande pour la {car}.

            Bien cordialement,
            {salesperson}',
             'Dear {contact},

            Thank you for your order. Please find attached quote {quote_number} and the order form for the {car}.

            Kind regards,
            {salesperson}',
             'both', 2),
            (3, 'Opvolging',
             'Uw aanvraag bij {company}',
             'Votre demande chez {company}',
             'Your enquiry at {company}',
             'Beste {contact},

            Bedankt voor uw interesse.

            Met vriendelijke groeten,
            {salesperson}',
             'Bonjour {contact},

            Merci pour votre intérêt.

            Bien cordialement,
            {salesperson}',
             'Dear {contact},

            Thank you for your interest.

            Kind regards,
            {salesperson}',
             'none', 3);
            INSERT INTO access_log (at, actor_id, subject, change, old_value, new_value)
                SELECT CAST(strftime('%s', 'now') AS INTEGER), NULL, 'profile:' || p.name, 'permission mail.any_recipient', 'none', 'granted'
                FROM profiles p JOIN profile_grants g ON g.profile_id = p.id
                WHERE g.permission = 'users.manage'
                  AND NOT EXISTS (SELECT 1 FROM profile_grants x WHERE x.profile_id = p.id AND x.permission = 'mail.any_recipient');
            INSERT INTO profile_grants (profile_id, permission, scope)
                SELECT g.profile_id, 'mail.any_recipient', NULL FROM profile_grants g
                WHERE g.permission = 'users.manage'
                  AND NOT EXISTS (SELECT 1 FROM profile_grants x WHERE x.profile_id = g.profile_id AND x.permission = 'mail.any_recipient');
            """)
            // A mail's state moves after it was queued (sent, failed): the lead's revision moves with it.
            for (table, lead) in mailLeadTables {
                try db.execute(sql: """
                CREATE TRIGGER \(table)_revision_insert AFTER INSERT ON \(table) BEGIN
                    UPDATE leads SET revision = revision + 1 WHERE id = \(lead("NEW"));
                END;
                CREATE TRIGGER \(table)_revision_update AFTER UPDATE ON \(table) BEGIN
                    UPDATE leads SET revision = revision + 1 WHERE id IN (\(lead("OLD")), \(lead("NEW")));
                END;
                CREATE TRIGGER \(table)_revision_delete BEFORE DELETE ON \(table) BEGIN
                    UPDATE leads SET revision = revision + 1 WHERE id = \(lead("OLD"));
                END;
                """)
            }
        }
    }
}
