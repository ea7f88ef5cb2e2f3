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
    struct Differences {
        var lines: [String] = []
        var ours = 0, glib = 0
    }

    static func differences(_ url: URL) throws -> Differences {
        let data = try Data(contentsOf: url)
        guard let reference = GlibGlyphs.pages(of: data) else { return Differences() } // poppler-glib cannot open it either
        let ours: PDFText
        do { ours = try PDFSource.read(data: data, path: url.lastPathComponent) } catch {
            return Differences(lines: ["indsats cannot read it: \(error)"], ours: 0, glib: 1)
        }
        var out = Differences()
        let read = Set(ours.pages.map(\.number))
        for (index, page) in reference.enumerated() where page != nil && !read.contains(index + 1) {
            out.lines.append("page \(index + 1): poppler-glib reads it, indsats does not")
            out.glib += page?.count ?? 0
        }
        for page in ours.pages {
            guard page.number - 1 < reference.count, let expected = reference[page.number - 1] else { continue }
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
            if !onlyOurs.isEmpty || !onlyGlib.isEmpty {
                out.lines.append("page \(page.number): \(onlyOurs.count) glyphs only ours, \(onlyGlib.count) only poppler-glib's; first: "
                           + "\(onlyOurs.first.map(String.init(describing:)) ?? "-") / \(onlyGlib.first.map(String.init(describing:)) ?? "-")")
            }
        }
        return out
    }

    /// Where the collector and poppler-glib differ, glyph for glyph, and why.
    /// Anything else must match exactly; a change here is reviewed like code.
    static let knownDifferences: [String: (ours: Int, glib: Int)] = [
        // Poppler's TextLine joins words that follow each other in the content
        // (here a letter drawn twice, 1 pt apart): the joined word's letter ends
        // where the next starts. It decides with the page's whole layout, which
        // the collector does not build; only the far edge of one "k" differs.
        "justified.pdf": (1, 1),
        // The same joining, in a LaTeX thesis: the "TeX" logo's lowered E, "="
        // and dots built of overlapping pieces; and a few zero-width glyphs
        // (slashes, digits of symbol fonts) that poppler-glib leaves out.
        "009-pdflatex-geotopo_GeoTopo-komprimiert.pdf": (254, 219),
        "poppler-test_searchAcrossLines.pdf": (4, 4),
        // Right-to-left text: poppler-glib reorders its text but not its boxes,
        // so pairing them (as indsats did) put Arabic letters in other letters'
        // boxes; the collector keeps each letter in its own box.
        "015-arabic_habibi.pdf": (18, 12),
        "015-arabic_habibi-oneline-cmap.pdf": (18, 12),
        "015-arabic_habibi-rotated.pdf": (69, 39),
        // Type 3 fonts: sizes and advances differ.
        "poppler-test_type3.pdf": (26, 10),
    ]

    @Test(arguments: corpus.map(\.lastPathComponent))
    func corpusGlyphsAreWhatPopplerGlibReports(_ name: String) throws {
        let url = Self.corpus.first { $0.lastPathComponent == name }!
        let differences = try Self.differences(url)
        let known = Self.knownDifferences[name] ?? (0, 0)
        #expect((differences.ours, differences.glib) == known, "\(name): \(differences.lines.joined(separator: "; "))")
    }

    @Test(.enabled(if: Repo.hasRealWorldPDFs))
    func realWorldGlyphsAreWhatPopplerGlibReports() throws {
        var failing: [String] = []
        for url in Self.realWorld {
            let differences = try Self.differences(url)
            let known = Self.knownDifferences[url.lastPathComponent] ?? (0, 0)
            if (differences.ours, differences.glib) != known {
                failing.append("\(url.lastPathComponent): \(differences.ours)/\(differences.glib) glyphs against \(known): "
                               + differences.lines.prefix(3).joined(separator: "; "))
            }
        }
        #expect(failing.isEmpty, "\(failing.count) of \(Self.realWorld.count) PDFs differ:\n\(failing.joined(separator: "\n"))")
    }
}
