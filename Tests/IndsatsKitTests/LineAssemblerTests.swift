import Foundation
import Testing
@testable import IndsatsKit

/// LineAssembler on glyphs that the real poppler read from the fixtures of
/// Corpus/fixtures (see make_fixtures.py for what each one holds).
@Suite struct LineAssemblerTests {
    // MARK: table.pdf

    @Test func labelAndValueColumnsShareALineAndKeepTheirX() throws {
        let lines = try lines(of: "table")
        let row = try #require(lines.first { $0.text.hasPrefix("Navn") })
        #expect(row.text == "Navn på indsats Sprogcafé for nydanskere på Ærø")
        #expect(row.words.map(\.isBold) == [true, true, true, false, false, false, false, false])
        // Label column starts at x 60, value column at x 190; nothing bridges the gap.
        #expect(abs(row.words[0].bbox.x0 - 60) < 0.01)
        #expect(abs(row.words[3].bbox.x0 - 190) < 0.01)
        #expect(row.words[2].bbox.x1 < 186 && row.words[3].bbox.x0 > 186)
        #expect(row.words.map(\.fontName) == Array(repeating: "Helvetica-Bold", count: 3)
            + Array(repeating: "Helvetica", count: 5))
        #expect(row.bbox == row.words.dropFirst().reduce(row.words[0].bbox) { $0.union($1.bbox) })
    }

    @Test func wordBoxesAreExactGlyphUnions() throws {
        let page = try #require(try PDFSource.read(data: try fixture("table"), path: "table.pdf").pages.first)
        let lines = LineAssembler.lines(of: page)
        let word = try #require(lines.flatMap(\.words).first { $0.text == "Sprogcafé" && !$0.isBold })
        let glyphs = page.glyphs.filter { $0.bbox.x0 >= word.bbox.x0 && $0.bbox.x1 <= word.bbox.x1
            && $0.bbox.y0 == word.bbox.y0 && $0.fontSize == 10 }
        #expect(glyphs.map(\.text).joined() == "Sprogcafé")
        #expect(word.bbox == glyphs.dropFirst().reduce(glyphs[0].bbox) { $0.union($1.bbox) })
        #expect(word.fontSize == 10)
    }

    @Test func wrappedLabelIsThreeLines() throws {
        let lines = try lines(of: "table")
        let start = try #require(lines.firstIndex { $0.text.hasPrefix("Forventede") })
        #expect(lines[start].text == "Forventede Flere deltagere i job eller uddannelse")
        #expect(lines[start + 1].text == "resultater og")
        #expect(lines[start + 2].text == "effekter")
        #expect(lines[start...start + 2].allSatisfy { abs($0.words[0].bbox.x0 - 60) < 0.01 && $0.words[0].isBold })
    }

    @Test func superscriptFootnoteMarkerStaysOnItsLine() throws {
        let lines = try lines(of: "table")
        let economy = try #require(lines.first { $0.text.hasPrefix("Økonomi") })
        #expect(economy.text == "Økonomi Forbrug 32,9 4 mio. kr. i 2009")
        let number = economy.words[2], marker = economy.words[3]
        // The marker is its own word, glued to the number, smaller and raised.
        #expect(marker.fontSize == 6 && number.fontSize == 10)
        #expect(abs(marker.bbox.x0 - number.bbox.x1) < 0.01)
        #expect(marker.bbox.y0 < number.bbox.y0 && marker.bbox.y1 < number.bbox.y1)
        #expect(!lines.contains { $0.text == "4" })

        // In the footnote the marker leads its own line.
        let footnote = try #require(lines.last)
        #expect(footnote.text == "4 Heraf 2,1 mio. kr. fra puljen til særlige løft af området.")
    }

    @Test func linesTopToBottomWordsLeftToRight() throws {
        let lines = try lines(of: "table")
        #expect(lines.count == 7)
        #expect(lines.first?.text == "2.1 Status for Sprogcafé")
        #expect(zip(lines, lines.dropFirst()).allSatisfy { $0.bbox.midY < $1.bbox.midY })
        for line in lines {
            #expect(line.page == 1)
            #expect(zip(line.words, line.words.dropFirst()).allSatisfy { $0.bbox.x1 <= $1.bbox.x0 })
            #expect(line.text == line.words.map(\.text).joined(separator: " "))
        }
    }

    // MARK: justified.pdf

    @Test func wordsFromGeometry() throws {
        #expect(try lines(of: "justified").map(\.text) == [
            "Indsatsen har i perioden styrket samarbejdet med skolerne", // placed word by word
            "og foreningerne i bydelen",                                  // very wide gaps
            "Kommunalbestyrelsen godkendte",                              // tight character spacing
            "Bemærk dette",                                               // letter spacing 0.12 em
            "Det samlede forbrug i 2009",                                 // Times: 0.25 em spaces
            "Status opgjort",                                             // "Status" drawn twice
            "Økonomi i alt",                                              // each letter drawn twice
        ])
    }

    @Test func fakeBoldDoesNotDoubleLetters() throws {
        let page = try #require(try PDFSource.read(data: try fixture("justified"), path: "j.pdf").pages.first)
        // Poppler keeps both drawings of each letter of the last line's "Økonomi".
        let bottom = try #require(page.glyphs.map(\.bbox.y0).max())
        let doubled = page.glyphs.filter { $0.bbox.y0 > bottom - 1 && page.fontName(of: $0) == "Helvetica-Bold" }
        #expect(doubled.map(\.text).joined() == "ØØkkoonnoommii")

        let line = try #require(LineAssembler.lines(of: page).last)
        #expect(line.text == "Økonomi i alt")
        let word = line.words[0]
        #expect(word.isBold && word.fontSize == 10)
        // The word covers both drawings.
        #expect(word.bbox == doubled.dropFirst().reduce(doubled[0].bbox) { $0.union($1.bbox) })
    }

    // MARK: unicode.pdf

    @Test func ligaturesAndSoftHyphen() throws {
        #expect(try lines(of: "unicode").map(\.text) == [
            "Deltagerne fik flere tilbud",
            "Arbejds\u{AD}",
            "markedet",
            "Æbleø på Ålandsvej",
        ])
    }

    // MARK: Pages and fonts

    @Test func pageNumbersCarryOver() throws {
        let text = try PDFSource.read(data: try fixture("pages"), path: "pages.pdf", pages: 2...3)
        let lines = text.pages.flatMap(LineAssembler.lines(of:))
        #expect(lines.map(\.page) == [2, 3])
        #expect(lines.map(\.text) == ["Side 2 af 3", "Side 3 af 3"])
    }

    @Test func emptyPageHasNoLines() {
        #expect(LineAssembler.lines(of: PDFPageText(number: 1, width: 595, height: 842, glyphs: [], fonts: [])).isEmpty)
    }

    /// A letter drawn as a base glyph and a combining mark on it is one NFC
    /// letter, so "Målgruppe" set that way still matches the grammar's label.
    @Test func wordsAreNFC() throws {
        let scalars: [Unicode.Scalar] = ["M", "a", "\u{30A}", "l"]
        // The ring sits on the "a", with no advance of its own.
        let boxes = [(100.0, 106.0), (106, 112), (107, 111), (112, 115)]
        let glyphs = zip(scalars, boxes).map { scalar, box in
            Glyph(scalar: scalar, bbox: BBox(x0: box.0, y0: 100, x1: box.1, y1: 110), font: 0, fontSize: 10)
        }
        let page = PDFPageText(number: 1, width: 595, height: 842, glyphs: glyphs, fonts: [PDFFont(name: "Helvetica")])
        let words = try #require(LineAssembler.lines(of: page).first).words
        #expect(words.map { Array($0.text.unicodeScalars) } == [["M", "\u{E5}", "l"]])
    }

    @Test(arguments: [
        ("Helvetica-Bold", true), ("ABCDEF+Arial-BoldMT", true), ("Arial,Bold", true),
        ("Calibri-Semibold", true), ("Futura-Heavy", true), ("Helvetica-Black", true),
        ("ITCAvantGarde-Demi", true), ("FrutigerLTStd-Bd", true), ("TimesNewRomanPS-BoldItalicMT", true),
        ("Helvetica", false), ("ArialMT", false), ("Academica-Book", false), ("Calibri-Light", false),
        ("Times-Italic", false), ("", false),
    ])
    func boldFontNames(name: String, isBold: Bool) {
        #expect(LineAssembler.isBold(name) == isBold)
    }

    // MARK: Fast paths against what they stand for

    /// `Glyph.shows` answers ASCII and Latin-1 without Unicode's property
    /// tables; for those and the next blocks it must say what the tables say.
    @Test func glyphShowsAgreesWithUnicodeProperties() {
        for value in UInt32(0)...0x2FF {
            let scalar = Unicode.Scalar(value)!
            let category = scalar.properties.generalCategory
            let expected = scalar == "\u{AD}"
                || !(scalar.properties.isWhitespace || category == .control || category == .format)
            #expect(Glyph.shows(scalar) == expected, "U+\(String(value, radix: 16))")
        }
    }

    /// A word's UTF-8, written glyph by glyph, is its scalars' (ligatures spelled out).
    @Test func wordTextIsTheGlyphsScalars() {
        let scalars: [Unicode.Scalar] = ["A", "\u{E6}", "\u{F8}", "\u{E5}", "\u{FB01}", "\u{2013}", "\u{20AC}",
                                         "\u{1F600}", "\u{301}", "\u{5D0}", "\u{AD}"]
        let glyphs = scalars.map { Glyph(scalar: $0, bbox: BBox(x0: 0, y0: 0, x1: 1, y1: 1), font: 0, fontSize: 10) }
        var builder = WordBuilder(fonts: [PDFFont(name: "Helvetica")])
        let word = glyphs.withUnsafeBufferPointer { builder.word(of: $0) }
        let expected = scalars.map { $0 == "\u{FB01}" ? "fi" : String($0) }.joined()
        #expect(word.text == expected.precomposedStringWithCanonicalMapping)
        let ascii = glyphs.prefix(1).withUnsafeBufferPointer { builder.word(of: $0) }
        #expect(ascii.text == "A")
        // A letter and its combining ring are not plain: the word is composed to "å", byte for byte.
        let ring = ["a", "\u{30A}"].map { Glyph(scalar: $0, bbox: BBox(x0: 0, y0: 0, x1: 1, y1: 1), font: 0, fontSize: 10) }
        let composed = ring.withUnsafeBufferPointer { builder.word(of: $0) }
        #expect(Array(composed.text.utf8) == Array("\u{E5}".utf8))
    }

    /// Character counts and joined texts, computed on bytes, equal Swift's own.
    @Test(arguments: ["", "a", "Økonomi", "Integrationsforvaltningens", "e\u{301}", "\u{5D0}\u{5B8}",
                      "år", "32,9", "\u{1F600}", "\r\n", "ﬁnansiering", String(repeating: "æ", count: 40)])
    func wordCountsAndJoinsAsSwiftDoes(text: String) {
        let word = LayoutWord(text: text, bbox: BBox(x0: 0, y0: 0, x1: 1, y1: 1), fontSize: 10, fontName: "", isBold: false)
        // ASCII counts its bytes (as before: a word holds no CR LF pair), the rest as Swift counts.
        #expect(word.characterCount == (text.utf8.allSatisfy { $0 < 0x80 } ? text.utf8.count : text.count))
        for words in [[word], [word, word], [word, LayoutWord(text: "x", bbox: word.bbox, fontSize: 10, fontName: "", isBold: false), word]] {
            #expect(Array(LayoutWord.joinedText(words).utf8) == Array(words.map(\.text).joined(separator: " ").utf8))
        }
    }

    // MARK: Helpers

    private func lines(of fixtureName: String) throws -> [LayoutLine] {
        let text = try PDFSource.read(data: try fixture(fixtureName), path: "\(fixtureName).pdf")
        #expect(text.messages.isEmpty)
        return text.pages.flatMap(LineAssembler.lines(of:))
    }

    private func fixture(_ name: String) throws -> Data {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path),
              folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return try Data(contentsOf: folder.appendingPathComponent("Corpus/fixtures/\(name).pdf"))
    }
}
