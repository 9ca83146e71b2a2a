import CPangoCairo
import Foundation

/// The pinned font: DejaVu Sans regular, bold and oblique (Debian's fonts-dejavu-core). A
/// render sees only these three files, through a private fontconfig configuration, so the
/// output does not depend on the fonts a machine has.
public struct FontFiles: Sendable, Hashable {
    public var family: String
    public var regular: String
    public var bold: String
    public var oblique: String

    public init(directory: String, family: String = "DejaVu Sans") {
        self.family = family
        regular = directory + "/DejaVuSans.ttf"
        bold = directory + "/DejaVuSans-Bold.ttf"
        oblique = directory + "/DejaVuSans-Oblique.ttf"
    }

    public static let dejaVuSans = FontFiles(directory: "/usr/share/fonts/truetype/dejavu")
}

/// One fontconfig configuration per set of font files (built at the first render), and a pool
/// of pango font maps on it: a font map is not safe to share between threads, so each render
/// borrows one for its duration and gives it back.
final class FontLibrary: @unchecked Sendable {
    private static let registryLock = NSLock()
    nonisolated(unsafe) private static var registry: [FontFiles: FontLibrary] = [:]

    private let config: OpaquePointer
    private let lock = NSLock()
    private var idle: [UnsafeMutablePointer<PangoFontMap>] = []

    static func library(for files: FontFiles) throws -> FontLibrary {
        registryLock.lock()
        defer { registryLock.unlock() }
        if let found = registry[files] { return found }
        let made = try FontLibrary(files)
        registry[files] = made
        return made
    }

    private init(_ files: FontFiles) throws {
        for path in [files.regular, files.bold, files.oblique] where access(path, R_OK) != 0 {
            throw PrintingError.fontMissing(path: path)
        }
        guard let config = FcConfigCreate() else { throw PrintingError.fontUnusable(path: files.regular) }
        for path in [files.regular, files.bold, files.oblique] {
            let added = path.withCString { FcConfigAppFontAddFile(config, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) }
            if added == 0 {
                FcConfigDestroy(config)
                throw PrintingError.fontUnusable(path: path)
            }
        }
        self.config = config
    }

    /// Runs `body` with a font map no other thread uses meanwhile.
    func withFontMap<T>(_ body: (UnsafeMutablePointer<PangoFontMap>) throws -> T) rethrows -> T {
        lock.lock()
        let map = idle.popLast() ?? makeFontMap()
        lock.unlock()
        defer {
            lock.lock()
            idle.append(map)
            lock.unlock()
        }
        return try body(map)
    }

    private func makeFontMap() -> UnsafeMutablePointer<PangoFontMap> {
        let map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT)!
        pango_fc_font_map_set_config(OpaquePointer(map), config)
        // Sizes are given in points and the PDF's user unit is the point.
        pango_cairo_font_map_set_resolution(OpaquePointer(map), 72)
        return map
    }
}
