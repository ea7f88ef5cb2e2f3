import Foundation
import Testing
@testable import IndsatsKit

/// Every kind of input, real and generated, through the whole `indsats
/// extract` as a subprocess (a crash is a signal exit, a hang the watchdog's
/// kill): each one gets a document or one named error, never a crash.
@Suite(.serialized) struct InputMatrixTests {
    static let corpusPDF = "Corpus/statusredegoerelse-2009-bif.pdf"

    static let realWorld: URL? = Repo.hasRealWorldPDFs ? Repo.shared.appendingPathComponent("realworld-pdfs") : nil

    /// A fresh folder for generated inputs, removed by the caller.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("indsats-matrix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ data: Data, _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    /// A JSON document on stdout, exit 0, nothing on stderr.
    @discardableResult
    func expectDocument(_ run: Subprocess.Outcome, _ what: String) -> [String: Any]? {
        #expect(run.exitedNormally, "\(what): crashed or hung")
        #expect(run.status == 0, "\(what): \(run.stderr)")
        guard run.status == 0 else { return nil }
        let json = try? JSONSerialization.jsonObject(with: run.stdout) as? [String: Any]
        #expect(json != nil, "\(what): stdout is not a JSON document")
        return json
    }

    /// One line `indsats: PATH: reason [code]` on stderr, nothing on stdout, the code's exit status.
    func expectError(_ run: Subprocess.Outcome, _ code: ExtractionError.Code, _ what: String, mentions: String? = nil) {
        #expect(run.exitedNormally, "\(what): crashed or hung")
        #expect(run.status == code.exitCode, "\(what): status \(run.status): \(run.stderr)")
        #expect(run.stdout.isEmpty, "\(what)")
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines.first?.hasSuffix("[\(code.rawValue)]") == true, "\(what): \(run.stderr)")
        if let mentions { #expect(run.stderr.contains(mentions), "\(what): \(run.stderr)") }
    }

    /// A document or a named error, whichever it is.
    func expectDocumentOrError(_ run: Subprocess.Outcome, _ allowed: Set<ExtractionError.Code>, _ what: String) {
        #expect(run.exitedNormally, "\(what): crashed or hung")
        if run.status == 0 {
            #expect((try? JSONSerialization.jsonObject(with: run.stdout)) != nil, "\(what): stdout is not JSON")
        } else {
            let code = ExtractionError.Code.allCases.first { run.stderr.hasSuffix("[\($0.rawValue)]\n") }
            #expect(code.map(allowed.contains) == true, "\(what): status \(run.status): \(run.stderr)")
            #expect(code?.exitCode == run.status, "\(what)")
        }
    }

    // MARK: Real-world PDFs

    static let encrypted: Set = ["005-libreoffice-writer-password_libreoffice-writer-password.pdf",
                                 "poppler-test_PasswordEncrypted.pdf", "poppler-test_encrypted-256.pdf"]
    /// No text layer: the scans of the README, and those whose only "text" poppler gives no glyph boxes for.
    static let noText: Set = [
        "007-imagemagick-images_imagemagick-ASCII85Decode.pdf", "007-imagemagick-images_imagemagick-CCITTFaxDecode.pdf",
        "007-imagemagick-images_imagemagick-images.pdf", "007-imagemagick-images_imagemagick-lzw.pdf",
        "017-unreadable-meta-data_unreadablemetadata.pdf", "019-grayscale-image_grayscale-image.pdf",
        "023-cmyk-image_cmyk-image.pdf", "poppler-test_doublepage.pdf", "poppler-test_tests_cropbox.pdf",
        "poppler-test_tests_zero-width.pdf",
    ]

    @Test(.enabled(if: InputMatrixTests.realWorld != nil))
    func everyRealWorldPDFGivesZeroInitiativesOrANamedError() throws {
        let folder = try #require(Self.realWorld)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".pdf") }.sorted()
        #expect(names.count >= 50)
        for name in names {
            let run = try Subprocess.indsats(["extract", folder.appendingPathComponent(name).path, "--compact"])
            if Self.encrypted.contains(name) {
                expectError(run, .encrypted, name, mentions: "needs a password (use --password)")
            } else if Self.noText.contains(name) {
                expectError(run, .noText, name, mentions: "it needs OCR first")
            } else if let json = expectDocument(run, name) {
                // None of them is a status report.
                #expect((json["initiatives"] as? [Any])?.isEmpty == true, "\(name)")
            }
        }
    }

    @Test(.enabled(if: InputMatrixTests.realWorld != nil))
    func passwordsRightAndWrong() throws {
        let folder = try #require(Self.realWorld)
        let libre = folder.appendingPathComponent("005-libreoffice-writer-password_libreoffice-writer-password.pdf").path
        expectDocument(try Subprocess.indsats(["extract", libre, "--password", "openpassword"]), "right password")
        expectDocument(try Subprocess.indsats(["extract", libre, "--password", "permissionpassword"]), "owner password")
        for wrong in ["wrong", "", "openpassword ", String(repeating: "x", count: 5000)] {
            expectError(try Subprocess.indsats(["extract", libre, "--password", wrong]), .encrypted,
                        "wrong password '\(wrong.prefix(20))'", mentions: "the password is wrong")
        }
        // AES-128 with its password: one blank page, so no text, which is not a password problem.
        let aes = folder.appendingPathComponent("poppler-test_PasswordEncrypted.pdf").path
        expectError(try Subprocess.indsats(["extract", aes, "--password", "password"]), .noText, "AES-128", mentions: "OCR")
        expectError(try Subprocess.indsats(["extract", aes, "--password", "nope"]), .encrypted, "AES-128 wrong")
    }

    /// The same, in process, through `Extractor.password`.
    @Test(.enabled(if: InputMatrixTests.realWorld != nil))
    func extractorPassword() throws {
        let folder = try #require(Self.realWorld)
        let name = "005-libreoffice-writer-password_libreoffice-writer-password.pdf"
        let input = InputDocument(path: name, data: try Data(contentsOf: folder.appendingPathComponent(name)), format: .pdf)
        let document = try Extractor(grammars: [Repo.grammar], password: "openpassword").extract(input)
        #expect(document.source.pages >= 1 && document.initiatives.isEmpty)
        #expect(throws: ExtractionError(.encrypted, path: name, "encrypted: the password is wrong")) {
            try Extractor(grammars: [Repo.grammar], password: "forkert").extract(input)
        }
        #expect(throws: ExtractionError(.encrypted, path: name, "encrypted: needs a password (use --password)")) {
            try Extractor(grammars: [Repo.grammar]).extract(input)
        }
    }

    // MARK: Generated inputs

    @Test func emptyTextNamedPDFAndUnknownType() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["empty.pdf", "empty.txt", "empty"] {
            expectError(try Subprocess.indsats(["extract", try Self.write(Data(), name, in: dir)]), .empty, name)
        }
        expectError(try Subprocess.indsats(["extract", "-"], stdin: Data()), .empty, "empty stdin")
        let text = Data("Navn på indsats\nSprogcafé\n".utf8)
        expectError(try Subprocess.indsats(["extract", try Self.write(text, "report.pdf", in: dir)]), .notPDF, "text named .pdf")
        expectError(try Subprocess.indsats(["extract", try Self.write(text, "report.docx", in: dir)]), .unknownType, ".docx")
        let binary = Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF])
        expectError(try Subprocess.indsats(["extract", try Self.write(binary, "data.txt", in: dir)]), .unknownType, "binary .txt")
        expectError(try Subprocess.indsats(["extract", dir.path]), .unreadable, "a directory")
        expectError(try Subprocess.indsats(["extract", dir.appendingPathComponent("none.pdf").path]), .notFound, "missing")
    }

    @Test func textEncodingsThroughTheTool() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seed = try String(contentsOf: Repo.path("Corpus/statusredegoerelse-2009-bif.txt"), encoding: .utf8)
        let legacy = try Self.write(try #require(seed.data(using: .windowsCP1252)), "legacy.txt", in: dir)
        let json = expectDocument(try Subprocess.indsats(["extract", legacy]), "Windows-1252")
        #expect((json?["initiatives"] as? [Any])?.count == 16)
        let codes = (json?["warnings"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
        #expect(codes?.first == "decoded-windows-1252")
        let undefined = try Self.write(Data("Målgruppe ".utf8) + Data([0x81]), "bad.txt", in: dir)
        expectError(try Subprocess.indsats(["extract", undefined]), .invalidText, "undefined byte", mentions: "0x81")
        // Right-to-left and non-Latin text as UTF-8 text input.
        let scripts = "مرحبا بالعالم\nשלום עולם\nΚαλημέρα κόσμε\nПривет, мир\n你好，世界\n\u{202B}مرحبا\u{202C}\n"
        let nonLatin = try Self.write(Data(scripts.utf8), "scripts.txt", in: dir)
        let document = expectDocument(try Subprocess.indsats(["extract", nonLatin]), "non-Latin text")
        #expect((document?["initiatives"] as? [Any])?.isEmpty == true)
    }

    /// The Corpus PDF cut at ten points: damaged, or read in part; never a crash.
    @Test func truncatedPDFs() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = try Data(contentsOf: Repo.path(Self.corpusPDF))
        for fraction in [0.001, 0.01, 0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.9999] {
            let cut = Int(Double(pdf.count) * fraction)
            let path = try Self.write(pdf.prefix(cut), "cut-\(cut).pdf", in: dir)
            expectDocumentOrError(try Subprocess.indsats(["extract", path]), [.damaged, .noText, .notPDF], "cut at \(cut)")
        }
        // Cut inside the header itself: not a PDF at all.
        expectError(try Subprocess.indsats(["extract", try Self.write(pdf.prefix(3), "head.pdf", in: dir)]), .notPDF, "3 bytes")
    }

    /// Seeded random bytes behind a `%PDF-` header, and random bytes spliced into the Corpus PDF.
    @Test func randomBytes() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var generator = SplitMix64(seed: 6)
        let pdf = try Data(contentsOf: Repo.path(Self.corpusPDF))
        for round in 0..<8 {
            let size = [16, 200, 4096, 65536][round % 4]
            let noise = Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let path = try Self.write(Data("%PDF-1.7\n".utf8) + noise, "random-\(round).pdf", in: dir)
            expectDocumentOrError(try Subprocess.indsats(["extract", path]), [.damaged, .noText], "random \(round)")
            var spliced = pdf
            let at = Int.random(in: 1000..<(pdf.count - size), using: &generator)
            spliced.replaceSubrange(at..<(at + size / 4), with: noise.prefix(size / 4))
            let splicedPath = try Self.write(spliced, "spliced-\(round).pdf", in: dir)
            expectDocumentOrError(try Subprocess.indsats(["extract", splicedPath]), [.damaged, .noText], "spliced \(round)")
        }
    }

    @Test func imageOnlyPDFNeedsOCR() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var pdf = MiniPDF()
        let drawing = pdf.addDrawing()
        for _ in 0..<3 { pdf.addPage(content: drawing) }
        let path = try Self.write(pdf.data, "scan.pdf", in: dir)
        expectError(try Subprocess.indsats(["extract", path]), .noText, "image-only",
                    mentions: "the PDF has no text layer (scanned or image-only?): it needs OCR first")
    }

    @Test func rotatedPages() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var pdf = MiniPDF()
        let text = pdf.addText(["2.1 Status for Sprogcafe", "Navn paa indsats   Sprogcafe", "Maalgruppe   Voksne"])
        for rotate in [0, 90, 180, 270] { pdf.addPage(content: text, rotate: rotate) }
        let path = try Self.write(pdf.data, "rotated.pdf", in: dir)
        let json = expectDocument(try Subprocess.indsats(["extract", path]), "rotated")
        #expect((json?["source"] as? [String: Any])?["pages"] as? Int == 4)
    }

    /// 5,000 pages: read whole, page count right, and the same bytes twice.
    @Test func fiveThousandPages() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var pdf = MiniPDF()
        let text = pdf.addText(["Statusredegoerelse for en stor forvaltning", "Et afsnit med almindelig tekst."])
        for _ in 0..<5_000 { pdf.addPage(content: text) }
        let path = try Self.write(pdf.data, "long.pdf", in: dir)
        let first = try Subprocess.indsats(["extract", path, "--compact"])
        let json = expectDocument(first, "5,000 pages")
        #expect((json?["source"] as? [String: Any])?["pages"] as? Int == 5_000)
        let second = try Subprocess.indsats(["extract", path, "--compact"])
        #expect(first.stdout == second.stdout)
    }

    /// 50 MB of text: the seed report repeated, read whole without a crash.
    /// A debug build reads text at about 3 s a megabyte (linear; a release
    /// build is much faster), so its watchdog is longer than the others'.
    @Test func fiftyMegabytesOfText() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seed = try Data(contentsOf: Repo.path("Corpus/statusredegoerelse-2009-bif.txt"))
        var big = Data(capacity: 50_000_000 + seed.count)
        while big.count < 50_000_000 { big.append(seed) }
        let path = try Self.write(big, "big.txt", in: dir)
        let run = try Subprocess.indsats(["extract", path, "--compact"], timeout: 480)
        let json = expectDocument(run, "50 MB text")
        let copies = big.count / seed.count
        #expect((json?["initiatives"] as? [Any])?.count == 16 * copies)
    }

    // MARK: Determinism

    @Test func twoRunsGiveIdenticalBytes() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seed = try String(contentsOf: Repo.path("Corpus/statusredegoerelse-2009-bif.txt"), encoding: .utf8)
        var inputs = [Self.corpusPDF, "Corpus/statusredegoerelse-2009-bif.txt",
                      try Self.write(try #require(seed.data(using: .windowsCP1252)), "legacy.txt", in: dir),
                      try Self.write(Data(("MÃ¥lgruppe\n" + seed).utf8), "mojibake.txt", in: dir)]
        if let folder = Self.realWorld {
            inputs += ["015-arabic_habibi.pdf", "poppler-test_russian.pdf", "026-latex-multicolumn_multicolumn.pdf"]
                .map { folder.appendingPathComponent($0).path }
        }
        for input in inputs {
            let first = try Subprocess.indsats(["extract", input])
            let second = try Subprocess.indsats(["extract", input])
            expectDocument(first, input)
            #expect(!first.stdout.isEmpty && first.stdout == second.stdout, "\(input)")
        }
    }
}

/// A small seeded generator (SplitMix64), so random inputs are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
