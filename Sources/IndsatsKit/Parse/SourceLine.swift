/// Where a piece of text came from: a page, and a line of a text file or a box on a PDF page.
public struct Provenance: Hashable, Sendable {
    public var page: Int
    /// 1-based line in a text input.
    public var line: Int?
    /// PDF points, origin top left.
    public var bbox: BBox?

    public init(page: Int, line: Int? = nil, bbox: BBox? = nil) {
        self.page = page; self.line = line; self.bbox = bbox
    }
}

/// Which column of an initiative table a piece of a line sits in. Text input
/// knows no columns: all of it is `.full`.
public enum Column: Hashable, Sendable {
    case label
    case value
    /// Not split into columns: text input, or a PDF line that runs across the column boundary.
    case full
}

/// One line of the document as the tokenizer sees it, whichever the source.
/// A PDF line across a table row has two parts (label, value); every other
/// line has one.
public struct SourceLine: Hashable, Sendable {
    public struct Part: Hashable, Sendable {
        public var column: Column
        public var text: String
        public var at: Provenance
        /// Footnote reference markers taken out of `text` (PDF: superscript digits).
        public var markers: [String]
        public init(column: Column, text: String, at: Provenance, markers: [String] = []) {
            self.column = column; self.text = text; self.at = at; self.markers = markers
        }
    }

    /// What a line is, apart from body text. Decided before tokenizing: by font
    /// size and position in a PDF, by shape and position in text.
    public enum Role: Hashable, Sendable {
        case body
        /// Footnote text at the foot of a page (PDF: smaller type below the body).
        case footnote
    }

    public var page: Int
    public var parts: [Part]
    public var role: Role
    /// A visible gap (blank line, paragraph spacing) comes before this line.
    public var gapBefore: Bool
    /// The first line of its page.
    public var startsPage: Bool
    /// The line is set in bold type (PDF only; false for text).
    public var isBold: Bool
    /// PDF lines with cells side by side (a gap of a column's width between two
    /// words): every word with its horizontal extent, footnote markers
    /// included and flagged, for reading tables by column. Nil otherwise.
    public var words: [Word]?

    /// A word of a PDF line and where it sits across the page.
    public struct Word: Hashable, Sendable {
        public var text: String
        public var x0: Double
        public var x1: Double
        /// A superscript footnote marker (also in its part's `markers`).
        public var isMarker: Bool
        /// A column-wide gap (or the line's start) comes before it.
        public var startsCell: Bool
        public init(text: String, x0: Double, x1: Double, isMarker: Bool, startsCell: Bool) {
            self.text = text; self.x0 = x0; self.x1 = x1; self.isMarker = isMarker; self.startsCell = startsCell
        }
    }

    public init(page: Int, parts: [Part], role: Role = .body, gapBefore: Bool = false,
                startsPage: Bool = false, isBold: Bool = false, words: [Word]? = nil) {
        self.page = page; self.parts = parts; self.role = role; self.gapBefore = gapBefore
        self.startsPage = startsPage; self.isBold = isBold; self.words = words
    }

    /// The whole line's text, parts joined by a space.
    public var text: String { parts.count == 1 ? parts[0].text : parts.map(\.text).joined(separator: " ") }

    public func part(_ column: Column) -> Part? { parts.first { $0.column == column } }
}

/// A document ready for tokenizing: its lines in reading order and what the
/// source said about it along the way.
public struct SourceText: Sendable {
    public var lines: [SourceLine]
    public var pageCount: Int
    /// Lines recognised as page furniture and left out of `lines` (kept to report them).
    public var furniture: [SourceLine.Part]
    public var warnings: [Warning]

    public init(lines: [SourceLine], pageCount: Int, furniture: [SourceLine.Part] = [], warnings: [Warning] = []) {
        self.lines = lines; self.pageCount = pageCount; self.furniture = furniture; self.warnings = warnings
    }
}
