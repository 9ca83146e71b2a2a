/// An A4 document described as a flow of blocks; `render()` lays it out with pango (one pinned
/// font), breaks it into pages and writes a PDF through cairo. Knows nothing of what it prints.
public struct PrintDocument {
    /// PDF metadata: `creationDate` is given, never read from the clock, so the same document
    /// renders to the same bytes.
    public var title: String
    public var author: String
    public var creationDate: PrintDate
    public var margins: Margins
    /// A line at the foot of every page (it may wrap), left; the page label right.
    public var footer: String
    /// Makes the page label from (page, pages), e.g. `{ "pagina \($0) / \($1)" }`.
    public var pageLabel: (Int, Int) -> String
    public var blocks: [Block]
    public var fonts: FontFiles

    public init(title: String, author: String, creationDate: PrintDate, margins: Margins = Margins(),
                footer: String = "", pageLabel: @escaping (Int, Int) -> String = { "\($0) / \($1)" },
                blocks: [Block] = [], fonts: FontFiles = .dejaVuSans) {
        self.title = title; self.author = author; self.creationDate = creationDate; self.margins = margins
        self.footer = footer; self.pageLabel = pageLabel; self.blocks = blocks; self.fonts = fonts
    }

    /// The PDF's bytes. Throws `PrintingError` when a font file is missing or an image cannot
    /// be read. Safe to call from several threads at once.
    public func render() throws -> [UInt8] {
        try Renderer.render(self).bytes
    }

    /// The PDF's bytes and how many pages it has.
    public func renderCountingPages() throws -> (bytes: [UInt8], pages: Int) {
        try Renderer.render(self)
    }
}

/// A4 in PostScript points (1/72 inch).
public enum PageSize {
    public static let width = 595.2756
    public static let height = 841.8898
}

/// Page margins in points.
public struct Margins: Sendable, Equatable {
    public var top: Double, right: Double, bottom: Double, left: Double
    public init(top: Double = 40, right: Double = 42, bottom: Double = 36, left: Double = 42) {
        self.top = top; self.right = right; self.bottom = bottom; self.left = left
    }
}

/// A fixed moment for the PDF's creation date (written as given, in UTC).
public struct PrintDate: Sendable, Equatable {
    public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year; self.month = month; self.day = day; self.hour = hour; self.minute = minute; self.second = second
    }
    /// `2026-12-02T08:15:00Z`, the form cairo's PDF metadata takes.
    var iso8601: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))Z"
    }
}

/// Type styles of the one pinned family.
public enum TextStyle: Sendable, Equatable {
    case regular, bold, oblique, small, smallBold, large, largeBold, title

    public var size: Double {
        switch self {
        case .regular, .bold, .oblique: return 9
        case .small, .smallBold: return 7.5
        case .large, .largeBold: return 11
        case .title: return 16
        }
    }
    var bold: Bool { self == .bold || self == .smallBold || self == .largeBold || self == .title }
    var oblique: Bool { self == .oblique }
    /// The bold style of the same size (keys of a key/value block).
    public var boldVariant: TextStyle {
        switch self {
        case .small, .smallBold: return .smallBold
        case .large, .largeBold: return .largeBold
        case .title: return .title
        default: return .bold
        }
    }
}

public enum Alignment: Sendable, Equatable { case left, center, right }

/// One column of a table: its header, its share of the width (relative weights) and how its
/// cells align (numbers right).
public struct TableColumn: Sendable, Equatable {
    public var header: String
    public var width: Double
    public var alignment: Alignment
    public init(_ header: String, width: Double, alignment: Alignment = .left) {
        self.header = header; self.width = width; self.alignment = alignment
    }
}

/// One row of a table; cells wrap inside their column, and a row is never split across pages.
public struct TableRow: Sendable, Equatable {
    public var cells: [String]
    public var style: TextStyle
    public init(_ cells: [String], style: TextStyle = .regular) { self.cells = cells; self.style = style }
}

/// A label and its value, for the two-column key/value block.
public struct KeyValue: Sendable, Equatable {
    public var key: String, value: String
    public init(_ key: String, _ value: String) { self.key = key; self.value = value }
}

/// What a document is made of. Every block flows onto the next page when it does not fit:
/// text line by line, key/values and tables row by row (a table repeats its header row on each
/// new page), the others whole.
public indirect enum Block: Sendable {
    /// Wrapped text.
    case text(String, style: TextStyle = .regular, alignment: Alignment = .left)
    /// A bold heading that stays on the page of what follows it.
    case heading(String, style: TextStyle = .largeBold)
    /// Two columns: keys in bold (the given fraction of the width) and values, both in `style`'s size.
    case keyValues([KeyValue], keyFraction: Double = 0.34, style: TextStyle = .regular)
    /// A table with a header row (repeated on each page it spans).
    case table(columns: [TableColumn], rows: [TableRow])
    /// A framed box with an optional title, at least `minHeight` points tall; kept whole.
    case box(title: String?, content: [Block], minHeight: Double = 0)
    /// Blocks one under the other, kept whole on one page (a column of `sideBySide`).
    case stack([Block])
    /// Blocks side by side in equal columns, each kept whole (two signature boxes, two addresses).
    case sideBySide([Block], gap: Double = 14)
    /// A PNG or JPEG, scaled to fit `maxWidth` × `maxHeight` (never enlarged), aligned in the width.
    case image(bytes: [UInt8], maxWidth: Double, maxHeight: Double, alignment: Alignment = .left)
    /// Vertical space (dropped at the top of a page).
    case spacer(Double)
    /// A thin horizontal line across the width.
    case rule
}

public enum PrintingError: Error, Equatable, CustomStringConvertible {
    /// A file of the pinned font is missing or unreadable.
    case fontMissing(path: String)
    /// The font file exists but fontconfig cannot use it.
    case fontUnusable(path: String)
    /// Image bytes that are neither a readable PNG nor a JPEG with a frame header.
    case imageUnreadable(String)
    /// cairo reported an error while writing the PDF.
    case cairo(String)

    public var description: String {
        switch self {
        case .fontMissing(let p): return "PDF font missing: \(p) (install Debian's fonts-dejavu-core: scripts/install-deps.sh)"
        case .fontUnusable(let p): return "PDF font unusable by fontconfig: \(p)"
        case .imageUnreadable(let why): return "image unreadable: \(why)"
        case .cairo(let why): return "cairo: \(why)"
        }
    }
}
