import Foundation
import Testing
@testable import IndsatsKit

/// How the bytes of a text input become text: UTF-8, a BOM dropped,
/// Windows-1252 with a warning, bytes that are neither refused, double-encoded
/// UTF-8 flagged. Never a silent replacement character.
@Suite struct TextEncodingTests {
    static let seedPath = "Corpus/statusredegoerelse-2009-bif.txt"

    private func cp1252(_ text: String) throws -> Data {
        try #require(text.data(using: .windowsCP1252))
    }

    private func read(_ data: Data, path: String = "x.txt") throws(ExtractionError) -> SourceText {
        try TextSource.read(data: data, path: path)
    }

    // MARK: Windows-1252

    @Test func windows1252IsReadWithAWarningThatNamesTheLine() throws {
        let text = try read(try cp1252("Navn på indsats\nØkonomi – 2 mio. kr.\n"))
        #expect(text.lines.map(\.text) == ["Navn på indsats", "Økonomi – 2 mio. kr."])
        #expect(text.warnings == [Warning(.decodedWindows1252,
            "the text is not valid UTF-8 (byte 0xE5 at line 1); read as Windows-1252", line: 1)])
    }

    /// The whole seed report exported as Windows-1252 reads like the UTF-8 original.
    @Test func windows1252SeedGivesTheSameInitiatives() throws {
        let original = try String(contentsOf: Repo.path(Self.seedPath), encoding: .utf8)
        let grammar = Repo.grammar
        let utf8 = try Extractor(grammars: [grammar]).extract(.init(path: "a.txt", data: Data(original.utf8), format: .text))
        let legacy = try Extractor(grammars: [grammar]).extract(.init(path: "a.txt", data: try cp1252(original), format: .text))
        #expect(legacy.initiatives.count == 16)
        #expect(legacy.initiatives.map(\.fields) == utf8.initiatives.map(\.fields))
        #expect(legacy.report == utf8.report)
        #expect(legacy.warnings.map(\.code) == [.decodedWindows1252] + utf8.warnings.map(\.code))
    }

    @Test(arguments: [UInt8(0x81), 0x8D, 0x8F, 0x90, 0x9D])
    func bytesUndefinedInWindows1252AreInvalidText(_ byte: UInt8) {
        let data = Data("første linje\nanden ".utf8) + Data([0xE6, byte]) + Data(" linje".utf8)
        #expect(throws: ExtractionError(.invalidText, path: "x.txt", "the text is neither UTF-8 nor Windows-1252 "
            + "(byte 0x\(String(byte, radix: 16, uppercase: true)) at line 2)")) {
            _ = try read(data)
        }
    }

    @Test func everyDefinedByteRoundTrips() {
        let defined = (0...255).map(UInt8.init).filter { Windows1252.scalar($0) != nil }
        #expect(defined.count == 251)
        for byte in defined { #expect(Windows1252.scalar(byte).flatMap(Windows1252.byte) == byte) }
        #expect(Windows1252.scalar(0x80) == "€" && Windows1252.scalar(0xF8) == "ø")
    }

    @Test func utf16IsRefusedWithAHint() {
        for bom: [UInt8] in [[0xFF, 0xFE], [0xFE, 0xFF]] {
            let error = #expect(throws: ExtractionError.self) { _ = try read(Data(bom + [0x41, 0, 0x42, 0])) }
            #expect(error?.code == .invalidText)
            #expect(error?.reason.contains("UTF-16") == true)
        }
    }

    @Test func nulBytesAreBinaryNotText() {
        let error = #expect(throws: ExtractionError.self) { _ = try read(Data([0x41, 0, 0xE5])) }
        #expect(error?.code == .unknownType)
    }

    // MARK: UTF-8

    @Test func byteOrderMarkIsDropped() throws {
        let plain = try read(Data("Navn på indsats\n".utf8))
        let marked = try read(Data([0xEF, 0xBB, 0xBF]) + Data("Navn på indsats\n".utf8))
        #expect(marked.lines == plain.lines)
        #expect(marked.warnings.isEmpty)
    }

    @Test func cleanDanishTextHasNoWarning() throws {
        let text = try read(Data("Ærø, Økonomi, Målgruppe, idé – “citat” og BIF’s 6,9 mio. kr. Ø…\n".utf8))
        #expect(text.warnings.isEmpty)
    }

    @Test func mojibakeIsFlaggedWithLineAndCount() throws {
        let text = try read(Data("Navn på indsats\nMÃ¥lgruppe: bÃ¸rn og unge\nÃ˜konomi â€“ 2 mio.\n".utf8))
        // The text itself is kept as it is: flagged, not guessed at.
        #expect(text.lines[1].text == "MÃ¥lgruppe: bÃ¸rn og unge")
        #expect(text.warnings == [Warning(.mojibake, "the text looks double-encoded (UTF-8 read as Windows-1252): "
            + "'Ã¥' for 'å', 4 times, first at line 2", line: 2)])
    }

    @Test(arguments: ["Ã¸", "Ã¥", "Ã¦", "Ã˜", "Ã…", "Ã†", "Ã©", "â€™", "â€“", "Â\u{A0}"])
    func eachMojibakeShapeIsFound(_ mangled: String) throws {
        let finding = try #require(Mojibake.find(in: "abc \(mangled) def"))
        #expect(finding.text == mangled && finding.count == 1 && finding.line == 1)
        #expect(Data(finding.meant.utf8) == (mangled.data(using: .windowsCP1252)))
    }

    @Test func mojibakeWarningReachesTheDocument() throws {
        let document = try Repo.extractText("Statusredegørelse\nNavn på indsats\nSprogcafÃ©\n")
        #expect(document.warnings.contains { $0.code == .mojibake && $0.line == 3 })
    }

    @Test func precomposedAndDecomposedGiveIdenticalJSON() throws {
        let composed = "2.1 Status for Sprogcafé\nNavn på indsats\nSprogcafé på Østerbro\nMålgruppe\nÆldre\n"
        let decomposed = composed.decomposedStringWithCanonicalMapping
        #expect(Data(composed.utf8) != Data(decomposed.utf8))
        let encode = { (text: String) throws -> Data in
            try JSONOutput.encode(try Extractor(grammars: [Repo.grammar])
                .extract(.init(path: "x.txt", data: Data(text.utf8), format: .text)))
        }
        // The sha256 of the input differs; everything else must not.
        let strip = { (data: Data) in String(decoding: data, as: UTF8.self)
            .split(separator: "\n").filter { !$0.contains("sha256") && !$0.contains("\"id\"") } }
        #expect(strip(try encode(composed)) == strip(try encode(decomposed)))
    }

    /// Windows exports end lines with CR LF, old Mac ones with CR: the seed
    /// so saved reads as it does with LF (it used to give no initiatives).
    @Test(arguments: ["\r\n", "\r"]) func otherLineEndsReadLikeLineFeeds(_ end: String) throws {
        let seed = try String(contentsOf: Repo.path("Corpus/statusredegoerelse-2009-bif.txt"), encoding: .utf8)
        let converted = seed.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: end)
        let encode = { (text: String) throws -> Data in
            try JSONOutput.encode(try Extractor(grammars: [Repo.grammar])
                .extract(.init(path: "x.txt", data: Data(text.utf8), format: .text)))
        }
        let strip = { (data: Data) in String(decoding: data, as: UTF8.self)
            .split(separator: "\n").filter { !$0.contains("sha256") && !$0.contains("\"id\"") } }
        let lf = try encode(seed)
        #expect(strip(try encode(converted)) == strip(lf))
        #expect(try Repo.extractText(converted).initiatives.count == 16)
    }
}
