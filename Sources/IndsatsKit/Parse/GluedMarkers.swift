/// Footnote references as pdftotext prints them: the superscript's digits
/// glued to the end of a word, after a letter ("Integration3", "ALT5") or
/// after a period that follows a letter ("pct.1", "økonomioversigten.6").
/// A number such as "32,94" is left alone: its marker cannot be told apart.
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

    /// The text with the markers of known footnotes taken off their words, and those markers in order.
    static func strip(_ text: String, known: Set<String>) -> (text: String, markers: [String]) {
        var markers: [String] = []
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map { word -> Substring in
            guard let (head, n) = split(word), known.contains(String(n)) else { return word }
            markers.append(String(n))
            return head
        }
        return markers.isEmpty ? (text, []) : (words.joined(separator: " "), markers)
    }
}
