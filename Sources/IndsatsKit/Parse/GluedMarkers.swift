/// Footnote references as pdftotext prints them: the superscript's digits
/// glued to the end of a word, after a letter ("Integration3", "ALT5") or
/// after a period that follows a letter ("pct.1", "økonomioversigten.6").
/// A number such as "32,94" is left alone: its marker cannot be told apart.
///
/// Words are what lies between spaces. Plain text (see `PlainText`) is read
/// on its bytes, any other by its `Character`s, with the same result.
enum GluedMarkers {
    /// The glued marker of a word and the word without it.
    static func split(_ word: Substring) -> (word: Substring, marker: Int)? {
        let digits = word.reversed().prefix { $0.isASCII && $0.isNumber }
        guard (1...2).contains(digits.count) else { return nil }
        let head = word.dropLast(digits.count)
        let glued = head.last?.isLetter == true || (head.last == "." && head.dropLast().last?.isLetter == true)
        guard glued, let n = Int(String(digits.reversed())) else { return nil }
        return (head, n)
    }

    /// The markers of every word of `text`, in order, each with the byte
    /// range of its digits.
    static func markers(in text: String) -> [(marker: Int, digits: Range<Int>)] {
        var copy = text
        return copy.withUTF8 { bytes in
            guard PlainText.isPlain(bytes) else { return markersByCharacters(in: text) }
            var found: [(marker: Int, digits: Range<Int>)] = []
            var i = 0
            while i < bytes.count {
                // The end of a word that ends in a digit.
                guard (0x30...0x39).contains(bytes[i]), i + 1 == bytes.count || bytes[i + 1] == 0x20 else {
                    i += 1
                    continue
                }
                var start = i
                while start > 0, (0x30...0x39).contains(bytes[start - 1]) { start -= 1 }
                defer { i += 1 }
                guard i - start < 2, start > 0, bytes[start - 1] != 0x20 else { continue }
                let (before, width) = PlainText.decode(bytes, endingAt: start)
                var glued = PlainText.isLetter(before)
                if !glued, before == ".", start - width > 0, bytes[start - width - 1] != 0x20 {
                    glued = PlainText.isLetter(PlainText.decode(bytes, endingAt: start - width).0)
                }
                guard glued else { continue }
                let n = bytes[start..<(i + 1)].reduce(0) { $0 * 10 + Int($1 - 0x30) }
                found.append((n, start..<(i + 1)))
            }
            return found
        }
    }

    /// `markers(in:)` by `Character`s: the general path.
    private static func markersByCharacters(in text: String) -> [(marker: Int, digits: Range<Int>)] {
        text.split(separator: " ", omittingEmptySubsequences: false).compactMap { word in
            guard let (head, n) = split(word) else { return nil }
            let start = text.utf8.distance(from: text.utf8.startIndex, to: head.endIndex)
            let end = text.utf8.distance(from: text.utf8.startIndex, to: word.endIndex)
            return (n, start..<end)
        }
    }

    /// The text with the markers of known footnotes taken off their words, and those markers in order.
    static func strip(_ text: String, known: Set<String>) -> (text: String, markers: [String]) {
        let found = markers(in: text).filter { known.contains(String($0.marker)) }
        guard !found.isEmpty else { return (text, []) }
        var bytes = Array(text.utf8)
        for marker in found.reversed() { bytes.removeSubrange(marker.digits) }
        return (String(decoding: bytes, as: UTF8.self), found.map { String($0.marker) })
    }
}
