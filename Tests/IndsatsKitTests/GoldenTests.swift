import Foundation
import Testing
@testable import IndsatsKit

/// Every report in Corpus/ against its hand-checked expected JSON in
/// Corpus/expected/, byte for byte. The only normalisation is the source
/// path, which is given relative to the checkout, as a user in it would.
///
/// After an intended change of output, `INDSATS_UPDATE_GOLDEN=1 swift test
/// --filter GoldenTests` rewrites the expected files; review their diff like code.
@Suite struct GoldenTests {
    static let reports = [
        "Corpus/statusredegoerelse-2009-bif.txt",
        "Corpus/statusredegoerelse-2009-bif.pdf",
        // The same report from a second producer (LibreOffice: real table cells, real footnotes).
        "Corpus/statusredegoerelse-2009-bif.libreoffice.pdf",
        // Drawn the way hostile exports do (column by column, centred labels, soft
        // hyphens, repeated header rows, a nested table, a landscape page).
        "Corpus/statusredegoerelse-2009-bif.hostile.pdf",
    ]

    static func expectedPath(_ report: String) -> String {
        "Corpus/expected/" + (report as NSString).lastPathComponent + ".json"
    }

    @Test(arguments: reports) func matchesExpectedJSON(_ report: String) throws {
        let actual = try JSONOutput.encode(try Repo.extract(report))
        let expectedURL = Repo.path(Self.expectedPath(report))
        if ProcessInfo.processInfo.environment["INDSATS_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: expectedURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: expectedURL, options: .atomic)
        }
        let expected = try Data(contentsOf: expectedURL)
        if actual != expected {
            let dump = FileManager.default.temporaryDirectory.appendingPathComponent((report as NSString).lastPathComponent + ".actual.json")
            try actual.write(to: dump)
            Issue.record("\(report) differs from \(Self.expectedPath(report)); actual output in \(dump.path)")
        }
    }

    /// The independent, hand-checked reading of the seed in Corpus/generator
    /// (made by a separate scan, not by indsats) agrees with every rendition.
    @Test(arguments: reports) func fieldsAgreeWithTheIndependentReading(_ report: String) throws {
        struct Entry: Decodable { var number: String; var heading: String; var fields: [String: String] }
        let data = try Data(contentsOf: Repo.path("Corpus/generator/statusredegoerelse-2009-bif.fields.json"))
        let reference = try JSONDecoder().decode([Entry].self, from: data)
        let document = try Repo.extract(report)
        #expect(document.initiatives.map(\.number) == reference.map(\.number))
        for (initiative, entry) in zip(document.initiatives, reference) {
            #expect(initiative.heading == entry.heading)
            for key in Set(initiative.fields.keys).union(entry.fields.keys).sorted() {
                #expect(initiative.fields[key] == entry.fields[key], "\(entry.number) \(key)")
            }
        }
    }

    /// Every producer gives the same footnotes (only their pages may differ).
    @Test func footnotesAgreeAcrossProducers() throws {
        let readings = try Self.reports.map { try Repo.extract($0).footnotes.map { [$0.marker, $0.text] } }
        #expect(readings.count == 4)
        for reading in readings.dropFirst() { #expect(reading == readings[0]) }
        #expect(readings[0].map { $0[0] } == ["1", "2", "3", "4", "5"])
    }

    @Test(arguments: reports) func sameInputSameBytes(_ report: String) throws {
        #expect(try JSONOutput.encode(try Repo.extract(report)) == JSONOutput.encode(try Repo.extract(report)))
    }
}
