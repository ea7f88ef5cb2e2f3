import Foundation
import Testing
@testable import IndsatsKit

/// Corpus/statusredegoerelse-2009-bif.hostile.pdf draws the report the way
/// hostile exports do (cells column by column, vertically centred labels,
/// furniture mid-stream, ligatures, soft hyphens, word-by-word justified
/// text). Not all of it reads right yet, so this is no golden file: it pins
/// what does, so that it cannot regress, and names what does not.
@Suite struct HostileRenditionTests {
    static let readsRight = ["2.1", "2.2", "2.4", "2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.11", "2.12",
                             "2.13", "2.14", "3.1", "3.2", "3.3"]

    @Test func everyInitiativeReadsAsTheIndependentReading() throws {
        struct Entry: Decodable { var number: String; var fields: [String: String] }
        let reference = try JSONDecoder().decode(
            [Entry].self, from: Data(contentsOf: Repo.path("Corpus/generator/statusredegoerelse-2009-bif.fields.json")))
        let document = try Repo.extract("Corpus/statusredegoerelse-2009-bif.hostile.pdf")
        #expect(document.initiatives.map(\.number) == reference.map(\.number))
        for entry in reference where Self.readsRight.contains(entry.number) {
            let initiative = try #require(document.initiatives.first { $0.number == entry.number })
            for key in Set(initiative.fields.keys).union(entry.fields.keys).sorted() {
                #expect(initiative.fields[key] == entry.fields[key], "\(entry.number) \(key)")
            }
        }
    }
}
