import Foundation
import Testing
@testable import IndsatsKit

/// Issue 3, parts 5 and 7: what a line break inside a value means.
@Suite struct LineJoinTests {
    static let joining = Grammar.LineEndHyphens(join: true, notBefore: ["og", "eller", "samt"])

    @Test func linesAreJoinedBySingleSpaces() {
        #expect(LineJoin.join(["  Borgere i ", "", "\tByen  og  omegn"]) == "Borgere i Byen og omegn")
        #expect(LineJoin.join([]) == "")
    }

    @Test func softHyphenInsideALineIsDropped() {
        #expect(LineJoin.join(["Social\u{AD}forvaltningen og Integrations\u{AD}forvaltningen"])
            == "Socialforvaltningen og Integrationsforvaltningen")
        // A soft hyphen standing alone is no word.
        #expect(LineJoin.join(["a \u{AD} b"]) == "a b")
    }

    @Test func softHyphenAtALineEndJoinsTheWordWithoutASpace() {
        #expect(LineJoin.join(["styrkes med med\u{AD}", "finansiering fra"]) == "styrkes med medfinansiering fra")
        #expect(LineJoin.join(["med\u{AD}  ", "", "  finansiering"]) == "medfinansiering")
        // Whatever the grammar says about hard hyphens.
        #expect(LineJoin.join(["med\u{AD}", "finansiering"], hyphens: Self.joining) == "medfinansiering")
        // At the value's end there is nothing to join: the hint goes.
        #expect(LineJoin.join(["med\u{AD}"]) == "med")
    }

    @Test func hardHyphensAreKeptAsPrintedByDefault() {
        #expect(LineJoin.join(["Den samlede integrations-", "indsats"]) == "Den samlede integrations- indsats")
        #expect(LineJoin.join(["Beskæftigelses-", "og Integrationsforvaltningen"])
            == "Beskæftigelses- og Integrationsforvaltningen")
    }

    @Test func theGrammarMayJoinAWordHyphenatedAtALineEnd() {
        #expect(LineJoin.join(["Den samlede integrations-", "indsatsen styrkes"], hyphens: Self.joining)
            == "Den samlede integrationsindsatsen styrkes")
    }

    @Test func suspendedCompoundsAreNeverJoined() {
        let cases = [
            (["Beskæftigelses-", "og Integrationsforvaltningen"], "Beskæftigelses- og Integrationsforvaltningen"),
            (["Kultur- og", "Fritidsforvaltningen"], "Kultur- og Fritidsforvaltningen"),
            (["Kultur-", "og Fritidsforvaltningen"], "Kultur- og Fritidsforvaltningen"),
            (["Social-", "eller Sundhedsforvaltningen"], "Social- eller Sundhedsforvaltningen"),
            (["Kultur-", ", Fritids- og Sundhedsforvaltningen"], "Kultur- , Fritids- og Sundhedsforvaltningen"),
            (["Børne-", "og", "Ungdomsforvaltningen"], "Børne- og Ungdomsforvaltningen"),
        ]
        for (lines, printed) in cases {
            #expect(LineJoin.join(lines, hyphens: Self.joining) == printed)
            #expect(LineJoin.join(lines) == printed)
        }
    }

    /// A hyphen after a capital or a digit is part of the word ("AC-medarbejdere",
    /// "450-timersreglen"), and one before a capital starts a name ("EU-" /
    /// "Kommissionen"): dropping it would change the word, so they stay as printed.
    @Test func hyphensThatBelongToTheWordStayAsPrinted() {
        #expect(LineJoin.join(["AC-", "medarbejdere"], hyphens: Self.joining) == "AC- medarbejdere")
        #expect(LineJoin.join(["450-", "timersreglen"], hyphens: Self.joining) == "450- timersreglen")
        #expect(LineJoin.join(["integrations-", "Indsatsen"], hyphens: Self.joining) == "integrations- Indsatsen")
        #expect(LineJoin.join(["pct. -", "ikke"], hyphens: Self.joining) == "pct. - ikke")
    }
}

/// The same rules end to end, from a PDF (Corpus/fixtures/hyphens.pdf,
/// landscape.pdf) and from text, with the shipped grammar and with joining on.
@Suite struct LineEndHyphenTests {
    static let joiningGrammar: Grammar = {
        let yaml = (try? String(contentsOf: Repo.path("Grammars/kk-integration-status.yaml"), encoding: .utf8)) ?? ""
        do {
            return try GrammarLoader.load(yaml: yaml + "\nlineEndHyphens:\n  join: true\n  notBefore: [og, eller, samt]\n",
                                          name: "kk-joining", path: nil)
        } catch { fatalError("\(error)") }
    }()

    static let asPrinted = [
        "targetGroup": "Borgere i Beskæftigelses- og Integrationsforvaltningen og i Kultur- , Fritids- og Sundhedsforvaltningen.",
        "activities": "Den samlede integrations- indsats styrkes med medfinansiering fra Socialforvaltningen, AC- "
            + "medarbejdere og Kultur- og Fritidsforvaltningen.",
    ]
    static let joined = [
        "targetGroup": asPrinted["targetGroup"]!,
        "activities": "Den samlede integrationsindsats styrkes med medfinansiering fra Socialforvaltningen, AC- "
            + "medarbejdere og Kultur- og Fritidsforvaltningen.",
    ]

    static func extract(_ data: Data, path: String, grammar: Grammar) throws -> ReportDocument.Initiative {
        let input = InputDocument(path: path, data: data, format: try InputDocument.sniff(data, path: path))
        let document = try Extractor(grammars: [grammar], grammar: grammar).extract(input)
        #expect(document.initiatives.count == 1)
        return try #require(document.initiatives.first)
    }

    @Test(arguments: ["hyphens", "landscape"])
    func pdf(_ name: String) throws {
        let data = try Data(contentsOf: Repo.path("Corpus/fixtures/\(name).pdf"))
        for (grammar, expected) in [(Repo.grammar, Self.asPrinted), (Self.joiningGrammar, Self.joined)] {
            let initiative = try Self.extract(data, path: "\(name).pdf", grammar: grammar)
            #expect(initiative.fields["targetGroup"] == expected["targetGroup"], "\(name) \(grammar.name)")
            #expect(initiative.fields["activities"] == expected["activities"], "\(name) \(grammar.name)")
            #expect(initiative.warnings.isEmpty)
        }
    }

    /// The landscape page (842 × 595 pt, no /Rotate) reads like the portrait one.
    @Test func landscapePageReadsLikeThePortraitOne() throws {
        let data = try Data(contentsOf: Repo.path("Corpus/fixtures/landscape.pdf"))
        let pdf = try PDFSource.read(data: data, path: "landscape.pdf")
        #expect(pdf.pages.map { $0.width.rounded() } == [842] && pdf.pages.map { $0.height.rounded() } == [595])
        let landscape = try Self.extract(data, path: "landscape.pdf", grammar: Repo.grammar)
        let portrait = try Self.extract(try Data(contentsOf: Repo.path("Corpus/fixtures/hyphens.pdf")),
                                        path: "hyphens.pdf", grammar: Repo.grammar)
        #expect(landscape.fields == portrait.fields)
        #expect(landscape.fields.count == 6)
        for span in landscape.spans.values.joined() {
            #expect(span.bbox!.x1 <= 841.89 && span.bbox!.y1 <= 595.3)
        }
    }

    static let text = """
        Statusredegørelse for Orddelingsforvaltningens integrationsindsats 2009

        2.1 Status for Orddeling

        Navn på indsats Orddeling
        Økonomi 1,0 mio. kr.
        Målgruppe Borgere i Beskæftigelses-
        og Integrationsforvaltningen og i Kultur-
        , Fritids- og Sundhedsforvaltningen.
        Beskriv aktiviteterne Den samlede integrations-
        indsats styrkes med med\u{AD}
        finansiering fra Social\u{AD}forvaltningen, AC-
        medarbejdere og Kultur- og Fritidsforvaltningen.
        Mål Flere i job.
        Status på indsatsen Nået.

        """

    @Test func text() throws {
        for (grammar, expected) in [(Repo.grammar, Self.asPrinted), (Self.joiningGrammar, Self.joined)] {
            let initiative = try Self.extract(Data(Self.text.utf8), path: "hyphens.txt", grammar: grammar)
            #expect(initiative.fields["targetGroup"] == expected["targetGroup"], "\(grammar.name)")
            #expect(initiative.fields["activities"] == expected["activities"], "\(grammar.name)")
            #expect(initiative.fields["status"] == "Nået.")
        }
    }
}

/// Headings go through the same rule: a soft hyphen inside a line is dropped.
@Suite struct HeadingSoftHyphenTests {
    @Test func headingAndChapterLoseTheirSoftHyphens() throws {
        let document = try Repo.extractText("""
            2. Forvaltningens enkelte ind\u{AD}satser

            2.1 Status for Helhedsplans\u{AD}teamet

            Navn på indsats Helhedsplaner
            Økonomi 1,0 mio. kr.
            Målgruppe Beboere
            Beskriv aktiviteterne Møder
            Mål Flere i job
            Status på indsatsen Nået

            """)
        let initiative = try #require(document.initiatives.first)
        #expect(initiative.heading == "Status for Helhedsplansteamet")
        #expect(initiative.chapter == "2. Forvaltningens enkelte indsatser")
    }
}

@Suite struct SoftHyphensInWordsTests {
    static func word(_ text: String, x: Double) -> LayoutWord {
        LayoutWord(text: text, bbox: BBox(x0: x, y0: 100, x1: x + 50, y1: 110), fontSize: 10, fontName: "Helvetica", isBold: false)
    }

    /// Inside a word a soft hyphen goes, so that a label matches; ending a word, it stays for LineJoin.
    @Test func droppedInsideWordsKeptAtTheirEnd() {
        let words = [Self.word("Beskriv", x: 60), Self.word("akti\u{AD}viteterne", x: 100), Self.word("med\u{AD}", x: 200)]
        let line = LayoutLine(page: 1, words: words, bbox: BBox(x0: 60, y0: 100, x1: 250, y1: 110),
                              text: words.map(\.text).joined(separator: " "))
        let cleaned = SoftHyphens.dropInsideWords(line)
        #expect(cleaned.words.map(\.text) == ["Beskriv", "aktiviteterne", "med\u{AD}"])
        #expect(cleaned.text == "Beskriv aktiviteterne med\u{AD}")
        #expect(LabelMatcher(grammar: Repo.grammar).match([cleaned.words.prefix(2).map { Substring($0.text) }], wholeLines: false)?.label
            == "Beskriv aktiviteterne")
    }
}
