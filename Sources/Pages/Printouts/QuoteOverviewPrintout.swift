import Printing
import Showroom

/// The customer-facing quote (offerteoverzicht): company header and logo, customer and
/// salesperson, the car, the WLTP figures of a new car, the lines, the totals (or the
/// margin-scheme mention), the trade-in credit and the validity date.
public enum QuoteOverviewPrintout {
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
        let title = t("print.quote.title", ["number": p.documentTitle])
        var blocks: [Block] = [
            p.header,
            .rule,
            .spacer(4),
            .text(title, style: .title),
            .keyValues([
                KeyValue(t("print.date"), p.date(model.date)),
                KeyValue(t("print.valid_until"), p.date(model.validUntil)),
            ], keyFraction: 0.2),
            .spacer(4),
            .sideBySide([p.customer(title: t("print.customer")), p.salesperson]),
            .spacer(4),
        ]
        blocks += p.car
        blocks.append(.spacer(4))
        blocks += p.lines
        blocks += p.totals
        if let tradeIn = model.tradeIn {
            blocks.append(.spacer(4))
            blocks += p.tradeInSummary(tradeIn)
        }
        blocks += [.spacer(6), .text(t("print.validity_note", ["date": p.date(model.validUntil)]), style: .bold)]
        return p.document(title: title, blocks: blocks)
    }
}
