/// One visible character of a page as poppler lays it out.
public struct Glyph: Hashable, Sendable {
    /// Normally one Unicode scalar; a ligature (U+FB00–FB06) is spelled out ("ﬁ" -> "fi").
    /// Never white space, control or format characters, but for the soft hyphen
    /// (U+00AD), which `LineJoin` needs to see where a word was broken.
    public var text: String
    /// PDF points, origin at the top left of the (rotated) page.
    public var bbox: BBox
    /// As poppler reports it, e.g. "Helvetica-Bold" or "ABCDEF+Arial-BoldMT"; "" when unknown.
    public var fontName: String
    public var fontSize: Double

    public init(text: String, bbox: BBox, fontName: String, fontSize: Double) {
        self.text = text; self.bbox = bbox; self.fontName = fontName; self.fontSize = fontSize
    }
}

/// The glyphs of one page.
public struct PDFPageText: Sendable {
    /// 1-based.
    public var number: Int
    /// In points, after the page's rotation.
    public var width: Double
    public var height: Double
    /// Non-whitespace glyphs only, in poppler's text order (which is not reading order).
    public var glyphs: [Glyph]

    public init(number: Int, width: Double, height: Double, glyphs: [Glyph]) {
        self.number = number; self.width = width; self.height = height; self.glyphs = glyphs
    }
}

/// What `PDFSource.read` found in a document.
public struct PDFText: Sendable {
    /// Pages of the whole document, also when only a range was read.
    public var pageCount: Int
    public var pages: [PDFPageText]
    /// What poppler logged while reading, in order, followed by notes of our own
    /// ("page N: …") where a page could not be read as expected.
    public var messages: [String]

    public init(pageCount: Int, pages: [PDFPageText], messages: [String]) {
        self.pageCount = pageCount; self.pages = pages; self.messages = messages
    }
}

extension Glyph {
    /// The text a glyph of `scalar` stands for, or nil when it shows no letter:
    /// white space (words are rebuilt from geometry), control characters and
    /// format characters, among them zero-width spaces and bidi controls. The
    /// soft hyphen (U+00AD) is kept: at a line end it joins its word to the
    /// next line, elsewhere it is dropped (both in `LineJoin`).
    static func text(of scalar: Unicode.Scalar) -> String? {
        if let spelled = ligatures[scalar.value] { return spelled }
        if scalar == "\u{AD}" { return "\u{AD}" }
        let properties = scalar.properties
        if properties.isWhitespace { return nil }
        switch properties.generalCategory {
        case .control, .format: return nil
        default: return String(Character(scalar))
        }
    }

    /// The Latin ligatures of the Alphabetic Presentation Forms block, spelled out
    /// so words match what was typed ("ﬁnansiering" must find "finansiering").
    private static let ligatures: [UInt32: String] = [
        0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi",
        0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st",
    ]
}
