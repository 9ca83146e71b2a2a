import Showroom
import Web

/// Server-rendered inline SVG charts (no script, no library): horizontal bars, stacked bars
/// (in progress / won / lost, told apart by colour *and* pattern — dots, solid, hatching — with a
/// legend in words), and a line over time. Every bar and point is a link to exactly its leads,
/// named for screen readers; the same numbers and links are in the table under the chart.
enum InsightsCharts {
    static let width = 640
    static let labelWidth = 190
    static let rowHeight = 28

    static func section(_ h: inout HTML, _ table: InsightTableView, exportQuery: String, t: Translator) {
        h.raw("<section class=\"card insight\" id=\"insight-")
        h.attr(table.id)
        h.raw("\" aria-labelledby=\"h-")
        h.attr(table.id)
        h.raw("\"><div class=\"insight-head\"><h2 id=\"h-")
        h.attr(table.id)
        h.raw("\">")
        h.text(table.title)
        h.raw("</h2><a class=\"button small\" href=\"/insights/export/")
        h.attr(table.id)
        h.raw("?")
        h.attr(exportQuery)
        h.raw("\" download>")
        h.text(t("insights.csv"))
        h.raw("<span class=\"visually-hidden\">: ")
        h.text(table.title)
        h.raw("</span></a></div>")
        for s in table.summary {
            h.raw("<p class=\"insight-summary\">")
            h.text(s)
            h.raw("</p>")
        }
        if table.rows.isEmpty {
            h.raw("<p class=\"empty\">")
            h.text(t("insights.empty"))
            h.raw("</p></section>")
            return
        }
        switch table.chart {
        case .bars(let column): bars(&h, table, column: column)
        case .stacked(let p, let w, let l): stacked(&h, table, inProgress: p, won: w, lost: l, t: t)
        case .line(let column): line(&h, table, column: column)
        case .none: break
        }
        // The numbers, as a table (every count a link to its leads).
        h.raw("<div class=\"table-wrap\"><table class=\"insight-table\"><caption class=\"visually-hidden\">")
        h.text(table.title)
        h.raw("</caption><thead><tr>")
        for (i, col) in table.columns.enumerated() {
            h.raw(i == 0 ? "<th scope=\"col\">" : "<th scope=\"col\" class=\"num\">")
            h.text(col)
            h.raw("</th>")
        }
        h.raw("</tr></thead><tbody>")
        for row in table.rows {
            h.raw("<tr>")
            for (i, cell) in row.enumerated() {
                h.raw(i == 0 ? "<th scope=\"row\">" : "<td class=\"num\">")
                if let href = cell.href {
                    h.raw("<a href=\"")
                    h.attr(href)
                    h.raw("\">")
                    h.text(cell.text)
                    h.raw("</a>")
                } else {
                    h.text(cell.text)
                }
                h.raw(i == 0 ? "</th>" : "</td>")
            }
            h.raw("</tr>")
        }
        h.raw("</tbody></table></div></section>")
    }

    /// `label: value` for a bar's accessible name.
    static func name(_ row: [InsightCellView], _ column: InsightCellView, _ what: String? = nil) -> String {
        row[0].text + (what.map { " – " + $0 } ?? "") + ": " + column.text
    }

    static func open(_ h: inout HTML, _ table: InsightTableView, height: Int) {
        h.raw("<figure class=\"chart\" aria-labelledby=\"h-")
        h.attr(table.id)
        h.raw("\"><svg class=\"chart\" viewBox=\"0 0 ")
        h.int(width)
        h.raw(" ")
        h.int(height)
        h.raw("\" preserveAspectRatio=\"xMinYMin meet\">")
    }

    static func label(_ h: inout HTML, _ text: String, y: Int) {
        h.raw("<text class=\"chart-label\" x=\"")
        h.int(labelWidth - 8)
        h.raw("\" y=\"")
        h.int(y)
        h.raw("\" text-anchor=\"end\">")
        h.text(text.count > 26 ? String(text.prefix(25)) + "…" : text)
        h.raw("</text>")
    }

    static func rect(_ h: inout HTML, cls: StaticString, x: Int, y: Int, w: Int, height: Int) {
        h.raw("<rect class=\"")
        h.raw(cls)
        h.raw("\" x=\"")
        h.int(x)
        h.raw("\" y=\"")
        h.int(y)
        h.raw("\" width=\"")
        h.int(max(w, 1))
        h.raw("\" height=\"")
        h.int(height)
        h.raw("\"/>")
    }

    static func link(_ h: inout HTML, _ href: String?, name: String, _ body: (inout HTML) -> Void) {
        guard let href else { body(&h); return }
        h.raw("<a href=\"")
        h.attr(href)
        h.raw("\" aria-label=\"")
        h.attr(name)
        h.raw("\">")
        body(&h)
        h.raw("</a>")
    }

    static func bars(_ h: inout HTML, _ table: InsightTableView, column: Int) {
        let rows = table.rows
        let max = rows.compactMap { $0[column].value }.max() ?? 0
        let plot = width - labelWidth - 90
        open(&h, table, height: rows.count * rowHeight + 8)
        for (i, row) in rows.enumerated() {
            let y = 4 + i * rowHeight
            let cell = row[column]
            let v = cell.value ?? 0
            let w = max > 0 ? Int(Double(plot) * Double(v) / Double(max)) : 0
            label(&h, row[0].text, y: y + 18)
            link(&h, cell.href, name: name(row, cell)) { h in
                rect(&h, cls: "bar", x: labelWidth, y: y + 4, w: w, height: rowHeight - 8)
                h.raw("<text class=\"chart-value\" x=\"")
                h.int(labelWidth + w + 6)
                h.raw("\" y=\"")
                h.int(y + 18)
                h.raw("\">")
                h.text(cell.text)
                h.raw("</text>")
            }
        }
        h.raw("</svg></figure>")
    }

    static func patterns(_ h: inout HTML, id: String) {
        // Dots on blue (in progress), solid green (won), hatching on red (lost).
        h.raw("<defs><pattern id=\"p-")
        h.attr(id)
        h.raw("-progress\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect class=\"seg-progress\" width=\"6\" height=\"6\"/><circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"#fff\"/></pattern><pattern id=\"p-")
        h.attr(id)
        h.raw("-lost\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect class=\"seg-lost\" width=\"6\" height=\"6\"/><rect x=\"0\" y=\"0\" width=\"2\" height=\"6\" fill=\"#fff\"/></pattern></defs>")
    }

    static func fill(_ h: inout HTML, _ id: String, _ kind: String) {
        switch kind {
        case "won": h.raw(" class=\"seg-won\"")
        case "lost": h.raw(" fill=\"url(#p-"); h.attr(id); h.raw("-lost)\" stroke=\"#b91c1c\"")
        default: h.raw(" fill=\"url(#p-"); h.attr(id); h.raw("-progress)\" stroke=\"#1e40af\"")
        }
    }

    static func stacked(_ h: inout HTML, _ table: InsightTableView, inProgress: Int?, won: Int, lost: Int, t: Translator) {
        let rows = table.rows
        var parts: [(String, Int)] = []
        if let inProgress { parts.append(("progress", inProgress)) }
        parts += [("won", won), ("lost", lost)]
        let totals = rows.map { row in parts.reduce(Int64(0)) { $0 + (row[$1.1].value ?? 0) } }
        let max = totals.max() ?? 0
        let plot = width - labelWidth - 90
        open(&h, table, height: rows.count * rowHeight + 8)
        patterns(&h, id: table.id)
        for (i, row) in rows.enumerated() {
            let y = 4 + i * rowHeight
            label(&h, row[0].text, y: y + 18)
            var x = labelWidth
            for (kind, column) in parts {
                let cell = row[column]
                let v = cell.value ?? 0
                guard v > 0, max > 0 else { continue }
                let w = Int(Double(plot) * Double(v) / Double(max))
                link(&h, cell.href, name: name(row, cell, table.columns[column])) { h in
                    h.raw("<rect x=\"")
                    h.int(x)
                    h.raw("\" y=\"")
                    h.int(y + 4)
                    h.raw("\" width=\"")
                    h.int(Swift.max(w, 1))
                    h.raw("\" height=\"")
                    h.int(rowHeight - 8)
                    h.raw("\"")
                    fill(&h, table.id, kind)
                    h.raw("/>")
                }
                x += w
            }
            h.raw("<text class=\"chart-value\" x=\"")
            h.int(x + 6)
            h.raw("\" y=\"")
            h.int(y + 18)
            h.raw("\">")
            h.text(Format(t).count(Int(totals[i])))
            h.raw("</text>")
        }
        h.raw("</svg><figcaption class=\"legend\"><ul>")
        for (kind, column) in parts {
            h.raw("<li><svg class=\"swatch\" viewBox=\"0 0 16 16\" aria-hidden=\"true\"><rect width=\"16\" height=\"16\"")
            fill(&h, table.id, kind)
            h.raw("/></svg> ")
            h.text(table.columns[column])
            h.raw(kind == "won" ? " (" : " (")
            h.text(t(kind == "won" ? "insights.legend.solid" : kind == "lost" ? "insights.legend.hatched" : "insights.legend.dotted"))
            h.raw(")</li>")
        }
        h.raw("</ul></figcaption></figure>")
    }

    static func line(_ h: inout HTML, _ table: InsightTableView, column: Int) {
        let rows = table.rows
        let height = 220, left = 56, right = 16, top = 16, bottom = 40
        let max = Swift.max(1, rows.compactMap { $0[column].value }.max() ?? 0)
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ i: Int) -> Int { rows.count == 1 ? left + plotW / 2 : left + i * plotW / (rows.count - 1) }
        func y(_ v: Int64) -> Int { top + plotH - Int(Double(plotH) * Double(v) / Double(max)) }
        open(&h, table, height: height)
        // Axes: the baseline and the top value.
        h.raw("<line class=\"axis\" x1=\"")
        h.int(left)
        h.raw("\" y1=\"")
        h.int(top + plotH)
        h.raw("\" x2=\"")
        h.int(width - right)
        h.raw("\" y2=\"")
        h.int(top + plotH)
        h.raw("\"/><text class=\"chart-label\" x=\"")
        h.int(left - 6)
        h.raw("\" y=\"")
        h.int(top + 4)
        h.raw("\" text-anchor=\"end\">")
        h.text(Format(Translator(.nl)).count(Int(max))) // digits and dots only: the same in every language
        h.raw("</text><text class=\"chart-label\" x=\"")
        h.int(left - 6)
        h.raw("\" y=\"")
        h.int(top + plotH)
        h.raw("\" text-anchor=\"end\">0</text><polyline class=\"line\" points=\"")
        for (i, row) in rows.enumerated() {
            if i > 0 { h.raw(" ") }
            h.int(x(i))
            h.raw(",")
            h.int(y(row[column].value ?? 0))
        }
        h.raw("\"/>")
        let step = Swift.max(1, (rows.count + 5) / 6)
        for (i, row) in rows.enumerated() {
            let cell = row[column]
            link(&h, cell.href, name: name(row, cell)) { h in
                h.raw("<circle class=\"point\" cx=\"")
                h.int(x(i))
                h.raw("\" cy=\"")
                h.int(y(cell.value ?? 0))
                h.raw("\" r=\"5\"/>")
            }
            if i % step == 0 {
                h.raw("<text class=\"chart-label\" x=\"")
                h.int(x(i))
                h.raw("\" y=\"")
                h.int(height - 16)
                h.raw("\" text-anchor=\"middle\">")
                let text = row[0].text
                // A week's label is its first day; a month's its name.
                h.text(text.contains("–") ? String(text.split(separator: " ").first ?? "") : text)
                h.raw("</text>")
            }
        }
        h.raw("</svg></figure>")
    }
}
