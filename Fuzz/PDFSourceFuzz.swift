import Foundation

/// libFuzzer target: bytes as a PDF through PDFSource (poppler's core and
/// indsats' glyph collector, CPopplerCore), LineAssembler and PDFLayout with
/// the shipped grammar. Every glyph must have an ordered, finite box and a
/// font of its page, the layout on three threads must be the layout on one,
/// and nothing may trap. Poppler itself is not instrumented: a crash inside
/// it shows as a crash too.
private let layoutGrammar: Grammar = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Grammars/kk-integration-status.yaml")
    do { return try GrammarLoader.load(contentsOf: url) } catch { fatalError("\(error)") }
}()

func fuzzPDFSource(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    guard let text = try? PDFSource.read(data: data, path: "fuzz.pdf") else { return 0 }
    var pages: [[LayoutLine]] = []
    for page in text.pages {
        for glyph in page.glyphs {
            let box = glyph.bbox
            guard box.x0 <= box.x1, box.y0 <= box.y1, box.x0.isFinite, box.y1.isFinite else {
                fatalError("page \(page.number): glyph box \(box)")
            }
            guard glyph.font >= 0, Int(glyph.font) < page.fonts.count else {
                fatalError("page \(page.number): font \(glyph.font) of \(page.fonts.count)")
            }
        }
        pages.append(LineAssembler.lines(of: page))
    }
    let heights = text.pages.map(\.height)
    let one = PDFLayout.sourceText(pages, heights: heights, pageCount: text.pageCount, grammar: layoutGrammar)
    let three = PDFLayout.sourceText(pages, heights: heights, pageCount: text.pageCount, grammar: layoutGrammar, threads: 3)
    guard three.lines == one.lines, three.furniture == one.furniture, three.warnings == one.warnings else {
        fatalError("the layout on three threads differs from the layout on one")
    }
    return 0
}
