/// One visible character of a page as poppler lays it out. A plain value
/// (no string, no reference counting): pages hold thousands of them.
public struct Glyph: Hashable, Sendable {
    /// The character as poppler read it. Never white space, control or format
    /// characters, but for the soft hyphen (U+00AD), which `LineJoin` needs to
    /// see where a word was broken; a ligature (U+FB00–FB06) stays one scalar
    /// here and is spelled out in `text` and in words.
    public var scalar: Unicode.Scalar
    /// PDF points, origin at the top left of the (rotated) page.
    public var bbox: BBox
    /// Index into its page's `fonts`.
    public var font: Int32
    public var fontSize: Double

    public init(scalar: Unicode.Scalar, bbox: BBox, font: Int32, fontSize: Double) {
        self.scalar = scalar; self.bbox = bbox; self.font = font; self.fontSize = fontSize
    }

    /// Normally the scalar; a ligature spelled out ("ﬁ" -> "fi").
    public var text: String { Self.spelled(scalar) }

    /// Whether two glyphs show the same text (as `text` compares: canonically
    /// equivalent scalars, such as U+212B and Å, are the same letter).
    func showsSameText(as other: Glyph) -> Bool {
        scalar == other.scalar || (scalar.value > 0x7F && other.scalar.value > 0x7F && text == other.text)
    }

    /// Appends the glyph's text as UTF-8 to `bytes`; whether it is plain
    /// (`PlainText`: NFC whatever text it stands next to).
    @inline(__always)
    func appendText(to bytes: inout [UInt8]) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value))
            return value != 0x0D
        }
        if let spelled = Self.spelledLigature(scalar) { bytes += spelled.utf8; return true }
        if value < 0x800 {
            bytes.append(0xC0 | UInt8(truncatingIfNeeded: value >> 6))
            bytes.append(0x80 | UInt8(truncatingIfNeeded: value & 0x3F))
        } else if value < 0x10000 {
            bytes.append(0xE0 | UInt8(truncatingIfNeeded: value >> 12))
            bytes.append(0x80 | UInt8(truncatingIfNeeded: (value >> 6) & 0x3F))
            bytes.append(0x80 | UInt8(truncatingIfNeeded: value & 0x3F))
        } else {
            bytes.append(0xF0 | UInt8(truncatingIfNeeded: value >> 18))
            bytes.append(0x80 | UInt8(truncatingIfNeeded: (value >> 12) & 0x3F))
            bytes.append(0x80 | UInt8(truncatingIfNeeded: (value >> 6) & 0x3F))
            bytes.append(0x80 | UInt8(truncatingIfNeeded: value & 0x3F))
        }
        return PlainText.isPlain(scalar)
    }
}

/// A font of a page: poppler's name for it, e.g. "Helvetica-Bold" or
/// "ABCDEF+Arial-BoldMT" ("" when unknown), and whether that names a bold weight.
public struct PDFFont: Hashable, Sendable {
    public var name: String
    public var isBold: Bool

    public init(name: String) { self.name = name; isBold = LineAssembler.isBold(name) }
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
    /// The fonts `glyphs` point into, each name once.
    public var fonts: [PDFFont]

    public init(number: Int, width: Double, height: Double, glyphs: [Glyph], fonts: [PDFFont]) {
        self.number = number; self.width = width; self.height = height; self.glyphs = glyphs; self.fonts = fonts
    }

    public func fontName(of glyph: Glyph) -> String { fonts[Int(glyph.font)].name }
}

/// What `PDFSource.read` found in a document, each page made into a `Page`
/// as it was read (glyphs, or lines assembled from them).
public struct PDFPages<Page: Sendable>: Sendable {
    /// Pages of the whole document, also when only a range was read.
    public var pageCount: Int
    public var pages: [Page]
    /// What poppler logged while reading, in order, followed by notes of our own
    /// ("page N: …") where a page could not be read as expected.
    public var messages: [String]

    public init(pageCount: Int, pages: [Page], messages: [String]) {
        self.pageCount = pageCount; self.pages = pages; self.messages = messages
    }
}

public typealias PDFText = PDFPages<PDFPageText>

extension Glyph {
    /// The text a glyph of `scalar` stands for, or nil when it shows no letter:
    /// white space (words are rebuilt from geometry), control characters and
    /// format characters, among them zero-width spaces and bidi controls. The
    /// soft hyphen (U+00AD) is kept: at a line end it joins its word to the
    /// next line, elsewhere it is dropped (both in `LineJoin`).
    static func text(of scalar: Unicode.Scalar) -> String? {
        shows(scalar) ? spelled(scalar) : nil
    }

    private static func spelled(_ scalar: Unicode.Scalar) -> String {
        spelledLigature(scalar) ?? String(Character(scalar))
    }

    /// Whether a glyph of `scalar` shows a letter (see `text(of:)`); ASCII and
    /// Latin-1 without a look-up of Unicode properties.
    static func shows(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value > 0x20 && value != 0x7F }
        // Latin-1: C1 controls and the no-break space show nothing, the rest shows a letter or sign.
        if value <= 0xFF { return value > 0xA0 }
        if spelledLigature(scalar) != nil || scalar == "\u{AD}" { return true }
        let properties = scalar.properties
        if properties.isWhitespace { return false }
        switch properties.generalCategory {
        case .control, .format: return false
        default: return true
        }
    }

    static func spelledLigature(_ scalar: Unicode.Scalar) -> String? {
        (0xFB00...0xFB06).contains(scalar.value) ? ligatures[scalar.value] : nil
    }

    /// The Latin ligatures of the Alphabetic Presentation Forms block, spelled out
    /// so words match what was typed ("ﬁnansiering" must find "finansiering").
    private static let ligatures: [UInt32: String] = [
        0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi",
        0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st",
    ]
}
