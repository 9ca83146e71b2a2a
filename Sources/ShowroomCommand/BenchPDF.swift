import ArgumentParser
import Foundation
import Pages

/// `showroom bench-pdf`: how long an order form takes to render, per page (target ≤ 10 ms),
/// and optionally the sample printouts written to a folder to look at.
struct BenchPDF: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-pdf",
        abstract: "Time the order-form PDF (sample data, nl/fr/en) and print ms per page; --out writes the sample PDFs.")
    @Option(help: "How many order forms to render (after 10 warm-up renders).")
    var count: Int = 300
    @Option(help: "A folder to write the sample quote overviews and order forms to (nl, fr, en; new car and margin scheme).")
    var out: String?

    func validate() throws {
        guard (1...100_000).contains(count) else { throw ValidationError("--count must be between 1 and 100000") }
    }

    func run() throws {
        let languages: [Language] = [.nl, .fr, .en]
        let model = PrintoutSamples.newCar
        for i in 0..<10 { _ = try OrderFormPrintout.render(model, language: languages[i % 3]) }
        var pages = 0, bytes = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for i in 0..<count {
            let (pdf, n) = try OrderFormPrintout.renderCountingPages(model, language: languages[i % 3])
            pages += n
            bytes += pdf.count
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        print(String(format: "order form: %d renders, %d pages, %.0f KB each: %.2f ms per render, %.2f ms per page",
                     count, pages, Double(bytes) / Double(count) / 1024, elapsed / Double(count), elapsed / Double(pages)))
        if let out {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for language in languages {
                for (name, model) in [("new", PrintoutSamples.newCar), ("margin", PrintoutSamples.usedMarginCar)] {
                    try Data(OrderFormPrintout.render(model, language: language))
                        .write(to: URL(fileURLWithPath: "\(out)/order-form-\(name)-\(language.rawValue).pdf"))
                    try Data(QuoteOverviewPrintout.render(model, language: language))
                        .write(to: URL(fileURLWithPath: "\(out)/quote-overview-\(name)-\(language.rawValue).pdf"))
                }
            }
            print("sample PDFs written to \(out)")
        }
    }
}
