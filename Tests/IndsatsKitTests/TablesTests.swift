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

    @Test func literalPrefixesOfCaptions() {
        #expect(Captions.literalPrefix(of: "^Antal projekter ") == "Antal projekter")
        #expect(Captions.literalPrefix(of: "^Økonomisk oversigt .* i") == "Økonomisk oversigt")
        #expect(Captions.literalPrefix(of: "^ab?c") == "a")
        #expect(Captions.literalPrefix(of: "Mål") == "")
    }
}
