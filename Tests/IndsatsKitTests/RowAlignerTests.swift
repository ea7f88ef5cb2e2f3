import Testing
@testable import IndsatsKit

/// Centred labels go to the top of their rows, also when a nested table in a
/// cell has gaps as wide as the row border (issue 3, part 7).
@Suite struct RowAlignerTests {
    /// A line at `top` (10 pt high), with a label part and/or a value part.
    static func line(_ label: String?, _ value: String?, _ top: Double) -> SourceLine {
        var parts: [SourceLine.Part] = []
        let box = { (x: Double) in BBox(x0: x, y0: top, x1: x + 100, y1: top + 10) }
        if let label { parts.append(.init(column: .label, text: label, at: .init(page: 27, bbox: box(67)))) }
        if let value { parts.append(.init(column: .value, text: value, at: .init(page: 27, bbox: box(210)))) }
        return SourceLine(page: 27, parts: parts)
    }

    /// Hostile rendition, page 27 (3.3): the economy cell holds a two-row
    /// table; its top and bottom gaps (10 pt) are as wide as the row border,
    /// and the centred label "Økonomi" sits beside the nested table's first
    /// row. Only the border at 120–130 puts the label in its row's middle.
    @Test func aNestedTableDoesNotMoveTheRowBorder() {
        let lines = [
            Self.line("Navn på indsats:", "Danskundervisning", 110.4),
            Self.line(nil, "129,6 mio. kr.", 130.4),
            Self.line(nil, "Ved intern fordeling", 146.4),
            Self.line(nil, "følgende målgrupper:", 158.4),
            Self.line("Økonomi", "Selvforsørgende: 119,2 mio. kr.", 178.4),
            Self.line(nil, "Kontanthjælpsmodtagere: 10,4 mio. kr.", 196.4),
            Self.line(nil, "Udgifter til danskuddannelse", 216.4),
            Self.line(nil, "staten.", 228.4),
            Self.line(nil, "Antal berørte", 248.4),
            Self.line(nil, "pr. måned)", 260.4),
            Self.line("Målgruppe", "Integrationslovsudlændinge", 272.4),
            Self.line(nil, "for sproglig opkvalificering", 284.4),
            Self.line(nil, "(250)", 296.4),
        ]
        let aligned = RowAligner.aligned(lines).lines
        #expect(aligned.map { $0.part(.label)?.text } == [
            "Navn på indsats:", "Økonomi", nil, nil, nil, nil, nil, nil, "Målgruppe", nil, nil, nil, nil,
        ])
    }

    /// Top-aligned labels with gaps as wide as the border inside a cell stay where they are.
    @Test func topAlignedLabelsStay() {
        let lines = [
            Self.line("Navn på indsats", "Sprogcafé", 100),
            Self.line("Økonomi", "1,0 mio. kr.", 120),
            Self.line(nil, "Heraf 0,5 mio. kr.", 140),
            Self.line("Målgruppe", "Borgere", 160),
        ]
        #expect(RowAligner.aligned(lines).lines == lines)
    }

    /// Equally wide gaps inside a value cell, none of which centres the label
    /// (it sits low in its row): the label is still moved, and the move is
    /// reported as a guess, never made silently.
    @Test func aMoveOnATieThatNothingDecidesIsAWarning() {
        let lines = [
            Self.line("Navn på indsats", "Sprogcafé", 100),
            Self.line(nil, "Første afsnit", 120),
            Self.line(nil, "Andet afsnit", 140),
            Self.line(nil, "Tredje afsnit", 160),
            Self.line("Økonomi", "Fjerde afsnit", 174),
        ]
        let (aligned, warnings) = RowAligner.aligned(lines)
        #expect(aligned.map { $0.part(.label)?.text } == ["Navn på indsats", nil, nil, "Økonomi", nil])
        #expect(warnings.map(\.code) == [.rowBoundaryGuessed])
        #expect(warnings.first?.page == 27)
        // The clear cases say nothing.
        #expect(RowAligner.aligned(Array(lines.prefix(4))).warnings.isEmpty)
    }

    /// A guessed row is a doubt about its initiative's values: in a PDF
    /// (Corpus/fixtures/centred.pdf, two initiatives with every required field)
    /// the warning is the document's and initiative 2.2's, whose row it is,
    /// and takes 0.1 off 2.2's confidence only.
    @Test func aGuessedRowInAPDFIsADoubtAboutItsInitiativeOnly() throws {
        let document = try Repo.extract("Corpus/fixtures/centred.pdf")
        #expect(document.warnings.map(\.code) == [.rowBoundaryGuessed])
        #expect(document.initiatives.map(\.number) == ["2.1", "2.2"])
        #expect(document.initiatives.map { $0.warnings.map(\.code) } == [[], [.rowBoundaryGuessed]])
        #expect(document.initiatives.map(\.confidence) == [1, 0.9])
        #expect(document.initiatives[1].warnings[0].message == document.warnings[0].message)
        // The guess: the label's row begins below the lowest of the equal gaps.
        #expect(document.initiatives[1].fields["economy"] == "Tredje afsnit Fjerde afsnit")
    }

    /// Which initiative a guessed row belongs to is told by position, not by
    /// order: a guess in the first of two initiatives on a page stays there.
    @Test func aGuessedRowIsCarriedByTheInitiativeBesideIt() {
        func heading(_ text: String, _ top: Double) -> SourceLine {
            SourceLine(page: 27, parts: [.init(column: .full, text: text,
                                               at: .init(page: 27, bbox: BBox(x0: 67, y0: top, x1: 300, y1: top + 10)))],
                       gapBefore: true)
        }
        let lines = [
            heading("2.1 Status for Sprogcafé", 90),
            Self.line("Navn på indsats", "Sprogcafé", 100),
            Self.line(nil, "Første afsnit", 120),
            Self.line(nil, "Andet afsnit", 140),
            Self.line(nil, "Tredje afsnit", 160),
            Self.line("Økonomi", "Fjerde afsnit", 174),
            heading("2.2 Status for Jobcafé", 200),
            Self.line("Navn på indsats", "Jobcafé", 220),
            Self.line("Økonomi", "2,0 mio. kr.", 240),
        ]
        let (aligned, guesses) = RowAligner.aligned(lines)
        #expect(guesses.map(\.code) == [.rowBoundaryGuessed])
        let grammar = Repo.grammar
        let blocks = BlockStateMachine.run(Tokenizer(grammar: grammar).tokens(aligned, columnar: true),
                                           grammar: grammar, columnar: true).blocks
        let read = Extractor.initiatives(blocks, grammar: grammar, idPrefix: "x", footnotes: [], gluedMarkers: false)
        #expect(read.map(\.number) == ["2.1", "2.2"])
        // Four required fields missing in each (0.1 each): 0.6, and 0.5 with the guess.
        #expect(read.map(\.confidence) == [0.6, 0.6])
        let carried = Extractor.carryingRowDoubts(read, guesses)
        #expect(carried.map(\.confidence) == [0.5, 0.6])
        #expect(carried[0].warnings == read[0].warnings + guesses)
        #expect(carried[1] == read[1])
        // Without a box (text input) or far from every field, it stays the document's only.
        var elsewhere = guesses[0], boxless = guesses[0]
        elsewhere.box = BBox(x0: 67, y0: 500, x1: 167, y1: 510)
        boxless.box = nil
        #expect(Extractor.carryingRowDoubts(read, [elsewhere, boxless]) == read)
    }
}
