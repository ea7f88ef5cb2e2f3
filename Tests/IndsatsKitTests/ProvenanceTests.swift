import CPopplerGlib
import Foundation
import Testing
@testable import IndsatsKit

/// Every field says where it came from; poppler, asked for the text inside
/// each reported box, must find the field's text there.
@Suite struct ProvenanceTests {
    /// Letters and digits only: poppler's own text for an area joins lines
    /// its way (a line-end hyphen glued to the next word), which is not ours.
    static func skeleton(_ text: String) -> String {
        String(text.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    static func spellingOutLigatures(_ text: String) -> String {
        text.unicodeScalars.map { (0xFB00...0xFB06).contains($0.value) ? String($0).precomposedStringWithCompatibilityMapping : String($0) }
            .joined()
    }

    static func isSubMultiset(_ needle: String, of haystack: String) -> Bool {
        var counts: [Character: Int] = [:]
        for c in haystack { counts[c, default: 0] += 1 }
        for c in needle {
            counts[c, default: 0] -= 1
            if counts[c]! < 0 { return false }
        }
        return true
    }

    @Test(arguments: ["Corpus/statusredegoerelse-2009-bif.pdf", "Corpus/statusredegoerelse-2009-bif.libreoffice.pdf",
                      "Corpus/statusredegoerelse-2009-bif.hostile.pdf"])
    func everyBoxHoldsItsFieldsText(_ relative: String) throws {
        let document = try Repo.extract(relative)
        let uri = URL(fileURLWithPath: Repo.path(relative).path).absoluteString
        var error: UnsafeMutablePointer<GError>?
        let pdf = try #require(poppler_document_new_from_file(uri, nil, &error))
        defer { g_object_unref(UnsafeMutableRawPointer(pdf)) }

        func text(page: Int, box: BBox) -> String {
            guard let p = poppler_document_get_page(pdf, Int32(page - 1)) else { return "" }
            defer { g_object_unref(UnsafeMutableRawPointer(p)) }
            var area = PopplerRectangle(x1: box.x0 - 1, y1: box.y0 - 1, x2: box.x1 + 1, y2: box.y1 + 1)
            guard let raw = poppler_page_get_text_for_area(p, &area) else { return "" }
            defer { g_free(raw) }
            return String(cString: raw)
        }

        var checked = 0
        for initiative in document.initiatives {
            for (key, value) in initiative.fields {
                let spans = try #require(initiative.spans[key], "\(initiative.number ?? "?") \(key) has no span")
                #expect(!spans.isEmpty)
                #expect(spans.map(\.page) == spans.map(\.page).sorted())
                #expect(spans.first?.page ?? 0 >= initiative.pages.first && spans.last?.page ?? 0 <= initiative.pages.last)
                let found = spans.map { span in text(page: span.page, box: span.bbox!) }.joined(separator: " ")
                // "./." has no letters: compare it without white space instead.
                let needle = Self.skeleton(value).isEmpty ? value : Self.skeleton(value)
                let haystack = Self.skeleton(value).isEmpty ? found.filter { !$0.isWhitespace } : Self.skeleton(found)
                if relative.contains("hostile") {
                    // Poppler reads an area in its drawing order, which this rendition
                    // scrambles (column by column, centred labels in the value's band), and
                    // keeps ligature code points: compare letters as multisets instead.
                    let letters = Self.skeleton(value).isEmpty ? haystack : Self.skeleton(Self.spellingOutLigatures(found))
                    #expect(Self.isSubMultiset(needle, of: letters),
                            "\(initiative.number ?? "?") \(key): '\(found)'")
                } else {
                    #expect(haystack.contains(needle), "\(initiative.number ?? "?") \(key): '\(found)'")
                }
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test func textInputSpansAreLineRanges() throws {
        let document = try Repo.extract("Corpus/statusredegoerelse-2009-bif.txt")
        let lines = try String(contentsOf: Repo.path("Corpus/statusredegoerelse-2009-bif.txt"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let first = try #require(document.initiatives.first)
        let span = try #require(first.spans["name"]?.first)
        #expect(span.bbox == nil)
        let range = try #require(span.lines)
        #expect(lines[range[0] - 1].hasPrefix("Navn på indsats Jobpatrulje"))
        // A field split by a page break has a span on each page.
        let split = try #require(document.initiatives.first { $0.number == "2.10" }?.spans["followUp"])
        #expect(split.count == 1)
        let status = try #require(document.initiatives.first { $0.number == "2.10" }?.spans["status"])
        #expect(status.map(\.page) == [16])
    }

    @Test func rowsSplitAcrossPagesHaveOneSpanPerPage() throws {
        let document = try Repo.extract("Corpus/statusredegoerelse-2009-bif.pdf")
        // Corpus/generator/README.md: 2.5 status splits over pages 10 and 11.
        let status = try #require(document.initiatives.first { $0.number == "2.5" }?.spans["status"])
        #expect(status.map(\.page) == [10, 11])
    }
}
