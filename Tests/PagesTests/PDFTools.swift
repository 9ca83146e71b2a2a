import Foundation

/// poppler-utils (pdftotext, pdffonts, pdfimages, pdftoppm) run on a PDF in a temporary file.
enum PDFTools {
    // A copy of Tests/PrintingTests/PDFTools.swift (test targets cannot share files).
    struct Failure: Error { let message: String }

    static func run(_ tool: String, _ arguments: [String], pdf: [UInt8]) throws -> String {
        String(decoding: try runBytes(tool, arguments, pdf: pdf, trailingDash: tool == "pdftotext"), as: UTF8.self)
    }

    /// Runs `tool arguments… FILE [-]` (the PDF written to FILE), returning its standard output.
    static func runBytes(_ tool: String, _ arguments: [String], pdf: [UInt8], trailingDash: Bool, after: [String] = []) throws -> [UInt8] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pdftools-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("in.pdf")
        try Data(pdf).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        process.arguments = arguments + [file.path] + (trailingDash ? ["-"] : []) + after
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(message: "\(tool) failed: " + String(decoding: errors, as: UTF8.self))
        }
        return [UInt8](data)
    }

    /// The text of the PDF (or of one page), reading order, with the layout kept (`-layout`).
    static func text(_ pdf: [UInt8], page: Int? = nil, layout: Bool = false) throws -> String {
        var args: [String] = layout ? ["-layout"] : []
        if let page { args += ["-f", "\(page)", "-l", "\(page)"] }
        return try run("pdftotext", args, pdf: pdf)
    }

    /// pdffonts' rows: (name, embedded).
    static func fonts(_ pdf: [UInt8]) throws -> [(name: String, embedded: Bool)] {
        let out = try run("pdffonts", [], pdf: pdf).split(separator: "\n").dropFirst(2)
        return out.map { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            // name type [encoding…] emb sub uni object ID: "emb" is the 5th field from the end.
            return (String(fields[0]), fields[fields.count - 5] == "yes")
        }
    }

    /// The first page as a PNG or JPEG (`format` "png" or "jpeg") at `dpi`, made by pdftoppm.
    static func picture(_ pdf: [UInt8], format: String, dpi: Int) throws -> [UInt8] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pdftoppm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let root = dir.appendingPathComponent("page").path
        _ = try runBytes("pdftoppm", ["-\(format)", "-r", "\(dpi)", "-singlefile", "-f", "1", "-l", "1"], pdf: pdf, trailingDash: false, after: [root])
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + (format == "png" ? ".png" : ".jpg"))))
    }

    /// pdfinfo's "Pages:".
    static func pageCount(_ pdf: [UInt8]) throws -> Int {
        let info = try run("pdfinfo", [], pdf: pdf)
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        return Int(line.split(separator: " ").last ?? "") ?? 0
    }

    /// Text with every run of white space made one space, for matching phrases that wrap.
    static func flat(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\u{0C}" }).joined(separator: " ")
    }
}
