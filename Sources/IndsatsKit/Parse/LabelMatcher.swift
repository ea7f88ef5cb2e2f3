/// Finds a grammar label at the start of a run of lines, word by word.
///
/// Labels in a narrow column wrap ("Hvordan bidrager indsatsen / til mål i /
/// integrationspolitikken"), so a label may take several lines; each word must
/// equal the label's word exactly, so "Målet" is not "Mål" and "Målgruppe:" is
/// not "Målgruppe".
struct LabelMatcher: Sendable {
    struct Label: Sendable {
        var field: Int
        var text: String
        var words: [Substring]
    }

    struct Match: Sendable, Equatable {
        var field: Int
        var label: String
        /// Lines the label took, the first included.
        var lineCount: Int
        /// Words of the last line that belong to the label; the rest is value text.
        var wordsOnLastLine: Int
    }

    private let byFirstWord: [Substring: [Label]]
    private let all: [Label]

    init(grammar: Grammar) {
        var index: [Substring: [Label]] = [:]
        for (i, field) in grammar.fields.enumerated() {
            for text in field.labels {
                let words = Self.words(text)
                guard let first = words.first else { continue }
                index[first, default: []].append(Label(field: i, text: text, words: words))
            }
        }
        // Longest first, so "Status ift. målopfyldelse" wins over a shorter label sharing its start.
        byFirstWord = index.mapValues { $0.sorted { $0.words.count > $1.words.count } }
        all = index.values.joined().sorted { $0.text < $1.text }
    }

    static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{A0}" })
    }

    /// The longest label that starts `lines[0]`, continuing over the following
    /// lines while each is used up. With `wholeLines` (a PDF label column, where
    /// nothing else shares the cell) the label must also use up its last line.
    func match(_ lines: [[Substring]], wholeLines: Bool) -> Match? {
        guard let first = lines.first?.first, let candidates = byFirstWord[first] else { return nil }
        for label in candidates {
            if let m = Self.match(label, lines, wholeLines: wholeLines) { return m }
        }
        return nil
    }

    private static func match(_ label: Label, _ lines: [[Substring]], wholeLines: Bool) -> Match? {
        var li = 0, wi = 0
        for word in label.words {
            while li < lines.count, wi == lines[li].count {
                li += 1; wi = 0
            }
            guard li < lines.count, lines[li][wi] == word else { return nil }
            wi += 1
        }
        if wholeLines, wi < lines[li].count { return nil }
        return Match(field: label.field, label: label.text, lineCount: li + 1, wordsOnLastLine: wi)
    }

    /// Whether some label begins with this word: a cheap test before a line is split into words.
    func canStart(_ text: String) -> Bool {
        guard let end = text.firstIndex(where: { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }) else {
            return byFirstWord[Substring(text)] != nil
        }
        return byFirstWord[text[..<end]] != nil
    }

    /// Whether `words` are a run of some label's words, such as one line of
    /// a wrapped label ("til mål i").
    func isPartOfLabel(_ words: [Substring]) -> Bool {
        guard !words.isEmpty else { return false }
        return all.contains { label in
            label.words.count >= words.count
                && (0...(label.words.count - words.count)).contains { label.words[$0..<($0 + words.count)].elementsEqual(words) }
        }
    }
}
