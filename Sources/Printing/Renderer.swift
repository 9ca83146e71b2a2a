import CPangoCairo
import Foundation

/// Something drawn on a page, at coordinates relative to the unit that holds it.
enum Item {
    /// A whole pango layout with its top-left corner at (x, y).
    case layout(OpaquePointer, x: Double, y: Double)
    /// One line of a layout, its baseline starting at (x, y).
    case line(OpaquePointer, index: Int32, x: Double, y: Double)
    case frame(x: Double, y: Double, width: Double, height: Double)
    case fill(x: Double, y: Double, width: Double, height: Double, gray: Double)
    case hline(x: Double, y: Double, width: Double, gray: Double)
    case image(OpaquePointer, x: Double, y: Double, scale: Double)

    func offset(_ dx: Double, _ dy: Double) -> Item {
        switch self {
        case let .layout(l, x, y): return .layout(l, x: x + dx, y: y + dy)
        case let .line(l, i, x, y): return .line(l, index: i, x: x + dx, y: y + dy)
        case let .frame(x, y, w, h): return .frame(x: x + dx, y: y + dy, width: w, height: h)
        case let .fill(x, y, w, h, g): return .fill(x: x + dx, y: y + dy, width: w, height: h, gray: g)
        case let .hline(x, y, w, g): return .hline(x: x + dx, y: y + dy, width: w, gray: g)
        case let .image(s, x, y, k): return .image(s, x: x + dx, y: y + dy, scale: k)
        }
    }
}

/// A piece that is never split across pages.
struct Unit {
    var height: Double
    var items: [Item]
    var droppedAtPageTop = false
}

/// A block made into units; `header` is placed before the first unit and again at the top of
/// every page the block continues on.
struct Flow {
    var units: [Unit]
    var header: Unit? = nil
    var keepWithNext = false
}

private final class Sink {
    var bytes: [UInt8] = []
}

private final class Source {
    let bytes: [UInt8]
    var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
}

/// One render: owns every pango and cairo object it makes and frees them at the end.
final class Renderer {
    private let document: PrintDocument
    private let context: OpaquePointer        // PangoContext
    private var fonts: [TextStyle: OpaquePointer] = [:]
    private var layouts: [OpaquePointer] = []
    private var surfaces: [OpaquePointer] = []
    private let gap = 6.0                     // space after each top-level block
    private let cellPadX = 3.0, cellPadY = 2.5

    private init(_ document: PrintDocument, context: OpaquePointer) {
        self.document = document
        self.context = context
    }

    deinit {
        for l in layouts { g_object_unref(UnsafeMutableRawPointer(l)) }
        for s in surfaces { cairo_surface_destroy(s) }
        for f in fonts.values { pango_font_description_free(f) }
    }

    static func render(_ document: PrintDocument) throws -> (bytes: [UInt8], pages: Int) {
        let library = try FontLibrary.library(for: document.fonts)
        return try library.withFontMap { map in try render(document, map: map) }
    }

    private static func render(_ document: PrintDocument, map: UnsafeMutablePointer<PangoFontMap>) throws -> (bytes: [UInt8], pages: Int) {
        let sink = Sink()
        let box = Unmanaged.passRetained(sink)
        defer { box.release() }
        let write: cairo_write_func_t = { closure, data, length in
            let sink = Unmanaged<Sink>.fromOpaque(closure!).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }
        guard let surface = cairo_pdf_surface_create_for_stream(write, box.toOpaque(), PageSize.width, PageSize.height) else {
            throw PrintingError.cairo("no PDF surface")
        }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, document.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, document.author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Showroom")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, document.creationDate.iso8601)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, document.creationDate.iso8601)
        let cr = cairo_create(surface)!

        let context = pango_font_map_create_context(map)!
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_cairo_update_context(cr, context)

        var pageCount = 0
        var failure: Error? = nil
        do {
            let renderer = Renderer(document, context: context)
            let pages = try renderer.layOut()
            pageCount = pages.count
            renderer.draw(pages, cr: cr)
        } catch {
            failure = error
        }
        g_object_unref(UnsafeMutableRawPointer(context))
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        if let failure { throw failure }
        guard status == CAIRO_STATUS_SUCCESS else { throw PrintingError.cairo(String(cString: cairo_status_to_string(status))) }
        return (sink.bytes, pageCount)
    }

    // MARK: Text

    private func font(_ style: TextStyle) -> OpaquePointer {
        if let f = fonts[style] { return f }
        let f = pango_font_description_new()!
        pango_font_description_set_family(f, document.fonts.family)
        pango_font_description_set_weight(f, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_style(f, style.oblique ? PANGO_STYLE_OBLIQUE : PANGO_STYLE_NORMAL)
        pango_font_description_set_absolute_size(f, style.size * Double(PANGO_SCALE))
        fonts[style] = f
        return f
    }

    /// A layout of `text` wrapped at `width` points.
    private func layout(_ text: String, _ style: TextStyle, width: Double, alignment: Alignment = .left) -> OpaquePointer {
        let l = pango_layout_new(context)!
        layouts.append(l)
        pango_layout_set_font_description(l, font(style))
        pango_layout_set_width(l, Int32(max(1, width) * Double(PANGO_SCALE)))
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR)
        switch alignment {
        case .left: pango_layout_set_alignment(l, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(l, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT)
        }
        pango_layout_set_text(l, text, -1)
        return l
    }

    /// The layout's height in points, as pango measured it.
    private func height(_ l: OpaquePointer) -> Double {
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(l, &w, &h)
        return Double(h) / Double(PANGO_SCALE)
    }

    /// One unit per line, so long text can continue on the next page.
    private func lineUnits(_ l: OpaquePointer) -> [Unit] {
        var units: [Unit] = []
        let iter = pango_layout_get_iter(l)!
        var index: Int32 = 0
        repeat {
            var ink = PangoRectangle(), logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, &ink, &logical)
            let baseline = pango_layout_iter_get_baseline(iter)
            let scale = Double(PANGO_SCALE)
            units.append(Unit(height: Double(logical.height) / scale,
                              items: [.line(l, index: index, x: Double(logical.x) / scale, y: Double(baseline - logical.y) / scale)]))
            index += 1
        } while pango_layout_iter_next_line(iter) != 0
        pango_layout_iter_free(iter)
        return units
    }

    /// No paragraph leaves one line alone at the foot or the head of a page: up to four lines
    /// stay together, and longer ones keep their first two and last two lines together.
    private func keepingParagraphEnds(_ lines: [Unit]) -> [Unit] {
        func merged(_ part: ArraySlice<Unit>) -> Unit {
            var items: [Item] = []
            var y = 0.0
            for u in part {
                items += u.items.map { $0.offset(0, y) }
                y += u.height
            }
            return Unit(height: y, items: items)
        }
        if lines.count <= 4 { return [merged(lines[...])] }
        return [merged(lines.prefix(2))] + Array(lines.dropFirst(2).dropLast(2)) + [merged(lines.suffix(2))]
    }

    // MARK: Blocks

    private func flow(_ block: Block, width: Double) throws -> Flow {
        switch block {
        case let .text(text, style, alignment):
            return Flow(units: keepingParagraphEnds(lineUnits(layout(text, style, width: width, alignment: alignment))))
        case let .heading(text, style):
            let l = layout(text, style, width: width)
            return Flow(units: [Unit(height: height(l) + 2, items: [.layout(l, x: 0, y: 0)])], keepWithNext: true)
        case let .keyValues(pairs, fraction, style):
            let keyWidth = width * fraction
            let units = pairs.map { pair -> Unit in
                let k = layout(pair.key, style.boldVariant, width: keyWidth - 6)
                let v = layout(pair.value, style, width: width - keyWidth)
                return Unit(height: max(height(k), height(v)) + 1.5, items: [.layout(k, x: 0, y: 0), .layout(v, x: keyWidth, y: 0)])
            }
            return Flow(units: units)
        case let .table(columns, rows):
            let total = columns.reduce(0) { $0 + $1.width }
            let widths = columns.map { width * $0.width / total }
            let header = tableRow(columns.map(\.header), widths: widths, columns: columns, style: .smallBold, isHeader: true)
            let units = rows.map { tableRow($0.cells, widths: widths, columns: columns, style: $0.style, isHeader: false) }
            return Flow(units: units, header: header)
        case .box, .sideBySide, .image, .stack:
            return Flow(units: [try whole(block, width: width)])
        case let .spacer(h):
            return Flow(units: [Unit(height: h, items: [], droppedAtPageTop: true)])
        case .rule:
            return Flow(units: [Unit(height: 4, items: [.hline(x: 0, y: 2, width: width, gray: 0.4)], droppedAtPageTop: true)])
        }
    }

    private func tableRow(_ cells: [String], widths: [Double], columns: [TableColumn], style: TextStyle, isHeader: Bool) -> Unit {
        var items: [Item] = []
        var x = 0.0, tallest = 0.0
        for (i, w) in widths.enumerated() {
            let text = i < cells.count ? cells[i] : ""
            let l = layout(text, style, width: w - 2 * cellPadX, alignment: columns[i].alignment)
            tallest = max(tallest, height(l))
            items.append(.layout(l, x: x + cellPadX, y: cellPadY))
            x += w
        }
        let h = tallest + 2 * cellPadY
        if isHeader {
            items.insert(.fill(x: 0, y: 0, width: x, height: h, gray: 0.88), at: 0)
        } else {
            items.append(.hline(x: 0, y: h, width: x, gray: 0.7))
        }
        return Unit(height: h, items: items)
    }

    /// A block as one unit: all its pieces stacked.
    private func whole(_ block: Block, width: Double) throws -> Unit {
        switch block {
        case let .box(title, content, minHeight):
            let pad = 5.0
            var items: [Item] = []
            var y = pad
            if let title {
                let l = layout(title, .smallBold, width: width - 2 * pad)
                items.append(.layout(l, x: pad, y: y))
                y += height(l) + 3
            }
            for (i, inner) in content.enumerated() {
                let u = try whole(inner, width: width - 2 * pad)
                items += u.items.map { $0.offset(pad, y) }
                y += u.height + (i == content.count - 1 ? 0 : 3)
            }
            let h = max(minHeight, y + pad)
            items.insert(.frame(x: 0, y: 0, width: width, height: h), at: 0)
            return Unit(height: h, items: items)
        case let .stack(blocks):
            var items: [Item] = []
            var y = 0.0
            for (i, inner) in blocks.enumerated() {
                let u = try whole(inner, width: width)
                items += u.items.map { $0.offset(0, y) }
                y += u.height + (i == blocks.count - 1 ? 0 : 3)
            }
            return Unit(height: y, items: items)
        case let .sideBySide(blocks, gap):
            guard !blocks.isEmpty else { return Unit(height: 0, items: []) }
            let w = (width - gap * Double(blocks.count - 1)) / Double(blocks.count)
            var items: [Item] = []
            var tallest = 0.0
            for (i, inner) in blocks.enumerated() {
                let u = try whole(inner, width: w)
                items += u.items.map { $0.offset(Double(i) * (w + gap), 0) }
                tallest = max(tallest, u.height)
            }
            return Unit(height: tallest, items: items)
        case let .image(bytes, maxWidth, maxHeight, alignment):
            let (surface, w, h) = try image(bytes)
            let scale = min(1, min(maxWidth, width) / w, maxHeight / h)
            let drawn = w * scale
            let x: Double
            switch alignment {
            case .left: x = 0
            case .center: x = (width - drawn) / 2
            case .right: x = width - drawn
            }
            return Unit(height: h * scale, items: [.image(surface, x: x, y: 0, scale: scale)])
        default:
            let f = try flow(block, width: width)
            var items: [Item] = []
            var y = 0.0
            for u in [f.header].compactMap({ $0 }) + f.units {
                items += u.items.map { $0.offset(0, y) }
                y += u.height
            }
            return Unit(height: y, items: items)
        }
    }

    // MARK: Images

    /// A cairo surface for PNG or JPEG bytes, and its size in pixels (drawn at 1 pt per pixel
    /// before scaling).
    private func image(_ bytes: [UInt8]) throws -> (OpaquePointer, Double, Double) {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            let source = Source(bytes)
            let box = Unmanaged.passRetained(source)
            defer { box.release() }
            let read: cairo_read_func_t = { closure, data, length in
                let source = Unmanaged<Source>.fromOpaque(closure!).takeUnretainedValue()
                let n = Int(length)
                guard source.offset + n <= source.bytes.count else { return CAIRO_STATUS_READ_ERROR }
                source.bytes.withUnsafeBufferPointer { buffer in
                    data!.update(from: buffer.baseAddress! + source.offset, count: n)
                }
                source.offset += n
                return CAIRO_STATUS_SUCCESS
            }
            let surface = cairo_image_surface_create_from_png_stream(read, box.toOpaque())!
            guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
                cairo_surface_destroy(surface)
                throw PrintingError.imageUnreadable("PNG")
            }
            surfaces.append(surface)
            return (surface, Double(cairo_image_surface_get_width(surface)), Double(cairo_image_surface_get_height(surface)))
        }
        if bytes.starts(with: [0xFF, 0xD8]) {
            guard let (w, h) = JPEG.size(bytes), w > 0, h > 0 else { throw PrintingError.imageUnreadable("JPEG without a frame header") }
            let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(w), Int32(h))!
            // cairo's PDF backend embeds the JPEG itself (DCTDecode) when the mime data is set.
            let copy = malloc(bytes.count)!
            bytes.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
            let status = cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_JPEG, copy.assumingMemoryBound(to: UInt8.self),
                                                     UInt(bytes.count), { free($0) }, copy)
            guard status == CAIRO_STATUS_SUCCESS else {
                free(copy)
                cairo_surface_destroy(surface)
                throw PrintingError.imageUnreadable("JPEG")
            }
            surfaces.append(surface)
            return (surface, Double(w), Double(h))
        }
        throw PrintingError.imageUnreadable("neither PNG nor JPEG")
    }

    // MARK: Pages

    private var contentWidth: Double { PageSize.width - document.margins.left - document.margins.right }

    private var footerLayout: OpaquePointer?
    private var footerHeight = 0.0
    private let footerLabelWidth = 70.0

    /// Places every block on pages; returns each page's items in page coordinates.
    private func layOut() throws -> [[Item]] {
        let m = document.margins
        let width = contentWidth
        if !document.footer.isEmpty {
            let l = layout(document.footer, .small, width: width - footerLabelWidth - 8)
            footerLayout = l
            footerHeight = height(l)
        } else {
            footerHeight = TextStyle.small.size * 1.2
        }
        let top = m.top
        let bottom = PageSize.height - m.bottom - footerHeight - 8
        let flows = try document.blocks.map { try flow($0, width: width) }

        var pages: [[Item]] = [[]]
        var y = top
        func place(_ u: Unit) {
            pages[pages.count - 1] += u.items.map { $0.offset(m.left, y) }
            y += u.height
        }
        func newPage() {
            pages.append([])
            y = top
        }
        for (i, f) in flows.enumerated() {
            for (j, unit) in f.units.enumerated() {
                if unit.droppedAtPageTop && y <= top { continue }
                var need = unit.height
                if j == 0 {
                    need += f.header?.height ?? 0
                    if f.keepWithNext, i + 1 < flows.count, let next = flows[i + 1].units.first {
                        need += gap + next.height + (flows[i + 1].header?.height ?? 0)
                    }
                }
                if y + need > bottom && y > top {
                    newPage()
                    if j > 0, let header = f.header { place(header) }
                }
                if j == 0, let header = f.header { place(header) }
                place(unit)
            }
            if i + 1 < flows.count, !f.keepWithNext || true { y += f.keepWithNext ? 2 : gap }
        }
        if pages.count > 1 && pages[pages.count - 1].isEmpty { pages.removeLast() }
        return pages
    }

    private func draw(_ pages: [[Item]], cr: OpaquePointer) {
        let m = document.margins
        let footerTop = PageSize.height - m.bottom - footerHeight
        for (n, page) in pages.enumerated() {
            cairo_set_source_rgb(cr, 0, 0, 0)
            for item in page { draw(item, cr: cr) }
            draw(.hline(x: m.left, y: footerTop - 4, width: contentWidth, gray: 0.5), cr: cr)
            cairo_set_source_rgb(cr, 0.25, 0.25, 0.25)
            if let footerLayout {
                draw(.layout(footerLayout, x: m.left, y: footerTop), cr: cr)
            }
            let label = layout(document.pageLabel(n + 1, pages.count), .small, width: footerLabelWidth, alignment: .right)
            draw(.layout(label, x: m.left + contentWidth - footerLabelWidth, y: footerTop), cr: cr)
            cairo_show_page(cr)
        }
    }

    private func draw(_ item: Item, cr: OpaquePointer) {
        switch item {
        case let .layout(l, x, y):
            cairo_move_to(cr, x, y)
            pango_cairo_show_layout(cr, l)
        case let .line(l, index, x, y):
            cairo_move_to(cr, x, y)
            pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(l, index))
        case let .frame(x, y, w, h):
            cairo_save(cr)
            cairo_set_line_width(cr, 0.6)
            cairo_rectangle(cr, x, y, w, h)
            cairo_stroke(cr)
            cairo_restore(cr)
        case let .fill(x, y, w, h, gray):
            cairo_save(cr)
            cairo_set_source_rgb(cr, gray, gray, gray)
            cairo_rectangle(cr, x, y, w, h)
            cairo_fill(cr)
            cairo_restore(cr)
        case let .hline(x, y, w, gray):
            cairo_save(cr)
            cairo_set_source_rgb(cr, gray, gray, gray)
            cairo_set_line_width(cr, 0.4)
            cairo_move_to(cr, x, y)
            cairo_line_to(cr, x + w, y)
            cairo_stroke(cr)
            cairo_restore(cr)
        case let .image(surface, x, y, scale):
            cairo_save(cr)
            cairo_translate(cr, x, y)
            cairo_scale(cr, scale, scale)
            cairo_set_source_surface(cr, surface, 0, 0)
            cairo_paint(cr)
            cairo_restore(cr)
        }
    }
}

/// The pixel size of a JPEG, from its first start-of-frame marker.
enum JPEG {
    static func size(_ b: [UInt8]) -> (Int, Int)? {
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
            let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
            if (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC {
                let height = Int(b[i + 5]) << 8 | Int(b[i + 6])
                let width = Int(b[i + 7]) << 8 | Int(b[i + 8])
                return (width, height)
            }
            if marker == 0xD9 || marker == 0xDA { return nil }
            i += 2 + length
        }
        return nil
    }
}
