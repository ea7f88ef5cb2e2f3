import CPoppler
import Foundation

/// Reads the glyphs of a PDF in process with libpoppler-glib.
public enum PDFSource {
    /// Reads `pages` (1-based, closed; nil = all) of the PDF in `data`.
    /// `path` only names the input in errors.
    public static func read(data: Data, path: String, password: String? = nil,
                            pages: ClosedRange<Int>? = nil) throws(ExtractionError) -> PDFText {
        try read(data: data, path: path, password: password, pages: pages) { $0 }
    }

    /// Reads `pages` like `read(data:path:password:pages:)`, making each page
    /// into `transform(page)` as soon as poppler has read it, so that the
    /// glyphs of one page only are held at a time.
    public static func read<Page: Sendable>(data: Data, path: String, password: String? = nil,
                                            pages: ClosedRange<Int>? = nil,
                                            transform: (PDFPageText) -> Page) throws(ExtractionError) -> PDFPages<Page> {
        try checkHeader(data, path: path)
        let (result, messages) = PopplerLog.collecting {
            // Poppler reads from `data` in place, without a copy: every poppler
            // object is released before `withUnsafeBytes` returns.
            data.withUnsafeBytes { bytes in
                Result { () throws(ExtractionError) in
                    try readDocument(bytes, path: path, password: password, pages: pages, transform: transform)
                }
            }
        }
        switch result {
        case .success(var text):
            text.messages = messages
            return text
        case .failure(let error):
            throw explained(error, by: messages)
        }
    }

    /// Poppler's error says only "PDF document is damaged"; what it logged last says why.
    private static func explained(_ error: ExtractionError, by messages: [String]) -> ExtractionError {
        guard error.code == .damaged, let last = messages.last else { return error }
        // Drop poppler's "Syntax error at position 123: " prefix.
        var detail = Substring(last)
        if let colon = last.range(of: ": "), last[..<colon.lowerBound].contains(" at position ") {
            detail = last[colon.upperBound...]
        }
        var explained = error
        explained.reason += " (\(reason(String(detail))))"
        return explained
    }

    /// Tells empty files and non-PDFs apart before poppler, which calls both "damaged".
    static func checkHeader(_ data: Data, path: String) throws(ExtractionError) {
        if data.isEmpty { throw ExtractionError(.empty, path: path, "the file is empty") }
        let head = data.prefix(1024)
        if head.firstRange(of: Data("%PDF-".utf8)) == nil {
            throw ExtractionError(.notPDF, path: path, "not a PDF file (no %PDF- header)")
        }
    }

    /// The number of pages of the PDF in `data`, without reading any.
    public static func pageCount(data: Data, path: String, password: String? = nil) throws(ExtractionError) -> Int {
        try checkHeader(data, path: path)
        let (result, messages) = PopplerLog.collecting {
            data.withUnsafeBytes { bytes in
                Result { () throws(ExtractionError) in
                    try withDocument(bytes, path: path, password: password) { Int(poppler_document_get_n_pages($0)) }
                }
            }
        }
        do { return try result.get() } catch { throw explained(error, by: messages) }
    }

    private static func readDocument<Page>(_ bytes: UnsafeRawBufferPointer, path: String, password: String?,
                                           pages: ClosedRange<Int>?,
                                           transform: (PDFPageText) -> Page) throws(ExtractionError) -> PDFPages<Page> {
        try withDocument(bytes, path: path, password: password) { document in
            let pageCount = Int(poppler_document_get_n_pages(document))
            let wanted = pageNumbers(pages, pageCount: pageCount)
            let texts = wanted.compactMap { number in readPage(document, number: number).map(transform) }
            return PDFPages(pageCount: pageCount, pages: texts, messages: [])
        }
    }

    /// Opens the document in `bytes` for `body`; poppler's objects live only as long as that.
    private static func withDocument<T>(_ bytes: UnsafeRawBufferPointer, path: String, password: String?,
                                        body: (OpaquePointer) -> T) throws(ExtractionError) -> T {
        let stream = g_memory_input_stream_new_from_data(bytes.baseAddress, gssize(bytes.count), nil)
        defer { g_object_unref(stream) }
        var error: UnsafeMutablePointer<GError>?
        // Not poppler_document_new_from_bytes/_from_data: with a wrong password they
        // crash inside poppler 22.12; the stream constructor reports it as an error.
        guard let document = poppler_document_new_from_stream(stream, goffset(bytes.count), password, nil, &error)
        else {
            defer { g_clear_error(&error) }
            throw openError(error?.pointee, path: path, passwordGiven: password != nil)
        }
        defer { g_object_unref(UnsafeMutableRawPointer(document)) }
        return body(document)
    }

    private static func openError(_ error: GError?, path: String, passwordGiven: Bool) -> ExtractionError {
        if let error, error.domain == poppler_error_quark(), error.code == gint(POPPLER_ERROR_ENCRYPTED.rawValue) {
            let reason = passwordGiven ? "encrypted: the password is wrong"
                                       : "encrypted: needs a password (use --password)"
            return ExtractionError(.encrypted, path: path, reason)
        }
        let message = error?.message.map { String(cString: $0) } ?? "poppler cannot open it"
        return ExtractionError(.damaged, path: path, reason(message))
    }

    /// A poppler message as an error reason: one line, no trailing period.
    private static func reason(_ message: String) -> String {
        var text = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        while text.last == "." || text.last == " " { text.removeLast() }
        return text.isEmpty ? "poppler cannot open it" : text
    }

    /// The requested page numbers that exist, with a note when some do not.
    private static func pageNumbers(_ range: ClosedRange<Int>?, pageCount: Int) -> [Int] {
        guard let range else { return Array(stride(from: 1, through: pageCount, by: 1)) }
        let first = max(range.lowerBound, 1), last = min(range.upperBound, pageCount)
        if first != range.lowerBound || last != range.upperBound {
            PopplerLog.note("pages \(range.lowerBound)-\(range.upperBound) requested, the document has \(pageCount)")
        }
        return first <= last ? Array(first...last) : []
    }

    private static func readPage(_ document: OpaquePointer, number: Int) -> PDFPageText? {
        guard let page = poppler_document_get_page(document, gint(number - 1)) else {
            PopplerLog.note("page \(number): poppler cannot read it; skipped")
            return nil
        }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        var width = 0.0, height = 0.0
        poppler_page_get_size(page, &width, &height)
        let (glyphs, fonts) = PageLayout(page).glyphs(page: number)
        return PDFPageText(number: number, width: width, height: height, glyphs: glyphs, fonts: fonts)
    }
}

/// The three views poppler gives of one page's text, copied out of poppler's
/// buffers: the text, one box per Unicode scalar of it (white space included)
/// and font runs indexed by scalar.
private struct PageLayout {
    var scalars: [Unicode.Scalar] = []
    var boxes: [BBox] = []
    var runs: [FontRun] = []

    struct FontRun {
        var name: String
        var size: Double
        var scalars: ClosedRange<Int>
    }

    init(_ page: OpaquePointer) {
        if let text = poppler_page_get_text(page) {
            defer { g_free(text) }
            scalars = PopplerUTF8.scalars(text)
        }
        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var count: guint = 0
        if poppler_page_get_text_layout(page, &rectangles, &count) != 0, let rectangles {
            boxes = UnsafeBufferPointer(start: rectangles, count: Int(count)).map {
                BBox(x0: min($0.x1, $0.x2), y0: min($0.y1, $0.y2), x1: max($0.x1, $0.x2), y1: max($0.y1, $0.y2))
            }
        }
        g_free(rectangles)
        let attributes = poppler_page_get_text_attributes(page)
        defer { poppler_page_free_text_attributes(attributes) }
        var node = attributes
        while let current = node {
            if let attribute = current.pointee.data?.assumingMemoryBound(to: PopplerTextAttributes.self).pointee,
               attribute.start_index <= attribute.end_index {
                runs.append(FontRun(name: attribute.font_name.map { String(cString: $0) } ?? "",
                                    size: attribute.font_size,
                                    scalars: Int(attribute.start_index)...Int(attribute.end_index)))
            }
            node = current.pointee.next
        }
    }

    /// The page's glyphs and the fonts they point into, or no glyphs (with a
    /// note) when poppler's text and boxes disagree, since pairing them up
    /// would then put letters in wrong places.
    func glyphs(page: Int) -> ([Glyph], [PDFFont]) {
        guard let scalars = boxedScalars(page: page) else { return ([], []) }
        // One font per name; glyphs without a run get the unnamed font.
        var fonts: [PDFFont] = []
        var fontOfName: [String: Int32] = [:]
        func font(named name: String) -> Int32 {
            if let index = fontOfName[name] { return index }
            fonts.append(PDFFont(name: name))
            fontOfName[name] = Int32(fonts.count - 1)
            return Int32(fonts.count - 1)
        }
        let runFonts = runs.map { font(named: $0.name) }
        let runOf = fontIndex(count: scalars.count, page: page)
        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(scalars.count)
        for (index, scalar) in scalars.enumerated() {
            let box = boxes[index]
            guard Glyph.shows(scalar), isFinite(box) else { continue }
            let run = runOf[index]
            // Without a font run the box height (ascent to descent) is the best size estimate.
            glyphs.append(Glyph(scalar: scalar, bbox: box, font: run >= 0 ? runFonts[Int(run)] : font(named: ""),
                                fontSize: run >= 0 ? runs[Int(run)].size : box.height))
        }
        return (glyphs, fonts)
    }

    private func isFinite(_ box: BBox) -> Bool {
        box.x0.isFinite && box.y0.isFinite && box.x1.isFinite && box.y1.isFinite
    }

    /// The text's scalars that have a box, one for one. Around right-to-left
    /// text poppler's text holds bidi controls (U+202A–202C …) that have no box
    /// (and no place in the font runs either); they are dropped when that makes
    /// the counts agree.
    private func boxedScalars(page: Int) -> [Unicode.Scalar]? {
        if scalars.count == boxes.count { return scalars }
        let visible = scalars.filter { !$0.properties.isBidiControl }
        if visible.count == boxes.count { return visible }
        PopplerLog.note("page \(page): poppler gave \(boxes.count) character boxes for "
                        + "\(visible.count) characters; the page's text is skipped")
        return nil
    }

    /// For each of `count` scalars, the index of its font run (-1: none); all
    /// none (with a note) when the runs do not fit the text.
    private func fontIndex(count: Int, page: Int) -> [Int32] {
        var index = [Int32](repeating: -1, count: count)
        for (position, run) in runs.enumerated() {
            guard run.scalars.upperBound < count else {
                PopplerLog.note("page \(page): poppler's font runs do not fit its text; fonts unknown")
                return [Int32](repeating: -1, count: count)
            }
            for scalar in run.scalars { index[scalar] = Int32(position) }
        }
        return index
    }
}

/// Decodes poppler's UTF-8 the way poppler encoded it: one scalar per encoded
/// code point. Poppler encodes whatever the PDF maps a glyph to, surrogates
/// included; a strict decoder would turn one such code point into several
/// replacement characters and shift every later character off its box.
enum PopplerUTF8 {
    static func scalars(_ text: UnsafePointer<CChar>) -> [Unicode.Scalar] {
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self),
                                        count: strlen(text))
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var start = 0
        while start < bytes.count {
            // A sequence is a byte that is not a continuation byte plus the continuation bytes after it.
            var end = start + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            scalars.append(decode(bytes[start..<end]))
            start = end
        }
        return scalars
    }

    private static func decode(_ sequence: Slice<UnsafeBufferPointer<UInt8>>) -> Unicode.Scalar {
        let lead = sequence[sequence.startIndex]
        let (length, payload): (Int, UInt8) = switch lead {
        case 0x00...0x7F: (1, 0x7F)
        case 0xC0...0xDF: (2, 0x1F)
        case 0xE0...0xEF: (3, 0x0F)
        case 0xF0...0xF7: (4, 0x07)
        default: (0, 0)
        }
        guard sequence.count == length else { return "\u{FFFD}" }
        let value = sequence.dropFirst().reduce(UInt32(lead & payload)) { $0 << 6 | UInt32($1 & 0x3F) }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }
}
