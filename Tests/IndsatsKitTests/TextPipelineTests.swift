import Foundation
import Testing
@testable import IndsatsKit

/// The traps of the genre, each in a small report written the way pdftotext
/// prints one (a line starting with one space opens a page).
@Suite struct TextPipelineTests {
    static let report = """
        Statusredegørelse for Testforvaltningens
        integrationsindsats 2010

        Indholdsfortegnelse
        2.1 Status for Alfa
        2.2 Status for Beta
        3.1 Status for Gamma

         2. Forvaltningens enkelte indsatser

        2.1 Status for Alfa

        Navn på indsats Alfa-projektet
        Økonomi Økonomien er 2,0 mio. kr. i 2010
        Afsæt Budgetaftale 2009
        Målgruppe Målgruppe:

        2.091 kontanthjælpsmodtagere i
        fem boligområder.
        Beskriv aktiviteterne Vejledning og
        Mål for 2010 er at nå 50 pct.
        Status: opstartet.
        Mål Målet for 2010 er 100 forløb.
        Hvordan bidrager indsatsen
        til mål i
        integrationspolitikken

        Indsatsen bidrager til
        målet om beskæftigelse.
        Planlagt opfølgning Kvartalsvis.
         Status ift. målopfyldelse 40 forløb er gennemført,
        flere er på vej.
         2.2 Status for Beta

        Navn på indsats: Beta
        Økonomi Se økonomioversigten.1
        Aktivitet Danskundervisning.
        Mål ./.
        Status på indsatsen ./.



        1 En fodnote om Beta, som refereres i tabellen nedenfor.
         3. Indsatser ud over politikken

        3.1 Status for Gamma

        Navn på indsats Gamma
        Økonomi 1 mio. kr.

        Målgruppe Alle.
        Beskriv aktiviteterne Møder.
        Mål Flere møder.
        Status ift. målopfyldelse Fire møder
        2.1 Status for Alfa er beskrevet ovenfor.

        4.1 Økonomioversigt
        2.1 Alfa 2,0 2,0
        2.2 Beta1 1,0 1,0
        """

    let document: ReportDocument
    init() throws { document = try Repo.extractText(Self.report) }

    func fields(_ number: String) -> [String: String] {
        document.initiatives.first { $0.number == number }?.fields ?? [:]
    }

    @Test func onlyTheBlocksWithTablesAreInitiatives() {
        // The contents list and the budget rows repeat headings but have no table.
        #expect(document.initiatives.map(\.number) == ["2.1", "2.2", "3.1"])
        #expect(document.initiatives.map(\.heading) == ["Status for Alfa", "Status for Beta", "Status for Gamma"])
    }

    @Test func titleYearAndChapters() {
        #expect(document.report.title == "Statusredegørelse for Testforvaltningens integrationsindsats 2010")
        #expect(document.report.year == 2010)
        #expect(document.initiatives.map(\.chapter) == [
            "2. Forvaltningens enkelte indsatser", "2. Forvaltningens enkelte indsatser", "3. Indsatser ud over politikken",
        ])
    }

    @Test func labelLikeWordsAtTheStartOfAValueStayInTheValue() {
        let alfa = fields("2.1")
        #expect(alfa["economy"] == "Økonomien er 2,0 mio. kr. i 2010")
        #expect(alfa["targetGroup"] == "Målgruppe: 2.091 kontanthjælpsmodtagere i fem boligområder.")
        #expect(alfa["activities"] == "Vejledning og Mål for 2010 er at nå 50 pct. Status: opstartet.")
        #expect(alfa["goal"] == "Målet for 2010 er 100 forløb.")
    }

    @Test func aLabelWrappedOverThreeLines() {
        #expect(fields("2.1")["contribution"] == "Indsatsen bidrager til målet om beskæftigelse.")
        #expect(fields("2.1")["followUp"] == "Kvartalsvis.")
    }

    @Test func aFieldContinuesAcrossAPageBreak() throws {
        #expect(fields("2.1")["status"] == "40 forløb er gennemført, flere er på vej.")
        let alfa = try #require(document.initiatives.first)
        #expect(alfa.pages == .init(first: 2, last: 3))
    }

    @Test func labelVariantsEmptyMarkerAndMissingFields() throws {
        #expect(fields("2.2") == [
            "name": "Beta", "economy": "Se økonomioversigten.", "activities": "Danskundervisning.", "goal": "./.", "status": "./.",
        ])
        let beta = try #require(document.initiatives.first { $0.number == "2.2" })
        #expect(beta.warnings.map(\.code) == [.missingField])
        #expect(beta.warnings.first?.message.contains("targetGroup") == true)
    }

    @Test func aFootnoteEndsTheValueItFollows() {
        #expect(fields("2.2")["status"] == "./.")
        #expect(document.footnotes == [.init(marker: "1", text: "En fodnote om Beta, som refereres i tabellen nedenfor.", page: 4)])
    }

    @Test func aHeadingLikeLineThatDoesNotMoveForwardIsValueText() {
        #expect(fields("3.1")["status"] == "Fire møder 2.1 Status for Alfa er beskrevet ovenfor.")
        #expect(fields("3.1")["economy"] == "1 mio. kr.")
    }

    @Test func idsAreStableAndUnique() throws {
        let again = try Repo.extractText(Self.report)
        #expect(again.initiatives.map(\.id) == document.initiatives.map(\.id))
        #expect(Set(document.initiatives.map(\.id)).count == 3)
        #expect(document.initiatives[0].id == "\(document.source.sha256.prefix(12)):2.1")
    }
}

@Suite struct TextSourceTests {
    @Test func pageBreaksByFormFeedAndByOneLeadingSpace() {
        let text = TextSource.lines(of: "a\n\u{0C}b\n c\n  d\n \n")
        #expect(text.lines.map(\.text) == ["a", "b", "c", "d"])
        #expect(text.lines.map(\.page) == [1, 2, 3, 3])
        // The trailing break opens no page.
        #expect(text.pageCount == 3)
    }

    @Test func precomposedAndDecomposedLettersReadTheSame() throws {
        let composed = try TextSource.read(data: Data("Målgruppe idé".utf8), path: "a.txt")
        let decomposed = try TextSource.read(data: Data("Ma\u{030A}lgruppe ide\u{0301}".utf8), path: "b.txt")
        #expect(composed.lines.map(\.text) == decomposed.lines.map(\.text))
    }

    @Test func lineNumbersAreKept() {
        let text = TextSource.lines(of: "\nfirst\n\nsecond")
        #expect(text.lines.map { $0.parts[0].at.line } == [2, 4])
        #expect(text.lines.map(\.gapBefore) == [true, true])
    }
}

@Suite struct SHA256Tests {
    static func hex(_ data: Data, hardware: Bool) -> String {
        SHA256.digest(data, hardware: hardware).map { String(format: "%02x", $0) }.joined()
    }

    /// FIPS 180-4's examples and more, by the CPU's SHA extensions (where it
    /// has them) and by the portable code.
    @Test(arguments: [false] + (SHA256.hardware ? [true] : []))
    func knownDigests(hardware: Bool) {
        #expect(Self.hex(Data(), hardware: hardware) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.hex(Data("abc".utf8), hardware: hardware) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Self.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8), hardware: hardware)
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // Two blocks of padding.
        #expect(Self.hex(Data(repeating: 0x61, count: 64), hardware: hardware) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
        #expect(Self.hex(Data(repeating: 0x61, count: 1_000_000), hardware: hardware)
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // Around the padding's boundaries (one block or two), by Python's hashlib.
        for (length, digest) in [
            (55, "1deace58c745f3ecadde68a5923f494c3703fa73f0306483ccb898a5826e8d70"),
            (56, "06dbe23685750e4d3881ded95047abaf93fa8f9c5d3501dc57c717a72ff1398e"),
            (57, "011f4bced20a249afb834d24b3e4eca31ad5ea2bdd1d8a1a564c2d2410398e69"),
            (60, "f9a1a9f6d203a5dce758db3ff13262b2a04ba6e71d92c06dbcd42b6e17ed58fd"),
            (63, "47fb38b12335c9298d09280515c0666489a189d1554bb0ac1a0740806ce9d8b6"),
            (119, "c6e0f435df5d7d265baacca31e0602c00aa22fa6d3819aed664649294c743756"),
            (120, "17eb8960823a644bde3065620bb9d45931fe8993fd8eb692a17aff0fd725db6a"),
        ] {
            #expect(Self.hex(Self.bytes(length), hardware: hardware) == digest, "length \(length)")
        }
    }

    /// Bytes (i·7 + 3) mod 251: no run of equal bytes, no block like another.
    static func bytes(_ count: Int) -> Data { Data((0..<count).map { UInt8(($0 * 7 + 3) % 251) }) }

    /// Every length around the block and padding boundaries, and a slice that
    /// does not start at its storage's start: the two ways agree.
    @Test(.enabled(if: SHA256.hardware, "this CPU has no SHA extensions: only the portable code runs here"))
    func theSHAExtensionsAgreeWithThePortableCode() throws {
        let bytes = Self.bytes(1_100)
        for length in 0...300 {
            let data = bytes.prefix(length)
            #expect(Self.hex(data, hardware: true) == Self.hex(data, hardware: false), "length \(length)")
        }
        let slice = bytes[7..<1_100]
        #expect(Self.hex(slice, hardware: true) == Self.hex(Data(slice), hardware: false))
    }
}

/// Running headers and footers in pdftotext output never end up in a value.
@Suite struct TextFurnitureTests {
    static let report = """
        Statusredegørelse for Testforvaltningens integrationsindsats 2010
        Indledning.
        Side 1
         Statusredegørelse 2010 – Testforvaltningen
        2.1 Status for Alfa

        Navn på indsats Alfa
        Økonomi 2 mio. kr.
        Målgruppe Alle.
        Beskriv aktiviteterne Møder
        Side 2
         Statusredegørelse 2010 – Testforvaltningen
        og kurser.
        Mål Flere møder.
        Status ift. målopfyldelse I gang.
        Side 3
        """

    @Test func headersAndFootersAreLeftOutAndReportedOnce() throws {
        let document = try Repo.extractText(Self.report)
        let alfa = try #require(document.initiatives.first)
        #expect(alfa.fields["activities"] == "Møder og kurser.")
        #expect(alfa.fields["status"] == "I gang.")
        #expect(document.report.furniture == ["Side #", "Statusredegørelse 2010 – Testforvaltningen"])
        #expect(alfa.pages == .init(first: 2, last: 3))
    }
}
