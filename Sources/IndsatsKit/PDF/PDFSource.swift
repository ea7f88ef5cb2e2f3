import CPopplerCore
import Foundation

/// Reads the glyphs of a PDF in process with poppler (its core, through
/// `CPopplerCore`: README, "Why poppler's core").
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
                    try withDocument(bytes, path: path, password: password) { Int(indsats_page_count($0)) }
                }
            }
        }
        do { return try result.get() } catch { throw explained(error, by: messages) }
    }

    private static func readDocument<Page>(_ bytes: UnsafeRawBufferPointer, path: String, password: String?,
                                           pages: ClosedRange<Int>?,
                                           transform: (PDFPageText) -> Page) throws(ExtractionError) -> PDFPages<Page> {
        try withDocument(bytes, path: path, password: password) { document in
            readPages(document, pages: pages, transform: transform)
        }
    }

    /// `pages` of an open document; what poppler logs goes to the caller's `PopplerLog`.
    private static func readPages<Page>(_ document: OpaquePointer, pages: ClosedRange<Int>?,
                                        transform: (PDFPageText) -> Page) -> PDFPages<Page> {
        let pageCount = Int(indsats_page_count(document))
        let wanted = pageNumbers(pages, pageCount: pageCount)
        let texts = wanted.compactMap { number in readPage(document, number: number).map(transform) }
        return PDFPages(pageCount: pageCount, pages: texts, messages: [])
    }

    /// Opens the document in `bytes` for `body`; poppler's objects live only as long as that.
    private static func withDocument<T>(_ bytes: UnsafeRawBufferPointer, path: String, password: String?,
                                        body: (OpaquePointer) -> T) throws(ExtractionError) -> T {
        let document = try open(bytes, path: path, password: password)
        defer { indsats_close(document) }
        return body(document)
    }

    /// Poppler's document reading from `bytes`, which must outlive it.
    private static func open(_ bytes: UnsafeRawBufferPointer, path: String, password: String?) throws(ExtractionError) -> OpaquePointer {
        var error = indsats_open_error()
        guard let document = indsats_open(bytes.baseAddress, bytes.count, password, &error) else {
            throw openError(error, path: path, passwordGiven: password != nil)
        }
        return document
    }

    /// A PDF kept open between reads of its page ranges, as a batch worker
    /// reads several parts of one large PDF: poppler parses its cross-reference
    /// table once, and its page tree (walked from the first page to the one
    /// asked for) once up to the furthest page read, where a document opened
    /// for each part parsed them again every time (quadratic in the pages of
    /// the document). Each range is drawn as from a fresh open (its own
    /// `Gfx`); what poppler logs only once a document (the opening, an object
    /// stream, a broken cross-reference table) comes with the range that meets
    /// it first. It keeps its own copy of the bytes. One thread at a time.
    public final class OpenDocument {
        public let path: String
        public let sha256: String
        public let password: String?
        private let bytes: UnsafeMutableRawBufferPointer
        private let document: OpaquePointer
        /// What poppler logged while opening it, reported with the first read.
        private var openingMessages: [String]

        public init(_ input: InputDocument, password: String?) throws(ExtractionError) {
            try PDFSource.checkHeader(input.data, path: input.path)
            let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: input.data.count, alignment: 16)
            input.data.copyBytes(to: bytes)
            let (opened, messages) = PopplerLog.collecting {
                Result { () throws(ExtractionError) in try PDFSource.open(UnsafeRawBufferPointer(bytes), path: input.path, password: password) }
            }
            switch opened {
            case .success(let document):
                self.document = document
            case .failure(let error):
                bytes.deallocate()
                throw PDFSource.explained(error, by: messages)
            }
            self.bytes = bytes
            path = input.path; sha256 = input.sha256; self.password = password
            openingMessages = messages
        }

        deinit {
            indsats_close(document)
            bytes.deallocate()
        }

        /// `pages` (nil: all), each made into `transform(page)` as it is read;
        /// its messages are what poppler logged meanwhile (and, on the first
        /// read, while opening), as `PDFSource.read` gives them.
        public func read<Page: Sendable>(pages: ClosedRange<Int>?, transform: (PDFPageText) -> Page) -> PDFPages<Page> {
            // Poppler's drawing state is not carried from the last range read
            // (a BX or marked content left open there would silence messages here).
            indsats_start_range(document)
            var (text, messages) = PopplerLog.collecting { PDFSource.readPages(document, pages: pages, transform: transform) }
            text.messages = openingMessages + messages
            openingMessages = []
            return text
        }
    }

    private static func openError(_ error: indsats_open_error, path: String, passwordGiven: Bool) -> ExtractionError {
        if error.encrypted != 0 {
            let reason = passwordGiven ? "encrypted: the password is wrong"
                                       : "encrypted: needs a password (use --password)"
            return ExtractionError(.encrypted, path: path, reason)
        }
        return ExtractionError(.damaged, path: path, reason(error.message.map { String(cString: $0) } ?? ""))
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
        var page = indsats_page()
        guard indsats_read_page(document, Int32(number), &page) != 0 else {
            PopplerLog.note("page \(number): poppler cannot read it; skipped")
            return nil
        }
        let fonts = UnsafeBufferPointer(start: page.font_names, count: page.font_count).map {
            PDFFont(name: $0.map { String(cString: $0) } ?? "")
        }
        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(page.glyph_count)
        for glyph in UnsafeBufferPointer(start: page.glyphs, count: page.glyph_count) {
            // A code point that is no scalar (a surrogate the PDF maps a glyph to) still shows something.
            let scalar = Unicode.Scalar(glyph.code_point) ?? "\u{FFFD}"
            let box = BBox(x0: glyph.x0, y0: glyph.y0, x1: glyph.x1, y1: glyph.y1)
            guard Glyph.shows(scalar), box.x0.isFinite, box.y0.isFinite, box.x1.isFinite, box.y1.isFinite else { continue }
            glyphs.append(Glyph(scalar: scalar, bbox: box, font: glyph.font, fontSize: glyph.font_size))
        }
        return PDFPageText(number: number, width: page.width, height: page.height, glyphs: glyphs, fonts: fonts)
    }
}
