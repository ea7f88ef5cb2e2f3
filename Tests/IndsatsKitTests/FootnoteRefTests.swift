import Foundation
import Testing
@testable import IndsatsKit

/// Footnote markers are taken out of values and kept as references, from
/// superscripts in a PDF and from digits glued to a word in text.
@Suite struct FootnoteRefTests {
    @Test func aSuperscriptInAPDFValueBecomesAReference() throws {
        // Corpus/fixtures/table.pdf: "Økonomi" | "Forbrug 32,9⁴ mio. kr. i 2009", footnote 4 at the foot.
        let document = try Repo.extract("Corpus/fixtures/table.pdf")
        let initiative = try #require(document.initiatives.first)
        #expect(initiative.fields["economy"] == "Forbrug 32,9 mio. kr. i 2009")
        #expect(initiative.footnoteRefs == ["economy": ["4"]])
        #expect(initiative.amounts.map(\.dkk) == [32_900_000])
        #expect(document.footnotes == [.init(marker: "4", text: "Heraf 2,1 mio. kr. fra puljen til særlige løft af området.", page: 1)])
        #expect(!initiative.warnings.contains { $0.code == .footnoteWithoutText })
    }

    @Test func gluedDigitsInTextAreAReferenceOnlyWhenTheFootnoteExists() throws {
        let report = """
            2.1 Status for Alfa

            Navn på indsats Alfa
            Økonomi Se økonomioversigten.1 og Integration3
            Målgruppe Mænd i alderen 25-60 år, 2 CO2-kvoter, indvandrere2)
            Status ift. målopfyldelse Målet er nået.

            1 Beløbet er foreløbigt, se pct.1 ovenfor.
            """
        let document = try Repo.extractText(report)
        let alfa = try #require(document.initiatives.first)
        #expect(alfa.fields["economy"] == "Se økonomioversigten. og Integration3")
        #expect(alfa.footnoteRefs == ["economy": ["1"]])
        // "1)"-style list numbering and numbers inside words stay as printed.
        #expect(alfa.fields["targetGroup"] == "Mænd i alderen 25-60 år, 2 CO2-kvoter, indvandrere2)")
        #expect(document.footnotes.map(\.marker) == ["1"])
    }

    @Test func gluedMarkerShapes() {
        #expect(GluedMarkers.split("pct.1")! == ("pct.", 1))
        #expect(GluedMarkers.split("Integration3")! == ("Integration", 3))
        #expect(GluedMarkers.split("32,94") == nil)
        #expect(GluedMarkers.split("2009") == nil)
        #expect(GluedMarkers.split("indvandrere2)") == nil)
        #expect(GluedMarkers.split("a123") == nil)
    }
}

/// Notes collected in a "Noter" block at a section's end (issue 3, part 2),
/// on another page than their references.
@Suite struct NotesBlockTests {
    static let report = """
        Statusredegørelse for Testforvaltningens integrationsindsats 2010

        2.1 Status for Alfa
        Navn på indsats Alfa
        Økonomi 1 mio. kr.
        Målgruppe Alle
        Beskriv aktiviteterne Møder.
        Mål Flere møder, 40 pct.7
        Status ift. målopfyldelse Fire møder.8
         Noter
        7 Målt i 2009.
        8 Se bilag 2, som
        Målgruppe-delen forklarer.

        2.2 Status for Beta
        Navn på indsats Beta
        Økonomi 2 mio. kr.
        Målgruppe Unge
        Beskriv aktiviteterne Kurser.
        Mål Flere kurser
        Status ift. målopfyldelse Tre kurser
        """

    @Test func notesAreFootnotesAndEndTheBlock() throws {
        let document = try Repo.extractText(Self.report)
        #expect(document.footnotes.map { [$0.marker, $0.text] }
                == [["7", "Målt i 2009."], ["8", "Se bilag 2, som Målgruppe-delen forklarer."]])
        #expect(document.footnotes.map(\.page) == [2, 2])
        let alfa = try #require(document.initiatives.first { $0.number == "2.1" })
        #expect(alfa.fields["goal"] == "Flere møder, 40 pct.")
        #expect(alfa.fields["status"] == "Fire møder.")
        #expect(alfa.footnoteRefs == ["goal": ["7"], "status": ["8"]])
        #expect(alfa.pages == .init(first: 1, last: 1))
        #expect(alfa.warnings.isEmpty && document.warnings.isEmpty)
        let beta = try #require(document.initiatives.first { $0.number == "2.2" })
        #expect(beta.fields["status"] == "Tre kurser" && beta.warnings.isEmpty)
    }

    /// Without a notes pattern the same lines are no footnotes: the grammar decides.
    @Test func withoutANotesPatternTheyAreNot() throws {
        var grammar = Repo.grammar
        grammar.notes = nil
        let document = try Extractor(grammars: [grammar]).extract(.init(path: "x.txt", data: Data(Self.report.utf8), format: .text))
        #expect(document.footnotes.isEmpty)
    }
}
