import Foundation
import Testing
@testable import IndsatsKit

/// indsats reads PDFs through its own collector on poppler's core; every
/// glyph must be the one poppler-glib reports (scalar, box, font name, size),
/// on the corpus, the fixtures and, where they are, the real-world PDFs.
struct GlyphParityTests {
    static let corpus: [URL] = {
        let fixtures = (try? FileManager.default.contentsOfDirectory(at: Repo.path("Corpus/fixtures"), includingPropertiesForKeys: nil)) ?? []
        let reports = (try? FileManager.default.contentsOfDirectory(at: Repo.path("Corpus"), includingPropertiesForKeys: nil)) ?? []
        return (reports + fixtures).filter { $0.pathExtension == "pdf" }.sorted { $0.path < $1.path }
    }()

    static let realWorld: [URL] = {
        guard Repo.hasRealWorldPDFs else { return [] }
        let folder = Repo.shared.appendingPathComponent("realworld-pdfs")
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "pdf" }.sorted { $0.path < $1.path }
    }()

    /// What differs between the two readings of `url`: a line per page that
    /// differs, and the glyphs only indsats reads and only poppler-glib reports.
    struct Differences: Equatable {
        var lines: [String] = []
        var ours = 0, glib = 0
        /// Of the differing glyphs, so that a fix and a regression of the same size do not cancel out.
        var digest: UInt64 = 0xcbf29ce484222325

        mutating func add(_ record: GlibGlyphs.Record, side: String) {
            for byte in "\(side) \(record)\n".utf8 { digest = (digest ^ UInt64(byte)) &* 0x100000001b3 }
        }

        var summary: Known { Known(ours: ours, glib: glib, digest: digest) }
    }

    struct Known: Equatable, CustomStringConvertible {
        var ours: Int, glib: Int, digest: UInt64
        static let none = Known(ours: 0, glib: 0, digest: 0xcbf29ce484222325)
        var description: String { "(\(ours), \(glib), 0x\(String(digest, radix: 16)))" }
    }

    /// The passwords of the encrypted PDFs (Corpus/fixtures/make_fixtures.py, ../shared/realworld-pdfs/README.md).
    static let passwords = [
        "encrypted.pdf": "user", "encrypted-aes128.pdf": "blåbær",
        "005-libreoffice-writer-password_libreoffice-writer-password.pdf": "openpassword",
        "poppler-test_PasswordEncrypted.pdf": "password",
    ]

    /// PDFs poppler-glib cannot open, so there is nothing to compare.
    static let unopenable: Set<String> = ["poppler-test_encrypted-256.pdf"] // password not known

    static func differences(_ url: URL) throws -> Differences {
        let data = try Data(contentsOf: url)
        let password = passwords[url.lastPathComponent]
        guard let reference = GlibGlyphs.pages(of: data, password: password) else {
            return unopenable.contains(url.lastPathComponent)
                ? Differences() : Differences(lines: ["poppler-glib cannot open it"], ours: 0, glib: 1)
        }
        let ours: PDFText
        do { ours = try PDFSource.read(data: data, path: url.lastPathComponent, password: password) } catch {
            return Differences(lines: ["indsats cannot read it: \(error)"], ours: 0, glib: 1)
        }
        var out = Differences()
        let read = Set(ours.pages.map(\.number))
        for (index, page) in reference.enumerated() where page != nil && !read.contains(index + 1) {
            out.lines.append("page \(index + 1): poppler-glib reads it, indsats does not")
            out.glib += page?.count ?? 0
        }
        for page in ours.pages {
            guard page.number - 1 < reference.count else { continue }
            guard let expected = reference[page.number - 1] else {
                out.lines.append("page \(page.number): poppler-glib's text and boxes disagree, nothing to compare")
                out.glib += 1
                continue
            }
            let got = page.glyphs.map {
                GlibGlyphs.Record(scalar: $0.scalar, box: $0.bbox, font: page.fontName(of: $0), size: $0.fontSize)
            }.sorted()
            let want = expected.sorted()
            var onlyOurs: [GlibGlyphs.Record] = [], onlyGlib: [GlibGlyphs.Record] = []
            var i = 0, j = 0
            while i < got.count || j < want.count {
                if i < got.count, j < want.count, got[i].matches(want[j]) { i += 1; j += 1; continue }
                if j == want.count || (i < got.count && got[i] < want[j]) { onlyOurs.append(got[i]); i += 1 }
                else { onlyGlib.append(want[j]); j += 1 }
            }
            // PARITY_DUMP=NAME.pdf swift test --filter GlyphParityTests lists the glyphs that differ.
            if ProcessInfo.processInfo.environment["PARITY_DUMP"] == url.lastPathComponent {
                print("PAGE \(page.number)\n" + onlyOurs.map { "  ours \($0)" }.joined(separator: "\n") + "\n" + onlyGlib.map { "  glib \($0)" }.joined(separator: "\n"))
            }
            out.ours += onlyOurs.count
            out.glib += onlyGlib.count
            onlyOurs.forEach { out.add($0, side: "ours") }
            onlyGlib.forEach { out.add($0, side: "glib") }
            if !onlyOurs.isEmpty || !onlyGlib.isEmpty {
                out.lines.append("page \(page.number): \(onlyOurs.count) glyphs only ours, \(onlyGlib.count) only poppler-glib's; first: "
                           + "\(onlyOurs.first.map(String.init(describing:)) ?? "-") / \(onlyGlib.first.map(String.init(describing:)) ?? "-")")
            }
        }
        return out
    }

    /// Where the collector and poppler-glib differ, glyph for glyph, and why.
    /// Anything else must match exactly; a change here is reviewed like code.
    static let knownDifferences: [String: Known] = [
        // Poppler's TextLine joins words that follow each other in the content
        // (here a letter drawn twice, 1 pt apart): the joined word's letter ends
        // where the next starts. It decides with the page's whole layout, which
        // the collector does not build; only the far edge of one "k" differs.
        "justified.pdf": Known(ours: 1, glib: 1, digest: 0x701fbdba7888d003),
        // The same joining where an accent overlaps a character that is no
        // letter ("(", a Greek koronis), and a Hebrew letter (right to left,
        // below). The letters and digits get their accent joined as poppler does.
        "accents.pdf": Known(ours: 8, glib: 8, digest: 0x440264c74e2c921b),
        // The same joining, in a LaTeX thesis: the "TeX" logo's lowered E, "="
        // and dots built of overlapping pieces; and a few zero-width glyphs
        // (slashes, digits of symbol fonts) that poppler-glib leaves out.
        "009-pdflatex-geotopo_GeoTopo-komprimiert.pdf": Known(ours: 254, glib: 219, digest: 0x6bcc33e83f09417),
        "poppler-test_searchAcrossLines.pdf": Known(ours: 4, glib: 4, digest: 0x2f67e5bc904c546b),
        // Right-to-left text: poppler-glib reorders its text but not its boxes,
        // so pairing them (as indsats did) put Arabic letters in other letters'
        // boxes; the collector keeps each letter in its own box.
        "015-arabic_habibi.pdf": Known(ours: 18, glib: 12, digest: 0x9778bf0c9b29374e),
        "015-arabic_habibi-oneline-cmap.pdf": Known(ours: 18, glib: 12, digest: 0x9778bf0c9b29374e),
        "015-arabic_habibi-rotated.pdf": Known(ours: 69, glib: 39, digest: 0x10e2b79befeb40b2),
        // Type 3 fonts: zero-width glyphs that poppler-glib leaves out, and joining.
        "poppler-test_type3.pdf": Known(ours: 26, glib: 10, digest: 0x441f589a1059c521),
    ]

    @Test func theCorpusIsThere() {
        #expect(Self.corpus.count >= 13, "\(Self.corpus.map(\.lastPathComponent))")
    }

    @Test(arguments: corpus.map(\.lastPathComponent))
    func corpusGlyphsAreWhatPopplerGlibReports(_ name: String) throws {
        let url = Self.corpus.first { $0.lastPathComponent == name }!
        let differences = try Self.differences(url)
        let known = Self.knownDifferences[name] ?? .none
        #expect(differences.summary == known, "\(name): \(differences.summary) \(differences.lines.joined(separator: "; "))")
    }

    @Test(.enabled(if: Repo.hasRealWorldPDFs))
    func realWorldGlyphsAreWhatPopplerGlibReports() throws {
        var failing: [String] = []
        for url in Self.realWorld {
            let differences = try Self.differences(url)
            let known = Self.knownDifferences[url.lastPathComponent] ?? .none
            if differences.summary != known {
                failing.append("\(url.lastPathComponent): \(differences.summary) against \(known): "
                               + differences.lines.prefix(3).joined(separator: "; "))
            }
        }
        #expect(failing.isEmpty, "\(failing.count) of \(Self.realWorld.count) PDFs differ:\n\(failing.joined(separator: "\n"))")
    }
}
