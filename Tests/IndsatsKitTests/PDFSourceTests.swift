import Foundation
import Testing
@testable import IndsatsKit

/// PDFSource against the real poppler, on the fixtures of Corpus/fixtures
/// (made by make_fixtures.py) and, where present, the real-world PDFs.
@Suite struct PDFSourceTests {
    // MARK: Glyphs

    @Test func glyphTextAndPositions() throws {
        let text = try read("table")
        #expect(text.pageCount == 1)
        #expect(text.messages.isEmpty)
        let page = try #require(text.pages.first)
        #expect(page.number == 1)
        #expect(abs(page.width - 595.28) < 0.01 && abs(page.height - 841.89) < 0.01)

        // The heading "2.1 Status for Sprogcafé": Helvetica-Bold 14 at x 56, baseline 780 from the bottom.
        let first = page.glyphs[0]
        #expect(first.text == "2")
        #expect(page.fontName(of: first) == "Helvetica-Bold" && first.fontSize == 14)
        #expect(abs(first.bbox.x0 - 56) < 0.01)
        let baseline = page.height - 780
        #expect(first.bbox.y0 < baseline && baseline < first.bbox.y1)
        #expect(abs(first.bbox.height - 14) < 14 * 0.2)

        // Value column text is Helvetica 10 starting at x 190.
        let value = try #require(page.glyphs.first { $0.text == "S" && $0.fontSize == 10 })
        #expect(page.fontName(of: value) == "Helvetica")
        #expect(abs(value.bbox.x0 - 190) < 0.01)

        #expect(page.glyphs.allSatisfy { $0.text.unicodeScalars.count == 1 })
        #expect(!page.glyphs.contains { $0.text.contains(where: \.isWhitespace) })
        let letters = page.glyphs.map(\.text).joined()
        #expect(letters.contains("Navnpåindsats"))
        #expect(letters.contains("Ærø") && letters.contains("Økonomi") && letters.contains("særlige"))
    }

    /// The soft hyphen stays a glyph: `LineJoin` needs it to join "Arbejds-" / "markedet".
    @Test func ligaturesAreSpelledOutAndSoftHyphensKept() throws {
        let page = try #require(try read("unicode").pages.first)
        let texts = page.glyphs.map(\.text)
        #expect(texts.contains("fi") && texts.contains("fl"))
        #expect(!texts.contains { $0.unicodeScalars.contains { (0xFB00...0xFB06).contains($0.value) } })
        #expect(texts.joined().contains("Arbejds\u{AD}markedet"))
        #expect(page.glyphs.allSatisfy { page.fontName(of: $0).hasSuffix("DejaVuSans") && $0.fontSize == 12 })
    }

    @Test func glyphTextOfScalars() {
        #expect(Glyph.text(of: "\u{FB03}") == "ffi")
        #expect(Glyph.text(of: "ø") == "ø")
        #expect(Glyph.text(of: "\u{F0B7}") == "\u{F0B7}") // a symbol font's bullet, kept
        #expect(Glyph.text(of: "\u{AD}") == "\u{AD}")
        for invisible: Unicode.Scalar in [" ", "\u{A0}", "\n", "\u{200B}", "\u{FEFF}", "\u{202B}", "\u{7}"] {
            #expect(Glyph.text(of: invisible) == nil, "U+\(String(invisible.value, radix: 16))")
        }
    }

    @Test func pageRanges() throws {
        let all = try read("pages")
        #expect(all.pageCount == 3 && all.pages.map(\.number) == [1, 2, 3])
        #expect(all.pages.map(text) == ["Side1af3", "Side2af3", "Side3af3"])
        // Page 2 is landscape.
        #expect(all.pages[1].width > all.pages[1].height && all.pages[0].width < all.pages[0].height)

        let tail = try read("pages", pages: 2...3)
        #expect(tail.pageCount == 3 && tail.pages.map(\.number) == [2, 3])
        #expect(tail.pages.map(text) == ["Side2af3", "Side3af3"])
        #expect(tail.messages.isEmpty)

        let beyond = try read("pages", pages: 3...5)
        #expect(beyond.pages.map(\.number) == [3])
        #expect(beyond.messages == ["pages 3-5 requested, the document has 3"])

        #expect(try read("pages", pages: 0...0).pages.isEmpty)
    }

    // MARK: Pages drawn with one Gfx

    /// Pages with the same resources and boxes share poppler's Gfx (and so
    /// its fonts); a page that leaves graphics or text state behind must not
    /// move, hide or restyle the next one. Each page of the document reads as
    /// it does alone, in a document of that page only (a Gfx of its own).
    @Test func pagesReadAsTheyDoAlone() throws {
        // The next page with and without BT: text operators outside a text
        // object start from the text line position the state holds.
        let nexts = ["BT /F1 10 Tf 56 700 Td (Beta gamma) Tj ET", "/F1 10 Tf 56 700 Td (Beta gamma) Tj"]
        let leftovers = [
            "q 1 0 0 1 200 -300 cm 0.5 0 0 0.5 0 0 cm BT /F1 10 Tf 56 700 Td (Alpha) Tj ET",  // q never closed
            "BT /F1 10 Tf 56 700 Td (Alpha) Tj ET Q Q Q",                                       // more Q than q
            "BT /F1 30 Tf 2 Tz 5 Tc 7 Ts 3 Tr 200 100 Td (Alpha) Tj",                           // text object never ended
            "BT /F1 10 Tf 56 700 Td (Alpha) Tj ET BX /Span << /ActualText (Zeta) >> BDC",      // BX and BDC never closed
            "q 0 1 -1 0 800 0 cm BT /F1 12 Tf 56 700 Td (Alpha) Tj ET Q 2 0 0 2 0 0 cm",         // cm after the last Q
            "BT /F1 10 Tf 56 600 Td (Alpha) Tj ET 0 0 m 300 400 l S 100 100 m",                 // a path left open
        ]
        var pdf = MiniPDF()
        var order: [String] = []
        for ops in leftovers {
            for next in nexts {
                pdf.addPage(content: pdf.addRaw(ops))
                pdf.addPage(content: pdf.addRaw(next))
                order += [ops, next]
            }
        }
        let document = try PDFSource.read(data: pdf.data, path: "leftovers.pdf")
        #expect(document.pages.count == order.count)
        for (page, ops) in zip(document.pages, order) {
            var single = MiniPDF()
            single.addPage(content: single.addRaw(ops))
            let reference = try #require(try PDFSource.read(data: single.data, path: "alone.pdf").pages.first)
            #expect(page.glyphs == reference.glyphs, "page \(page.number)")
            #expect(page.fonts == reference.fonts, "page \(page.number)")
            #expect(!page.glyphs.isEmpty, "page \(page.number)")
        }
    }

    /// A path left open on one page is not the current point of the next:
    /// poppler says so for the next page as it would with a Gfx of its own.
    @Test func aPathLeftOpenIsNotContinuedOnTheNextPage() throws {
        var pdf = MiniPDF()
        pdf.addPage(content: pdf.addRaw("BT /F1 10 Tf 56 700 Td (Alpha) Tj ET 100 100 m"))
        pdf.addPage(content: pdf.addRaw("200 200 l S BT /F1 10 Tf 56 700 Td (Beta) Tj ET"))
        let messages = try PDFSource.read(data: pdf.data, path: "path.pdf").messages
        #expect(messages.contains { $0.contains("No current point in lineto") })
    }

    /// A page that ends inside hidden optional content hides nothing of the
    /// next page (poppler's Gfx would carry the hiding over; such documents
    /// get a Gfx a page).
    @Test func hiddenContentLeftOpenHidesNothingOfTheNextPage() throws {
        var pdf = MiniPDF()
        pdf.hiddenLayer = true
        pdf.addPage(content: pdf.addRaw("BT /F1 10 Tf 56 700 Td (Shown) Tj ET /OC /Hidden BDC BT /F1 10 Tf 56 600 Td (Hidden) Tj ET"))
        pdf.addPage(content: pdf.addRaw("BT /F1 10 Tf 56 700 Td (Beta) Tj ET"))
        let pages = try PDFSource.read(data: pdf.data, path: "layers.pdf").pages
        #expect(pages.map { String(String.UnicodeScalarView($0.glyphs.map(\.scalar))) } == ["Shown", "Beta"])
    }

    // MARK: Errors

    @Test func emptyData() {
        #expect(failure(Data(), path: "tom.pdf") == ExtractionError(.empty, path: "tom.pdf", "the file is empty"))
    }

    @Test func textIsNotPDF() {
        let error = failure(Data("Statusredegørelse 2009\n".utf8), path: "notes.txt")
        #expect(error?.code == .notPDF && error?.path == "notes.txt")
    }

    @Test func headerWithoutBodyIsDamaged() {
        let error = failure(Data("%PDF-1.4\nnothing else\n".utf8))
        #expect(error?.code == .damaged)
        #expect(error?.reason.hasPrefix("PDF document is damaged") == true)
        #expect(error?.reason.hasSuffix(".") == false)
    }

    /// Cut at many points, a PDF is either damaged or read in part; poppler must never crash.
    @Test(arguments: [0.02, 0.1, 0.25, 0.5, 0.6, 0.75, 0.9, 0.97, 0.995])
    func truncated(at fraction: Double) throws {
        let data = try fixture("table")
        let cut = data.prefix(Int(Double(data.count) * fraction))
        do {
            let text = try PDFSource.read(data: cut, path: "cut.pdf")
            #expect(text.pageCount <= 1)
        } catch {
            #expect(error.code == .damaged)
            #expect(error.path == "cut.pdf")
        }
    }

    @Test func damagedButReadableDocumentLogsMessages() throws {
        let text = try PDFSource.read(data: try withoutFonts(), path: "broken.pdf")
        #expect(text.messages.contains { $0.contains("Unknown font tag") })
        #expect(text.messages.allSatisfy { !$0.hasSuffix("<0a>") })
    }

    @Test func damagedReasonSaysWhy() {
        let error = failure(try fixture("table").prefix(1000))
        #expect(error?.code == .damaged)
        #expect(error?.reason == "PDF document is damaged (Couldn't read xref table)")
    }

    /// Each read gets exactly its own poppler messages, also when reads run at once.
    @Test func messagesStayWithTheirRead() async throws {
        let clean = try fixture("table")
        let broken = try withoutFonts()
        let expected = try PDFSource.read(data: broken, path: "b").messages
        #expect(!expected.isEmpty)
        let results = await withTaskGroup(of: (Bool, [String]?).self) { group in
            for index in 0..<16 {
                let isBroken = index.isMultiple(of: 2)
                group.addTask {
                    (isBroken, try? PDFSource.read(data: isBroken ? broken : clean, path: "x").messages)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 16)
        for (isBroken, messages) in results {
            #expect(messages == (isBroken ? expected : []))
        }
    }

    /// Reads from plain threads (no Swift task) collect their messages too.
    @Test func messagesOnPlainThreads() throws {
        let broken = try withoutFonts()
        let counts = MessageCounts()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            counts.add((try? PDFSource.read(data: broken, path: "x").messages.count) ?? -1)
        }
        let all = counts.values
        #expect(all.count == 4 && Set(all).count == 1 && all[0] > 0)
    }

    // MARK: Encryption

    @Test func encryptedWithoutPassword() {
        let error = failure(try fixture("encrypted"), path: "e.pdf")
        #expect(error == ExtractionError(.encrypted, path: "e.pdf", "encrypted: needs a password (use --password)"))
    }

    @Test func encryptedWithRightPasswords() throws {
        for password in ["user", "owner"] {
            let text = try PDFSource.read(data: try fixture("encrypted"), path: "e.pdf", password: password)
            #expect(text.pageCount == 3)
            #expect(text.pages.map(self.text) == ["Side1af3", "Side2af3", "Side3af3"])
        }
    }

    /// AES-128 (and RC4) passwords are Latin-1 bytes: "blåbær" given as UTF-8
    /// must be tried as Latin-1 first, as poppler-glib did.
    @Test func olderEncryptionWithDanishPassword() throws {
        for password in ["blåbær", "ejer"] {
            let text = try PDFSource.read(data: try fixture("encrypted-aes128"), path: "e.pdf", password: password)
            #expect(text.pages.map(self.text) == ["Side1af3", "Side2af3", "Side3af3"], "\(password)")
        }
        let error = failure(try fixture("encrypted-aes128"), path: "e.pdf", password: "blabaer")
        #expect(error == ExtractionError(.encrypted, path: "e.pdf", "encrypted: the password is wrong"))
    }

    @Test func encryptedWithWrongPassword() {
        let error = failure(try fixture("encrypted"), path: "e.pdf", password: "forkert")
        #expect(error == ExtractionError(.encrypted, path: "e.pdf", "encrypted: the password is wrong"))
    }

    // MARK: Real-world PDFs

    @Test(.enabled(if: PDFSourceTests.realWorldFolder != nil))
    func everyRealWorldPDFGivesTextOrANamedError() throws {
        let folder = try #require(Self.realWorldFolder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".pdf") }.sorted()
        #expect(names.count >= 50)
        let encrypted: Set = ["005-libreoffice-writer-password_libreoffice-writer-password.pdf",
                              "poppler-test_PasswordEncrypted.pdf", "poppler-test_encrypted-256.pdf"]
        var withText = 0
        for name in names {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            do {
                let text = try PDFSource.read(data: data, path: name)
                #expect(!encrypted.contains(name), "\(name) read without its password")
                // A page poppler cannot give is left out, with a note saying so.
                let skipped = text.messages.filter { $0.hasSuffix("poppler cannot read it; skipped") }
                #expect(text.pages.count + skipped.count == text.pageCount, "\(name)")
                if text.pages.contains(where: { !$0.glyphs.isEmpty }) { withText += 1 }
            } catch {
                #expect(error.code == .encrypted && encrypted.contains(name), "\(name): \(error)")
                #expect(error.path == name)
            }
        }
        #expect(withText >= 35)
    }

    @Test(.enabled(if: PDFSourceTests.realWorldFolder != nil))
    func realWorldSpecialCases() throws {
        let folder = try #require(Self.realWorldFolder)
        func load(_ name: String) throws -> Data { try Data(contentsOf: folder.appendingPathComponent(name)) }

        let protected = try load("005-libreoffice-writer-password_libreoffice-writer-password.pdf")
        let libre = try PDFSource.read(data: protected, path: "005", password: "openpassword")
        #expect(libre.pages.contains { !$0.glyphs.isEmpty })

        let images = try PDFSource.read(data: try load("007-imagemagick-images_imagemagick-images.pdf"), path: "007")
        #expect(images.pageCount > 0 && images.pages.allSatisfy(\.glyphs.isEmpty))

        // Right-to-left text: poppler's text has bidi controls without boxes; the rest must still line up.
        let arabic = try PDFSource.read(data: try load("015-arabic_habibi.pdf"), path: "015")
        #expect(arabic.messages.isEmpty)
        #expect(arabic.pages[0].glyphs.map(\.text).joined().contains("habibi"))

        // Only an owner password: opens without one. Boxes follow each page's /Rotate.
        let rotated = try PDFSource.read(data: try load("poppler-test_orientation.pdf"), path: "orientation")
        #expect(rotated.pages.map { $0.width > $0.height } == [false, true, false, true])
        for page in rotated.pages {
            #expect(!page.glyphs.isEmpty)
            #expect(page.glyphs.allSatisfy {
                $0.bbox.x0 >= 0 && $0.bbox.y0 >= 0 && $0.bbox.x1 <= page.width && $0.bbox.y1 <= page.height
            })
        }
    }

    // MARK: Helpers

    private func read(_ name: String, pages: ClosedRange<Int>? = nil) throws -> PDFText {
        try PDFSource.read(data: try fixture(name), path: "\(name).pdf", pages: pages)
    }

    private func text(_ page: PDFPageText) -> String { page.glyphs.map(\.text).joined() }

    /// The error reading `data` throws; nil (and a recorded issue) when it reads.
    private func failure(_ data: @autoclosure () throws -> Data, path: String = "test.pdf",
                         password: String? = nil) -> ExtractionError? {
        do {
            _ = try PDFSource.read(data: try data(), path: path, password: password)
            Issue.record("\(path) was read")
        } catch let error as ExtractionError {
            return error
        } catch {
            Issue.record(error)
        }
        return nil
    }
}

/// Thread-safe collection of counts for `concurrentPerform`.
private final class MessageCounts: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Int] = []
    func add(_ value: Int) { lock.withLock { stored.append(value) } }
    var values: [Int] { lock.withLock { stored } }
}

extension PDFSourceTests {
    /// The repository root: the nearest folder above this file holding Package.swift.
    static let repositoryRoot: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path),
              folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder
    }()

    /// `../shared/realworld-pdfs` beside the repository, where that exists.
    static let realWorldFolder: URL? = {
        let folder = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/realworld-pdfs")
        return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
    }()

    func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: Self.repositoryRoot.appendingPathComponent("Corpus/fixtures/\(name).pdf"))
    }

    /// table.pdf with its font resource renamed (same length, so the xref stays
    /// right): a well-formed file on which poppler logs "Unknown font tag".
    func withoutFonts() throws -> Data {
        var data = try fixture("table")
        let resource = try #require(data.firstRange(of: Data("/Font 1 0 R".utf8)))
        data.replaceSubrange(resource, with: Data("/Fxnt 1 0 R".utf8))
        return data
    }
}
