import Foundation
import Testing
@testable import IndsatsKit

/// Paths and shared fixtures for the tests: the checkout, its Corpus and
/// grammars, and `../shared` beside it when the workplace provides it.
enum Repo {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    static func path(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
    static var hasRealWorldPDFs: Bool {
        FileManager.default.fileExists(atPath: shared.appendingPathComponent("realworld-pdfs").path)
    }

    /// The grammar shipped in Grammars/.
    static let grammar: Grammar = {
        do { return try GrammarLoader.load(contentsOf: path("Grammars/kk-integration-status.yaml")) }
        catch { fatalError("the shipped grammar does not load: \(error)") }
    }()

    /// Extracts a Corpus file as the CLI would, with the path as given relative to the checkout.
    static func extract(_ relative: String) throws -> ReportDocument {
        let data = try Data(contentsOf: path(relative))
        let input = InputDocument(path: relative, data: data, format: try InputDocument.sniff(data, path: relative))
        return try Extractor(grammars: [grammar]).extract(input)
    }

    /// Extracts text given inline, with the shipped grammar.
    static func extractText(_ text: String) throws -> ReportDocument {
        let input = InputDocument(path: "inline.txt", data: Data(text.utf8), format: .text)
        return try Extractor(grammars: [grammar]).extract(input)
    }
}
