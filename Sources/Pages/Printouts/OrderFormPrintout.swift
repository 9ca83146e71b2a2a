import Printing
import Showroom

/// The order form (bestelbon) of a consumer car sale, with every item of the KB of 5 April 2019
/// (numbers in the comments) and the company mentions of art. 2:20 WVV in the footer of every page.
public enum OrderFormPrintout {
    /// The PDF in `language`. Throws `PrintingError` when the pinned font is missing or the
    /// logo cannot be read.
    public static func render(_ model: PrintoutModel, language: Language) throws -> [UInt8] {
        try document(model, language: language).render()
    }

    /// The PDF and its number of pages.
    public static func renderCountingPages(_ model: PrintoutModel, language: Language) throws -> (bytes: [UInt8], pages: Int) {
        try document(model, language: language).renderCountingPages()
    }

    static func document(_ model: PrintoutModel, language: Language) -> PrintDocument {
        let p = PrintoutParts(model, language)
        let t = p.t
        let title = t("print.order.title", ["number": p.documentTitle])
        var blocks: [Block] = [
            p.header,
            .rule,
            .spacer(4),
            .text(title, style: .title),
            // 3. Place and date of signing.
            .keyValues([KeyValue(t("print.order.signing"), model.placeOfSigning + ", " + p.date(model.date))], keyFraction: 0.36),
            .spacer(4),
            // 1. The dealer; 2. the consumer.
            .sideBySide([p.seller, p.customer(title: t("print.buyer"))]),
            .spacer(4),
        ]
        // 4. The car; 13. WLTP and CO₂ of a new car, beside it.
        blocks += p.car
        blocks.append(.spacer(4))
        // 7. The total price, all in, that cannot rise.
        blocks += p.lines
        blocks += p.totals
        blocks.append(.text(t(model.marginScheme ? "print.order.total_statement_margin" : "print.order.total_statement"), style: .small))
        // 6. The trade-in.
        if let tradeIn = model.tradeIn {
            blocks.append(.spacer(4))
            blocks += p.tradeIn(tradeIn)
        }
        blocks.append(.spacer(4))
        // 8. Deposit; 9. latest delivery; 10. warranties; 11. withdrawal.
        let deposit = model.depositCents > 0 ? p.money(model.depositCents) : t("print.order.no_deposit")
        var conditions = [KeyValue(t("print.order.deposit"), deposit)]
        if model.depositCents > 0 {
            conditions.append(KeyValue(t("print.order.balance"), p.money(model.totals.inclVATCents - model.depositCents)))
        }
        conditions += [
            KeyValue(t("print.order.delivery"), model.latestDelivery.map(p.date) ?? t("print.order.delivery_default")),
            KeyValue(t("print.order.legal_warranty"), model.legalWarranty),
            KeyValue(t("print.order.commercial_warranty"),
                     model.commercialWarranty.isEmpty ? t("print.order.no_commercial_warranty") : model.commercialWarranty),
            KeyValue(t("print.order.withdrawal"),
                     t(model.saleChannel == .showroom ? "print.order.withdrawal_none" : "print.order.withdrawal_14")),
        ]
        blocks += [.heading(t("print.order.conditions")), .keyValues(conditions)]
        // 12. Documents handed over.
        let documents = model.documentsHandedOver.map { "☑ " + t("print.order.doc." + $0.rawValue) }
        blocks += [.heading(t("print.order.documents")), .text(documents.joined(separator: "    "))]
        if model.documentsHandedOver.contains(.carPass) { blocks.append(.text(t("print.order.carpass_note"), style: .small)) }
        blocks.append(.spacer(4))
        // 5. Specific essential characteristics (may be empty).
        blocks.append(.box(title: t("print.order.essentials"), content: [
            .text(t("print.order.essentials_hint"), style: .small),
            .text(model.essentialCharacteristics),
        ], minHeight: 64))
        blocks.append(.spacer(6))
        // 14. Signatures.
        let signature = { (title: String) -> Block in
            .box(title: title, content: [.text(t("print.order.read_and_approved"), style: .small)], minHeight: 78)
        }
        blocks.append(.sideBySide([signature(t("print.order.signature_buyer")), signature(t("print.order.signature_seller"))]))
        blocks.append(.text(t("print.order.copies"), style: .small))
        return p.document(title: title, blocks: blocks)
    }
}
