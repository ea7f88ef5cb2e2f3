import Foundation
import Testing
@testable import IndsatsKit

/// A minimal grammar called `name` with these keywords.
private func grammar(_ name: String, keywords: [String]) throws -> Grammar {
    let list = keywords.map { "'\($0)'" }.joined(separator: ", ")
    return try GrammarLoader.load(yaml: """
        description: \(name)
        keywords: [\(list)]
        chapter: '^(?<number>[0-9])\\.\\s+(?<title>.+)$'
        block: '^(?<number>[0-9]\\.[0-9])\\s+(?<title>.+)$'
        fields:
          - key: name
            labels: [Navn]
        """, name: name, path: nil)
}

@Suite struct GrammarSelectorTests {
    let specific: Grammar  // two keywords
    let general: Grammar   // one of them

    init() throws {
        specific = try grammar("kk", keywords: ["Statusredegørelse", "Navn på indsats"])
        general = try grammar("generic", keywords: ["Statusredegørelse"])
    }

    @Test func mostKeywordsWinsWhenBothMatch() {
        let text = "Statusredegørelse for BIF 2009\n\nNavn på indsats  Jobpatruljer"
        for grammars in [[specific, general], [general, specific]] {
            let selection = GrammarSelector.select(from: grammars, text: text)
            #expect(selection.grammar?.name == "kk")
            #expect(selection.matches == ["kk", "generic"])
            #expect(selection.reason == "grammar 'kk' chosen: its 2 keywords 'Statusredegørelse', "
                + "'Navn på indsats' occur; also matched, ranked lower: 'generic' (1 keyword)")
        }
    }

    @Test func onlyAGrammarWithAllKeywordsMatches() {
        let selection = GrammarSelector.select(from: [specific, general], text: "Statusredegørelse 2009")
        #expect(selection.grammar?.name == "generic")
        #expect(selection.matches == ["generic"])
    }

    @Test func keywordsMatchAcrossLineBreaksAndNoBreakSpaces() {
        let text = "Statusredegørelse\nNavn\u{00A0}på\n   indsats"
        #expect(GrammarSelector.select(from: [specific], text: text).grammar?.name == "kk")
    }

    @Test func keywordsMatchAfterNFC() throws {
        // The grammar's "å" is one scalar; the text's is "a" + combining ring.
        let ring = try grammar("ring", keywords: ["Målgruppe"])
        #expect(GrammarSelector.select(from: [ring], text: "Ma\u{030A}lgruppe").grammar?.name == "ring")
    }

    @Test func caseMatters() {
        let selection = GrammarSelector.select(from: [specific], text: "Statusredegørelse, navn på indsats")
        #expect(selection.grammar == nil)
    }

    @Test func noMatchSaysWhatIsMissing() {
        let selection = GrammarSelector.select(from: [specific, general], text: "Årsrapport")
        #expect(selection.grammar == nil)
        #expect(selection.matches.isEmpty)
        #expect(selection.reason == "no grammar matched: 'generic' lacks 'Statusredegørelse'; "
            + "'kk' lacks 'Statusredegørelse', 'Navn på indsats'")
    }

    @Test func tiesGoToTheFirstName() throws {
        let b = try grammar("b", keywords: ["Alpha"])
        let a = try grammar("a", keywords: ["Beta"])
        let selection = GrammarSelector.select(from: [b, a], text: "Alpha Beta")
        #expect(selection.grammar?.name == "a")
        #expect(selection.matches == ["a", "b"])
    }

    @Test func noGrammars() {
        let selection = GrammarSelector.select(from: [], text: "anything")
        #expect(selection.grammar == nil)
        #expect(selection.reason == "no grammars are installed")
    }

    @Test func shippedGrammarIsChosenForTheCorpusText() throws {
        var root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
            try #require(root.path != "/")
            root.deleteLastPathComponent()
        }
        let shipped = try GrammarLoader.load(
            contentsOf: root.appendingPathComponent("Grammars/kk-integration-status.yaml"))
        let text = try String(
            contentsOf: root.appendingPathComponent("Corpus/statusredegoerelse-2009-bif.txt"), encoding: .utf8)
        let selection = GrammarSelector.select(from: [general, shipped], text: text)
        #expect(selection.grammar?.name == "kk-integration-status")
        #expect(selection.matches == ["kk-integration-status", "generic"])
    }

    // MARK: Lines, read only as far as needed

    /// The choice over lines is the choice over their text, whether the first
    /// lines settle it or the rest is needed.
    private func expectSameChoice(_ grammars: [Grammar], _ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let byLines = GrammarSelector.select(from: grammars, lines: lines)
        let byText = GrammarSelector.select(from: grammars, text: lines.joined(separator: "\n"))
        #expect(byLines.grammar?.name == byText.grammar?.name, sourceLocation: sourceLocation)
        #expect(byLines.matches == byText.matches, sourceLocation: sourceLocation)
        #expect(byLines.reason == byText.reason, sourceLocation: sourceLocation)
    }

    @Test func keywordsAfterTheFirstLinesAreFound() throws {
        let filler = Array(repeating: "Indledning", count: 600)
        let late = filler + ["Statusredegørelse", "Navn på indsats"]
        #expect(GrammarSelector.select(from: [specific], lines: late).grammar?.name == "kk")
        expectSameChoice([specific, general], late)
        // A keyword broken over the last of the first lines and the next one.
        var broken = filler
        broken[GrammarSelector.headLines - 1] = "Statusredegørelse Navn på"
        broken[GrammarSelector.headLines] = "indsats"
        #expect(GrammarSelector.select(from: [specific], lines: broken).grammar?.name == "kk")
        expectSameChoice([specific, general], broken)
    }

    @Test func aGrammarThatDoesNotMatchNeedsTheWholeDocument() throws {
        let other = try grammar("other", keywords: ["Årsrapport"])
        let lines = ["Statusredegørelse", "Navn på indsats"] + Array(repeating: "tekst", count: 600) + ["Årsrapport"]
        expectSameChoice([specific, general, other], lines)
        expectSameChoice([specific, general, other], Array(lines.dropLast()))
        expectSameChoice([specific], Array(lines.prefix(3)))
        expectSameChoice([specific, general], [])
    }
}
