import Foundation

/// libFuzzer target: bytes as a PDF through PDFSource (poppler's core and
/// indsats' glyph collector, CPopplerCore) and LineAssembler. Every glyph must
/// have an ordered, finite box and a font of its page, and nothing may trap.
/// Poppler itself is not instrumented: a crash inside it shows as a crash too.
func fuzzPDFSource(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    guard let text = try? PDFSource.read(data: data, path: "fuzz.pdf") else { return 0 }
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
        _ = LineAssembler.lines(of: page)
    }
    return 0
}
