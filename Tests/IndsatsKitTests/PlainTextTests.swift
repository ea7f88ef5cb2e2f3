import Foundation
import Testing
@testable import IndsatsKit

/// The byte paths for plain text (`PlainText`) against the `Character` code
/// they stand in for: the same lines, words, markers, normalised text and
/// decisions on tricky text (non-ASCII, decomposed letters, combining marks
/// after spaces, no-break and other Unicode spaces, tabs, CR LF, form feeds).
@Suite struct PlainTextTests {
    /// Pieces random texts are made of: most of them traps for a byte reading.
    static let pieces: [String] = [
        "Mål", "Målgruppe", "Navn på indsats", "Økonomi", "Status", "ift.", "målopfyldelse", "Afsæt",
        " ", " ", "  ", "\t", "\u{A0}", "\u{2003}", "\u{2000}", "\u{202F}", "\u{3000}", "\u{85}", "\u{2028}",
        "\n", "\n", "\r\n", "\r", "\u{0C}", "\n ", "\n  ",
        "o\u{338}", "a\u{30A}", "A\u{30A}", " \u{301}", "\u{301}", "e\u{301}", "\u{200D}", "👍🏽", "🇩🇰",
        "’", "–", "”", "½", "²", "€", "§", "ø", "æ", "å", "Ø", "\u{AD}", "\u{200B}", "ﬁ", "Ω", "Å",
        "Integration3", "pct.1", "ALT12", "økonomioversigten.6", "32,94", "2009", "2.1", "3", "#", "x.",
        "1 ", "Side 4", "Side 12 af 27", "\u{0600}1", "ǿ", "med\u{AD}", "í", "integrations-", "og", "-",
    ]

    static func randomTexts(count: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 1...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
        }
    }

    static let texts = pieces + randomTexts(count: 3000, seed: 5)

    // MARK: The plain ranges against the Unicode data

    @Test func plainScalarsAreOneCharacterEachAndNFC() throws {
        var secondParts = Set<UInt32>()
        for value in UInt32(0x80)...0x2FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for part in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.dropFirst() {
                secondParts.insert(part.value)
            }
        }
        for range in PlainText.plainRanges {
            for value in range {
                let scalar = try #require(Unicode.Scalar(value))
                let s = String(scalar)
                #expect(PlainText.isPlain(scalar))
                #expect(s.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(s.unicodeScalars), "U+\(String(value, radix: 16))")
                #expect(scalar.properties.canonicalCombiningClass == .notReordered, "U+\(String(value, radix: 16))")
                #expect(!secondParts.contains(value), "U+\(String(value, radix: 16)) composes with what precedes it")
                #expect(("a" + s + "a").count == 3 && (s + s).count == 2, "U+\(String(value, radix: 16)) joins a neighbour")
            }
        }
        #expect(!PlainText.isPlain("\r") && !PlainText.isPlain("\u{301}") && !PlainText.isPlain("\u{2000}"))
    }

    @Test func plainTextIsItsOwnNFC() {
        for text in Self.texts where PlainText.isPlain(text) {
            #expect(text.precomposedStringWithCanonicalMapping.utf8.elementsEqual(text.utf8))
        }
        for text in Self.texts {
            #expect(PlainText.nfc(text).utf8.elementsEqual(text.precomposedStringWithCanonicalMapping.utf8))
        }
    }

    // MARK: Each byte path against its Character code

    @Test func linesAreTheSame() {
        for text in Self.texts + [Self.texts.joined(separator: "\n")] {
            let fast = TextSource.lines(of: text), slow = Reference.lines(of: text)
            #expect(fast.lines == slow.lines, "\(text.debugDescription)")
            #expect(fast.pageCount == slow.pageCount)
        }
    }

    @Test func normalizeIsTheSame() {
        for text in Self.texts {
            #expect(Grammar.normalize(text).utf8.elementsEqual(Grammar.normalizeCharacters(text).utf8), "\(text.debugDescription)")
        }
    }

    @Test func joinedLinesAreTheSame() {
        let texts = Self.texts
        for i in texts.indices.dropLast(2) {
            let group = Array(texts[i..<(i + 3)])
            for hyphens in [Grammar.LineEndHyphens.keep, Grammar.LineEndHyphens(join: true, notBefore: ["og"])] {
                #expect(LineJoin.join(group, hyphens: hyphens).utf8.elementsEqual(Reference.join(group, hyphens: hyphens).utf8),
                        "\(group.debugDescription)")
            }
        }
    }

    @Test func gluedMarkersAreTheSame() {
        for text in Self.texts {
            let fast = GluedMarkers.markers(in: text).map(\.marker)
            let slow = text.split(separator: " ").compactMap { GluedMarkers.split($0)?.marker }
            #expect(fast == slow, "\(text.debugDescription)")
            let known = Set(fast.map(String.init))
            let stripped = GluedMarkers.strip(text, known: known), reference = Reference.strip(text, known: known)
            #expect(stripped.text.utf8.elementsEqual(reference.text.utf8) && stripped.markers == reference.markers,
                    "\(text.debugDescription)")
        }
    }

    @Test func wordsAndLabelStartsAreTheSame() throws {
        let grammar = try GrammarLoader.load(contentsOf: Repo.path("Grammars/kk-integration-status.yaml"))
        let matcher = LabelMatcher(grammar: grammar)
        for text in Self.texts {
            let fast = LabelMatcher.words(text), slow = Reference.words(text)
            #expect(fast.map(String.init) == slow.map(String.init), "\(text.debugDescription)")
            #expect(fast.map { $0.utf8.count } == slow.map { $0.utf8.count })
            #expect(matcher.canStart(text) == Reference.canStart(matcher, text), "\(text.debugDescription)")
        }
    }

    @Test func shapesAreTheSame() {
        for text in Self.texts {
            #expect(PageFurniture.shape(text).utf8.elementsEqual(Reference.shape(text).utf8), "\(text.debugDescription)")
        }
    }

    @Test func keywordsAreFoundTheSame() throws {
        let keywords = ["Statusredegørelse", "Navn på indsats", "Mål", "a", "o", "e", "å", "Ω", "ø i", "ift. mål"]
        let grammar = try GrammarLoader.load(yaml: """
            description: k
            keywords: [\(keywords.map { "'\($0)'" }.joined(separator: ", "))]
            chapter: '^(?<number>[0-9])\\.\\s+(?<title>.+)$'
            block: '^(?<number>[0-9]\\.[0-9])\\s+(?<title>.+)$'
            fields:
              - key: name
                labels: [Navn]
            """, name: "k", path: nil)
        for text in Self.texts {
            let haystack = Grammar.normalize(text)
            let slow = grammar.keywords.filter { !haystack.contains(Grammar.normalize($0)) }
            #expect(GrammarSelector.missingKeywords(of: grammar, inNormalized: haystack) == slow, "\(text.debugDescription)")
        }
    }

    @Test func headingTitlesAreTrimmedTheSame() {
        for text in Self.texts + ["\u{200B}Alfa", "Alfa\u{200B}", "\tAlfa ", "Ø", "ø\u{3000}", "2009"] {
            #expect(Tokenizer.trimmedOfSpaces(text).utf8.elementsEqual(text.trimmingCharacters(in: .whitespaces).utf8),
                    "\(text.debugDescription)")
        }
    }

    // MARK: Anchored patterns ruled out by their first byte

    @Test(arguments: [
        ("^(?<number>[0-9]{1,2})\\.\\s+(?<title>\\p{Lu}.*)$", "0123456789"),
        ("^(?<number>[0-9]{1,2}\\.[0-9]{1,2})\\s+(?<title>\\p{Lu}.*)$", "0123456789"),
        ("^Side [0-9]+( af [0-9]+)?$", "S"),
        ("^(?:[A-C]x|[0-9])", nil),
        ("^[a-c ]+", " abc"),
        ("^\\.x", "."),
    ] as [(String, String?)])
    func prefilterReadsPlainAnchors(pattern: String, first: String?) {
        let table = PatternPrefilter.firstBytes(of: pattern)
        #expect(table.map { t in String((0..<128).filter { t[$0] }.map { Character(Unicode.Scalar(UInt8($0))) }) } == first)
    }

    @Test(arguments: ["[0-9]x", "^[0-9]?x", "^[0-9]*x", "^[0-9]{0,2}x", "^(?<n>[0-9])?x", "^(a|b)", "^a|b", "(?i)^s",
                      "^(?i)s", "^(?i:s)", "^[^0-9]", "^\\d", "^\\p{Lu}", "^.", "^\\Qa\\E", "^(?=a)a", "^[ø]", "^ø",
                      "^(?<n>a)*b", "^(?:a){0}b", "^$", "^", "^(?#c)a", "^[a-]", "^\\sx"])
    func prefilterGivesUpOnWhatItDoesNotFollow(pattern: String) {
        #expect(PatternPrefilter.firstBytes(of: pattern) == nil)
    }

    @Test(arguments: [
        ("^Antal projekter ", "Antal projekter "),
        ("^Økonomisk oversigt .* i (?<unit>mio\\. kr\\.|1\\.000 kr\\.)$", "Økonomisk oversigt "),
        ("^Startmåling .*beskæftigelsesområdet$", "Startmåling "),
        ("^ab?c", "a"), ("^ab*", "a"), ("^ab+", "a"), ("^ab{2}", "a"), ("^Side [0-9]+", "Side "),
        ("^A\u{30A}?x", "A"), ("^Mål$", "Mål"),
        ("Mål", ""), ("^Foo|^Bar", ""), ("^a|b", ""), ("(?i)^foo", ""), ("^(?i)foo", ""), ("^\\Qa\\E", ""),
        ("^\\.x", ""), ("^[ø]x", ""), ("^", ""),
        ("^ab(?#[)|cd(?#])", ""), ("^ab(?x)#(\n|cd#)", ""), ("^ab\\c(|cd\\c)", ""), ("^ab|\u{301}cd", ""),
        ("^ab#c", ""), ("^ab(?i)c", "ab"), ("^Ab\u{30A}c", "Ab\u{30A}c"),
    ] as [(String, String)])
    func literalPrefixReadsPlainCharacters(pattern: String, prefix: String) {
        #expect(PatternPrefilter.literalPrefix(of: pattern) == Array(prefix.utf8))
    }

    @Test func prefilterNeverChangesAMatch() throws {
        let patterns = ["^(?<number>[0-9]{1,2})\\.\\s+(?<title>\\p{Lu}.*)$", "^(?<number>[0-9]{1,2}\\.[0-9]{1,2})\\s+(?<title>\\p{Lu}.*)$",
                        "^Side [0-9]+( af [0-9]+)?$", "^Statusredegørelse for ", "^[a-c ]+", "^\\.x", "^(?:(?<n>[0-9])\\.)x",
                        "^Økonomisk oversigt .* i (?<unit>mio\\. kr\\.|1\\.000 kr\\.)$", "^Øk?onomi", "^Statusskema for .*målopfyldelse",
                        "^Å", "^A\u{30A}?", "^Mål|^Status",
                        // Structure the Character readings did not see as ICU does (review of 450eb52):
                        // comments, free spacing, \c's operand, syntax fused with a combining mark.
                        "^ab(?#[)|cd(?#])", "^ab(?x)#(\n|cd#)", "^ab\\c(|cd\\c)", "^ab\\c[|cd\\c]", "^ab|\u{301}cd",
                        "^Side [0-9]+|\u{308}", "^ab[\u{301}(]|cd[\u{301})]", "^ab\\Q\u{301}(\\E|cd\\Q\u{301})\\E", "^a*\u{301}*N*1"]
        let lines = Self.texts + ["2.1 Status for Alfa", "2. BIF’s enkelte", "Side 7 af 27", "", ".x", "1.x", "٣.١ Status",
                                  "Økonomisk oversigt for BIF-indsatser i 2008-2010 i mio. kr.", "Økonomi 6,9 mio. kr.", "Oonomi",
                                  "Statusskema for BIF’s målopfyldelse", "Å", "A\u{30A}", "A", "Status", "Mål",
                                  "cd", "cd\t", "cd\u{1D}", "x\u{301}cd", "Hm\u{308}", "cd)", "cd\u{301})", "1"]
        for source in patterns {
            let pattern = Grammar.Pattern(source: source, regex: try NSRegularExpression(pattern: source), line: 1)
            for line in lines {
                let ns = line as NSString
                let icu = ns.length <= Grammar.Pattern.maxLineLength
                    ? pattern.regex.firstMatch(in: line, range: NSRange(location: 0, length: ns.length)) : nil
                #expect((pattern.firstMatch(in: line) == nil) == (icu == nil), "\(source) on \(line.debugDescription)")
            }
        }
    }
}

/// The `Character` readings the byte paths replace, as they were.
private enum Reference {
    static func lines(of text: String) -> SourceText {
        var result: [SourceLine] = []
        var page = 1
        var pendingBreaks = 0
        var pendingGap = false
        func append(_ text: Substring, _ lineNumber: Int) {
            let trimmed = String(text.trimmingWhitespace)
            guard !trimmed.isEmpty else {
                pendingGap = true
                return
            }
            let startsPage = result.isEmpty || pendingBreaks > 0
            if !result.isEmpty { page += pendingBreaks }
            let at = Provenance(page: page, line: lineNumber)
            result.append(SourceLine(page: page, parts: [.init(column: .full, text: trimmed, at: at)],
                                     gapBefore: pendingGap || startsPage, startsPage: startsPage))
            pendingBreaks = 0
            pendingGap = false
        }
        var lineNumber = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            lineNumber += 1
            var line = raw
            if line.last == "\r" { line = line.dropLast() }
            while let ff = line.firstIndex(of: "\u{0C}") {
                append(line[..<ff], lineNumber)
                line = line[line.index(after: ff)...]
                pendingBreaks += 1
            }
            if line.first == " ", line.dropFirst().first != " " {
                pendingBreaks += 1
                line = line.dropFirst()
            }
            append(line, lineNumber)
        }
        return SourceText(lines: result, pageCount: page)
    }

    static func join(_ lines: [String], hyphens: Grammar.LineEndHyphens) -> String {
        var out = ""
        var glued = false
        for line in lines {
            var words = line.split(whereSeparator: \.isWhitespaceFast)
            let broken = words.last?.last == LineJoin.softHyphen
            if line.utf8.contains(0xAD) { words = words.map { $0.filter { $0 != LineJoin.softHyphen }[...] }.filter { !$0.isEmpty } }
            let text = words.joined(separator: " ")
            guard !text.isEmpty else { continue }
            if !out.isEmpty, !glued {
                if hyphens.joins(after: out, before: text) { out.removeLast() } else { out += " " }
            }
            out += text
            glued = broken
        }
        return out
    }

    static func strip(_ text: String, known: Set<String>) -> (text: String, markers: [String]) {
        var markers: [String] = []
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map { word -> Substring in
            guard let (head, n) = GluedMarkers.split(word), known.contains(String(n)) else { return word }
            markers.append(String(n))
            return head
        }
        return markers.isEmpty ? (text, []) : (words.joined(separator: " "), markers)
    }

    static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{A0}" })
    }

    static func canStart(_ matcher: LabelMatcher, _ text: String) -> Bool {
        matcher.canStartByCharacters(text)
    }

    static func shape(_ text: String) -> String {
        var out = ""
        for c in text where !(c.isNumber && out.last == "#") { out.append(c.isNumber ? "#" : c) }
        return out
    }
}
