/// A line as the table readers see it, whatever the source: its words in
/// order, each with the footnote markers that followed it and, in a PDF, its
/// horizontal extent. In text the markers are digits glued to a word
/// ("Integration3") and count only when the document has that footnote.
struct TableLine: Sendable {
    struct Word: Sendable {
        var text: String
        /// Left and right edge in PDF points; nil in text input.
        var x0: Double?
        var x1: Double?
        /// Footnote markers that followed the word.
        var markers: [String]
        /// A column-wide gap comes before it (PDF), or it starts the line.
        var startsCell: Bool
    }

    var words: [Word]
    var page: Int
    var gapBefore: Bool
    var startsPage: Bool
    var isFootnote: Bool
    var at: Provenance

    /// The words joined by single spaces, markers left out.
    var text: String { words.map(\.text).joined(separator: " ") }

    init(_ line: SourceLine, footnotes: Set<String>) {
        page = line.page; gapBefore = line.gapBefore; startsPage = line.startsPage
        isFootnote = line.role == .footnote
        at = line.parts.first?.at ?? Provenance(page: line.page)
        if let words = line.words {
            self.words = []
            for word in words {
                if word.isMarker, !self.words.isEmpty {
                    self.words[self.words.count - 1].markers.append(word.text)
                } else {
                    self.words.append(Word(text: word.text, x0: word.x0, x1: word.x1, markers: [], startsCell: word.startsCell))
                }
            }
        } else if line.parts.count == 1, line.parts[0].at.bbox == nil {
            // Text input: markers are glued digits.
            self.words = line.parts[0].text.split(whereSeparator: \.isWhitespaceFast).enumerated().map { i, word in
                if let (head, n) = GluedMarkers.split(word), footnotes.contains(String(n)) {
                    return Word(text: String(head), markers: [String(n)], startsCell: i == 0)
                }
                return Word(text: String(word), markers: [], startsCell: i == 0)
            }
        } else {
            // A PDF line without column gaps: each part one cell, its markers after its last word.
            self.words = line.parts.flatMap { part in
                let words = part.text.split(whereSeparator: \.isWhitespaceFast)
                return words.enumerated().map { i, word in
                    Word(text: String(word), x0: part.at.bbox?.x0, x1: part.at.bbox?.x1,
                         markers: i == words.count - 1 ? part.markers : [], startsCell: i == 0)
                }
            }
        }
    }
}
