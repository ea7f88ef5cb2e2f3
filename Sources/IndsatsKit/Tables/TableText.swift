import Foundation

/// Small readings shared by the table readers.
enum TableText {
    /// Cells that say "nothing here": a dash or "./.".
    static let empty: Set<String> = ["-", "\u{2013}", "\u{2212}", "./."]

    /// A figure cell: a number or an empty mark.
    static func isFigure(_ word: String) -> Bool {
        empty.contains(word) || AmountParser.number(word) != nil
    }

    /// Every match of `pattern` in `text`, in order, when together with white
    /// space between them they make up the whole text; nil otherwise.
    static func tiles(_ text: String, with pattern: Grammar.Pattern) -> [String]? {
        var pieces: [String] = []
        var rest = text[...]
        while !rest.isEmpty {
            rest = rest.drop(while: \.isWhitespaceFast)
            if rest.isEmpty { break }
            let remaining = String(rest)
            guard let m = pattern.firstMatch(in: remaining), m.range.location == 0, m.range.length > 0 else { return nil }
            let piece = (remaining as NSString).substring(with: m.range)
            pieces.append(piece)
            rest = rest.dropFirst(piece.count)
        }
        return pieces.isEmpty ? nil : pieces
    }

    /// The named group `name` of the pattern's first match, trimmed.
    static func group(_ name: String, of pattern: Grammar.Pattern, in text: String) -> String? {
        guard let m = pattern.firstMatch(in: text) else { return nil }
        let range = m.range(withName: name)
        guard range.location != NSNotFound else { return nil }
        return (text as NSString).substring(with: range).trimmingCharacters(in: .whitespaces)
    }

    /// A cell's words as one text: single spaces, but a word that ends in a
    /// soft hyphen (a PDF word broken at a cell's line end) joins the next
    /// without one, as `LineJoin` does for values.
    static func join(_ words: [TableLine.Word]) -> String {
        var out = ""
        var glued = false
        for word in words {
            var text = word.text
            let broken = text.last == LineJoin.softHyphen
            if broken { text.removeLast() }
            if !out.isEmpty, !glued { out += " " }
            out += text
            glued = broken
        }
        return out
    }

    /// A decimal as a Danish reader prints it: "0,4", "195,3".
    static func danish(_ value: Decimal) -> String {
        "\(value)".replacingOccurrences(of: ".", with: ",")
    }
}
