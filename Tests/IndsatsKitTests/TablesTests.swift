import Foundation
import Testing
@testable import IndsatsKit

/// The report's tables from every rendition against the hand-structured
/// tables of the corpus model (Corpus/generator/*.model.json, written from
/// the seed by hand: cells as printed, footnote markers as "[^N]").
@Suite struct TablesTests {
    struct Model: Decodable {
        struct Block: Decodable {
            var type: String
            var kind: String?
            var caption: String?
            var columns: [String]?
            var rows: [Row]?
        }
        /// Budget rows are objects; the other tables' rows are lists of cells.
        enum Row: Decodable {
            case cells([String])
            case budget(kind: String, cells: [String])
            /// Rows of tables the tests do not read (a table nested in a cell).
            case other
            init(from decoder: Decoder) throws {
                struct B: Decodable { var kind: String; var cells: [String] }
                if let cells = try? [String](from: decoder) { self = .cells(cells) }
                else if let b = try? B(from: decoder) { self = .budget(kind: b.kind, cells: b.cells) }
                else { self = .other }
            }
            var cells: [String] {
                switch self { case let .cells(c): c; case let .budget(_, c): c; case .other: [] }
            }
        }
        var body: [Block]
    }

    /// Every rendition, the hostile one too (drawn column by column, a landscape budget page).
    static let renditions = Set(GoldenTests.reports + ["Corpus/statusredegoerelse-2009-bif.hostile.pdf"]).sorted()

    static let model: Model = {
        let url = Repo.path("Corpus/generator/statusredegoerelse-2009-bif.model.json")
        return try! JSONDecoder().decode(Model.self, from: Data(contentsOf: url))
    }()

    static func table(_ kind: String) -> Model.Block {
        model.body.first { $0.type == "table" && $0.kind == kind }!
    }

    /// "32,9[^4]" → ("32,9", ["4"]).
    static func split(_ cell: String) -> (String, [String]) {
        var text = cell, markers: [String] = []
        while let open = text.range(of: "[^"), let close = text.range(of: "]", range: open.upperBound..<text.endIndex) {
            markers.append(String(text[open.upperBound..<close.lowerBound]))
            text.removeSubrange(open.lowerBound..<close.upperBound)
        }
        return (text, markers)
    }

    /// "54,40 pct." → 54.40, by a parser of its own.
    static func percentage(_ cell: String) -> Decimal? {
        guard cell.hasSuffix(" pct."), let d = Decimal(string: String(cell.dropLast(5)).replacingOccurrences(of: ",", with: "."),
                                                       locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        return d
    }

    @Test(arguments: renditions) func budgetTableAsPrinted(_ report: String) throws {
        let model = Self.table("budget")
        let budget = try #require(try Repo.extract(report).tables.budget)
        #expect(budget.caption == model.caption)
        #expect(budget.unit == "mio. kr.")
        #expect(budget.columns == Array(model.columns!.dropFirst()))
        #expect(budget.rows.count == 24)
        for (row, expected) in zip(budget.rows, model.rows!) {
            guard case let .budget(kind, cells) = expected else { Issue.record("model row"); continue }
            var (label, refs) = Self.split(cells[0])
            var number: String?
            if kind == "item", let space = label.firstIndex(of: " ") {
                number = String(label[..<space]); label = String(label[label.index(after: space)...])
            }
            var expectedRefs: [String: [String]] = refs.isEmpty ? [:] : ["label": refs]
            var figures: [String] = []
            for (column, cell) in zip(budget.columns, cells.dropFirst()) {
                let (figure, markers) = Self.split(cell)
                figures.append(figure)
                if !markers.isEmpty { expectedRefs[column] = markers }
            }
            #expect(row.kind.rawValue == kind, "\(label)")
            #expect(row.number == number)
            #expect(row.label == label)
            #expect(row.cells == figures)
            #expect(row.footnoteRefs == expectedRefs, "\(label)")
            let values = figures.map { $0 == "-" ? nil : Decimal(string: $0.replacingOccurrences(of: ",", with: "."),
                                                                  locale: Locale(identifier: "en_US_POSIX")) }
            #expect(row.values == values, "\(label)")
        }
    }

    /// The seed's printed totals that do not add up, worked out by hand.
    @Test(arguments: renditions) func totalsThatDoNotAddUpAreWarnings(_ report: String) throws {
        let document = try Repo.extract(report)
        let found = document.warnings.filter { $0.code == .tableTotalMismatch }.map(\.message)
        let group1 = "BIF's enkelte indsatser, som bidrager til integrationspolitiske mål"
        let group2 = "BIF's enkelt indsatser i 2008, som ligger ud over integrationspolitiske mål"
        let expected = [
            "row '\(group1)', column 'I alt': printed 182,8, the row's other figures add up to 191,4",
            "row 'Integrationsrådet', column 'I alt': printed 0,3, the row's other figures add up to 0,4",
            "row 'I ALT', column 'I alt': printed 499,5, the row's other figures add up to 508,1",
            "row 'I ALT', column '2009': printed 195,3, the group rows add up to 193,3",
            "row 'I ALT', column '2010': printed 162,4, the group rows add up to 160,4",
            "row 'I ALT', column 'I alt': printed 499,5, the group rows add up to 495,5",
            "row '\(group1)', column '2009': printed 88,4, its rows add up to 86,4",
            "row '\(group1)', column '2010': printed 55,5, its rows add up to 53,5",
            "row '\(group1)', column 'I alt': printed 182,8, its rows add up to 187,3",
            "row '\(group2)', column '2009': printed 95,3, its rows add up to 99,3",
            "row '\(group2)', column '2010': printed 95,3, its rows add up to 99,3",
            "row '\(group2)', column 'I alt': printed 279,5, its rows add up to 287,5",
        ].map { "budget table, " + $0 }
        #expect(found == expected)
        // Nothing was corrected.
        #expect(document.tables.budget?.rows.last?.cells == ["150,4", "195,3", "162,4", "499,5"])
    }

    @Test(arguments: renditions) func eachInitiativeGetsItsBudgetRow(_ report: String) throws {
        let document = try Repo.extract(report)
        let budget = try #require(document.tables.budget)
        for initiative in document.initiatives {
            let row = try #require(budget.rows.first { $0.number == initiative.number }, "\(initiative.number ?? "-")")
            #expect(initiative.budget == Dictionary(uniqueKeysWithValues: zip(budget.columns, row.values)))
        }
        // A doubt about a row is the initiative's too: 2.14's row does not add up.
        let raadet = try #require(document.initiatives.first { $0.number == "2.14" })
        #expect(raadet.warnings.map(\.code) == [.tableTotalMismatch] && raadet.confidence == 0.95)
        let jobpatruljer = try #require(document.initiatives.first { $0.number == "2.1" })
        #expect(jobpatruljer.budget == ["2008": Decimal(string: "6.9"), "2009": Decimal(string: "6.9"),
                                        "2010": Decimal(string: "6.9"), "I alt": Decimal(string: "20.7")])
    }

    @Test(arguments: renditions, ["indicators", "goals"]) func textTableAsPrinted(_ report: String, _ kind: String) throws {
        let model = Self.table(kind)
        let document = try Repo.extract(report)
        let table = try #require(kind == "goals" ? document.tables.goals : document.tables.indicators)
        #expect(table.caption == model.caption)
        #expect(table.columns == model.columns)
        #expect(table.rows.count == model.rows!.count)
        for (row, expected) in zip(table.rows, model.rows!) {
            let split = expected.cells.map(Self.split)
            #expect(row.cells == split.map(\.0))
            var refs: [String: [String]] = [:]
            for (column, cell) in zip(model.columns!, split) where !cell.1.isEmpty { refs[column] = cell.1 }
            #expect(row.footnoteRefs == refs)
            #expect(row.percentages == split.map { Self.percentage($0.0) })
        }
    }

    @Test(arguments: renditions) func projectsBox(_ report: String) throws {
        let projects = try #require(try Repo.extract(report).tables.projects)
        let model = Self.table("projects").rows!.map(\.cells)
        #expect(projects.rows.map { [$0.label, $0.text] } == model)
        #expect(projects.rows.map(\.value) == [7, 6_105_606])
        #expect(projects.rows.map(\.dkk) == [nil, 6_105_606])
    }

    // MARK: Rules beyond the seed

    static func text(_ table: String) -> String {
        """
        Statusredegørelse for Testforvaltningens integrationsindsats 2010

        2.1 Status for Alfa
        Navn på indsats Alfa
        Økonomi 1 mio. kr.
        Målgruppe Alle
        Beskriv aktiviteterne Møder.
        Mål Flere møder.
        Status ift. målopfyldelse Fire møder

        """ + table
    }

    @Test func aBudgetInThousandsWithAnOddCellAndNoTotal() throws {
        let document = try Repo.extractText(Self.text("""
            Økonomisk oversigt for TF-indsatser i 2009-2010 i 1.000 kr.
            2009 2010 I alt
            2.1 Alfa med en meget lang
            betegnelse 8.725 1.275 10.000
            2.2 Beta 1.000 ca. 500 1.500
            Integrationsprojekter 500 - 500
            Her slutter tabellen, og teksten fortsætter som brødtekst.
            """))
        let budget = try #require(document.tables.budget)
        #expect(budget.unit == "1.000 kr.")
        #expect(budget.rows.map(\.label) == ["Alfa med en meget lang betegnelse", "Integrationsprojekter"])
        #expect(budget.rows[0].values == [8725, 1275, 10000])
        #expect(budget.rows.map(\.kind) == [.item, .group])
        #expect(document.initiatives[0].budget == ["2009": 8725, "2010": 1275, "I alt": 10000])
        // "ca. 500" is no figure: that row is left out with a warning, never guessed at or glued to the next label.
        #expect(!budget.rows.contains { $0.label.contains("Beta") })
        #expect(document.warnings.contains { $0.code == .tableCell && $0.message.contains("'2.2 Beta 1.000 ca. 500 1.500'") })
    }

    @Test func aGluedDigitThatIsNoKnownFootnoteStaysAndIsFlagged() throws {
        let document = try Repo.extractText(Self.text("""
            Økonomisk oversigt for TF-indsatser i 2009-2010 i mio. kr.
            2009 2010 I alt
            2.1 Alfa 1,0 2,07 3,0
            I ALT 1,0 2,0 3,0
            """))
        let budget = try #require(document.tables.budget)
        #expect(budget.rows[0].cells == ["1,0", "2,07", "3,0"])
        #expect(document.warnings.contains { $0.code == .tableCell && $0.message.contains("'2,07'") })
    }

    @Test func aCaptionWithoutItsTableIsAWarning() throws {
        let document = try Repo.extractText(Self.text("""
            Økonomisk oversigt for TF-indsatser i 2009-2010 i mio. kr.
            Tabellen udkommer senere.
            """))
        #expect(document.tables.budget == nil)
        #expect(document.warnings.contains { $0.code == .tableUnread && $0.message.contains("budget") })
    }

    /// pdftotext can print a table one cell per line.
    @Test func oneCellPerLine() throws {
        let document = try Repo.extractText(Self.text("""
            Økonomisk oversigt for TF-indsatser i 2009-2010 i mio. kr.
            2009
            2010
            I alt
            2.1 Alfa
            1,0
            2,0
            3,0
            2.2 Beta med en lang
            betegnelse
            -
            0,5
            0,5
            2.3 Gamma
            1,0
            I ALT
            1,0
            2,5
            3,5

            Startmåling forår 2009 på beskæftigelsesområdet
            Nr.
            Indikator
            Startmåling
            Status
            Succeskriterium
            Politisk mål

            1. Andel i job

            54,40 pct.
            59,90 pct.
            Andel skal stige
            Flere skal
            i job
            """))
        let budget = try #require(document.tables.budget)
        #expect(budget.columns == ["2009", "2010", "I alt"])
        #expect(budget.rows.map(\.label) == ["Alfa", "Beta med en lang betegnelse", "I ALT"])
        #expect(budget.rows.map(\.cells) == [["1,0", "2,0", "3,0"], ["-", "0,5", "0,5"], ["1,0", "2,5", "3,5"]])
        #expect(document.warnings.contains { $0.code == .tableCell && $0.message.contains("'2.3 Gamma 1,0'") })
        let indicators = try #require(document.tables.indicators)
        #expect(indicators.columns == ["Nr.", "Indikator", "Startmåling", "Status", "Succeskriterium", "Politisk mål"])
        #expect(indicators.rows.map(\.cells) == [["1.", "Andel i job", "54,40 pct.", "59,90 pct.", "Andel skal stige", "Flere skal i job"]])
    }

    // MARK: Review findings (each a wrong value or a crash before)

    @Test func repeatedColumnHeadingsAreRefusedNotACrash() throws {
        let document = try Repo.extractText(Self.text("""
            Økonomisk oversigt for TF-indsatser i 2009-2010 i mio. kr.
            2009 2009 I alt
            2.1 Alfa 1,0 2,0 3,0
            """))
        #expect(document.tables.budget == nil)
        #expect(document.warnings.contains { $0.code == .tableUnread && $0.message.contains("distinct column headings") })
    }

    /// Text: a missing cell would shift the label's year into the figures.
    @Test func aMissingCellInTextLeavesTheRowOut() throws {
        let document = try Repo.extractText(Self.text("""
            Økonomisk oversigt for TF-indsatser i 2008-2010 i mio. kr.
            2008 2009 2010 I alt
            2.1 Alfa 1,0 1,0 1,0 3,0
            2.15 Jobplanen 2009 32,9 - 32,9
            """))
        let budget = try #require(document.tables.budget)
        #expect(budget.rows.map(\.label) == ["Alfa"])
        #expect(document.warnings.contains { $0.code == .tableCell && $0.message.contains("'2009' does not look like") })
    }

    /// Whole-number tables: a decimal figure is flagged, never cut into a marker.
    @Test func aWholeNumberTableKeepsDecimalFiguresAndFlagsThem() throws {
        let document = try Repo.extractText(Self.text("""
            Økonomisk oversigt for TF-indsatser i 2009-2010 i 1.000 kr.
            2009 2010 I alt
            2.1 Alfa 500 0,5 500
            2.2 Beta 1.000 1.000 2.000

            5 En fodnote.
            """).replacingOccurrences(of: "Mål Flere møder.", with: "Mål Flere møder.5"))
        let budget = try #require(document.tables.budget)
        #expect(budget.rows[0].cells == ["500", "0,5", "500"])
        #expect(budget.rows[0].footnoteRefs.isEmpty)
        #expect(document.warnings.contains { $0.code == .tableCell && $0.message.contains("'0,5' has more decimals") })
    }

    @Test func aProjectsValueOnTheNextLine() throws {
        let document = try Repo.extractText(Self.text("""
            Antal projekter 7
            Samlet projektmedfinansiering 2009
            6,1 mio. kr.
            Her fortsætter teksten.
            """))
        let projects = try #require(document.tables.projects)
        #expect(projects.rows.map { [$0.label, $0.text] } == [["Antal projekter", "7"], ["Samlet projektmedfinansiering 2009", "6,1 mio. kr."]])
        #expect(projects.rows.map(\.dkk) == [nil, 6_100_000])
    }

    @Test func aNumberedRowWithoutMeasuresIsAWarningAndGluedPercentagesRead() throws {
        let document = try Repo.extractText(Self.text("""
            Startmåling forår 2009 på beskæftigelsesområdet
            Nr. Indikator Startmåling Status Succeskriterium Politisk mål

            1. Andel i job

            40% 45% 50% Flere i job

            2. Andel i uddannelse

            Ingen måling endnu
            """))
        let indicators = try #require(document.tables.indicators)
        #expect(indicators.rows.map(\.cells) == [["1.", "Andel i job", "40%", "45%", "50%", "Flere i job"]])
        #expect(indicators.rows[0].percentages == [nil, nil, 40, 45, 50, nil])
        #expect(document.warnings.contains { $0.code == .tableCell && $0.message.contains("'2. Andel i uddannelse'") })
    }

    static let asciiGrammar = """
        description: ASCII test tables
        keywords: [Budget]
        chapter: '^(?<number>[0-9])\\.\\s+(?<title>\\p{Lu}.*)$'
        block: '^(?<number>[0-9]\\.[0-9]{1,2})\\s+(?<title>\\p{Lu}.*)$'
        fields:
          - key: name
            labels: ['Name']
        tables:
          budget:
            caption: '^Budget .* in (?<unit>mio\\. kr\\.)$'
            column: '[0-9]{4}|Total'
            sumColumn: '^Total$'
            rowNumber: '^(?<number>[0-9]\\.[0-9]{1,2})\\s'
            total: '^TOTAL$'
          indicators:
            caption: '^Indicators'
            columns: ['^No\\.', '^Indicator', '^Start', '^Goal']
        """

    /// PDF: figures go to the heading they sit under, so a blank cell stays
    /// blank (the label's year is not a figure); a label's wrapped line
    /// continues it; tightly set numbered rows stay apart.
    @Test func pdfTablesByPosition() throws {
        var pdf = MiniPDF()
        let page = pdf.addPlaced([
            (56, 780, "Budget for 2008-2010 in mio. kr."),
            (300, 760, "2008"), (360, 760, "2009"), (420, 760, "2010"), (480, 760, "Total"),
            (56, 740, "2.1 Alfa"), (303, 740, "1,0"), (363, 740, "2,0"), (423, 740, "3,0"), (483, 740, "6,0"),
            (56, 725, "2.2 Integrations-"), (303, 725, "1,0"), (363, 725, "1,0"), (423, 725, "1,0"), (483, 725, "3,0"),
            (56, 713, "indsatsen"),
            (56, 698, "2.15 Jobplanen 2009"), (360, 698, "32,9"), (426, 698, "-"), (480, 698, "32,9"),
            (56, 683, "TOTAL"), (303, 683, "2,0"), (360, 683, "35,9"), (423, 683, "4,0"), (480, 683, "41,9"),
            (56, 640, "Indicators 2009"),
            (56, 625, "No."), (90, 625, "Indicator"), (300, 625, "Start"), (400, 625, "Goal"),
            (56, 612, "1."), (90, 612, "Share employed"), (300, 612, "54,40 pct."), (400, 612, "More jobs"),
            (56, 600, "2."), (90, 600, "Share in school"), (300, 600, "30,0 pct."), (400, 600, "More pupils"),
            (56, 588, "3."), (90, 588, "Share idle"), (300, 588, "12,0 pct."), (400, 588, "Fewer idle"),
        ])
        pdf.addPage(content: page)
        let grammar = try GrammarLoader.load(yaml: Self.asciiGrammar, name: "ascii", path: "ascii.yaml")
        let document = try Extractor(grammars: [grammar]).extract(.init(path: "t.pdf", data: pdf.data, format: .pdf))
        let budget = try #require(document.tables.budget)
        #expect(budget.columns == ["2008", "2009", "2010", "Total"])
        // A hyphen at a label's line end stays as printed (no grammar option for tables).
        #expect(budget.rows.map(\.label) == ["Alfa", "Integrations- indsatsen", "Jobplanen 2009", "TOTAL"])
        #expect(budget.rows[2].cells == ["", "32,9", "-", "32,9"])
        #expect(budget.rows[2].values == [nil, Decimal(string: "32.9"), nil, Decimal(string: "32.9")])
        #expect(document.warnings.contains { $0.code == .tableCell && $0.message.contains("'2008': the cell is blank") })
        let indicators = try #require(document.tables.indicators)
        #expect(indicators.rows.map { $0.cells[0] } == ["1.", "2.", "3."])
        #expect(indicators.rows.map { $0.cells[3] } == ["More jobs", "More pupils", "Fewer idle"])
    }

    /// A PDF word broken by a soft hyphen at a cell's line end joins the next
    /// word (SoftHyphens keeps only a word-final one for this).
    @Test func softHyphenAtACellLineEndJoins() {
        func word(_ text: String) -> TableLine.Word { .init(text: text, x0: nil, x1: nil, markers: [], startsCell: false) }
        #expect(TableText.join([word("2.1"), word("Integrations\u{AD}"), word("indsatsen")]) == "2.1 Integrationsindsatsen")
        #expect(TableText.join([word("Alfa"), word("og"), word("Beta")]) == "Alfa og Beta")
    }
}
