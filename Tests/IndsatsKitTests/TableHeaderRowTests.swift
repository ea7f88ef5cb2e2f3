import Testing
@testable import IndsatsKit

/// A table's header row and its copies on continued pages are no row (issue 3, part 7).
@Suite struct TableHeaderRowTests {
    static func line(_ page: Int, _ label: String?, _ value: String?, top: Double, startsPage: Bool = false) -> SourceLine {
        var parts: [SourceLine.Part] = []
        if let label { parts.append(.init(column: .label, text: label, at: .init(page: page, bbox: BBox(x0: 60, y0: top, x1: 150, y1: top + 10)))) }
        if let value { parts.append(.init(column: .value, text: value, at: .init(page: page, bbox: BBox(x0: 200, y0: top, x1: 500, y1: top + 10)))) }
        return SourceLine(page: page, parts: parts, gapBefore: startsPage, startsPage: startsPage)
    }

    @Test func headerRowsAtTheTopOfATableAndOfContinuedPagesAreTakenOut() {
        let lines = [
            Self.line(1, "Indsats", "Beskrivelse", top: 100, startsPage: true),
            Self.line(1, "Navn på indsats", "Sprogcafé", top: 120),
            Self.line(1, "Status ift.", "Første del", top: 140),
            Self.line(1, "målopfyldelse", nil, top: 152),
            Self.line(2, "Indsats", "Beskrivelse", top: 100, startsPage: true),
            Self.line(2, nil, "anden del", top: 120),
            // The same texts in the middle of a page are text, not a header.
            Self.line(2, "Indsats", "Beskrivelse", top: 200),
        ]
        let (kept, headers) = TableHeaderRows.remove(from: lines, matcher: LabelMatcher(grammar: Repo.grammar))
        #expect(kept.map(\.text) == ["Navn på indsats Sprogcafé", "Status ift. Første del", "målopfyldelse",
                                     "anden del", "Indsats Beskrivelse"])
        #expect(headers.map(\.text) == ["Indsats Beskrivelse", "Indsats Beskrivelse"])
        #expect(headers.map(\.at.page) == [1, 2])
        // What follows a header at the top of a page now starts the page.
        #expect(kept[0].startsPage && kept[3].startsPage && !kept[4].startsPage)
    }

    @Test func withoutATableBelowItNoLineIsAHeader() {
        let lines = [
            Self.line(1, "Indsats", "Beskrivelse", top: 100, startsPage: true),
            Self.line(1, "Mål", "Status", top: 120),
        ]
        let (kept, headers) = TableHeaderRows.remove(from: lines, matcher: LabelMatcher(grammar: Repo.grammar))
        #expect(kept == lines && headers.isEmpty)
    }

    /// Tables back to back: the last line of one table right above the next
    /// one's first label is a row, not a header, whether its label text is a
    /// piece of a label or not.
    @Test func theLastRowOfATableAboveTheNextIsNoHeader() {
        let lines = [
            Self.line(1, "Navn på indsats", "Alfa", top: 100, startsPage: true),
            Self.line(1, "Status ift.", "Godt på vej", top: 120),
            Self.line(1, "målopfyldelse", "og mere", top: 132),
            Self.line(1, "Navn på indsats", "Beta", top: 160),
            Self.line(1, "Mål", "Flere", top: 180),
            Self.line(1, "(fortsat)", "i job", top: 192),
            Self.line(1, "Navn på indsats", "Gamma", top: 220),
        ]
        let (kept, headers) = TableHeaderRows.remove(from: lines, matcher: LabelMatcher(grammar: Repo.grammar))
        #expect(kept == lines && headers.isEmpty)
    }
}
