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

    /// The words of `text`: between spaces, tabs and no-break spaces.
    static func words(_ text: String) -> [Substring] {
        var copy = text
        let ranges = copy.withUTF8 { bytes -> [Range<Int>]? in
            guard PlainText.isPlain(bytes) else { return nil }
            var ranges: [Range<Int>] = []
            var start = 0, i = 0
            while i < bytes.count {
                let width = separatorWidth(bytes, at: i)
                if width > 0 {
                    if start < i { ranges.append(start..<i) }
                    i += width
                    start = i
                } else {
                    i += 1
                }
            }
            if start < bytes.count { ranges.append(start..<bytes.count) }
            return ranges
        }
        guard let ranges else { return text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }) }
        return ranges.map { text[PlainText.index(text, $0.lowerBound)..<PlainText.index(text, $0.upperBound)] }
    }

    /// In plain text: 1 for a space or tab at `i`, 2 for a no-break space, else 0.
    @inline(__always) private static func separatorWidth(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        switch bytes[i] {
        case 0x20, 0x09: 1
        case 0xC2 where i + 1 < bytes.count && bytes[i + 1] == 0xA0: 2
        default: 0
        }
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
        var copy = text
        let plainEnd = copy.withUTF8 { bytes -> Int? in
            // The first word, when it and the scalar after it are plain.
            var i = 0
            while i < bytes.count {
                if bytes[i] < 0x80 {
                    if bytes[i] == 0x0D { return nil }
                    if bytes[i] == 0x20 || bytes[i] == 0x09 { break }
                    i += 1
                    continue
                }
                let (scalar, width) = PlainText.decode(bytes, at: i)
                guard PlainText.isPlain(scalar) else { return nil }
                if scalar == "\u{A0}" { break }
                i += width
            }
            guard i < bytes.count else { return i }
            // A combining mark after the separator would join it into another `Character`.
            let after = i + (bytes[i] < 0x80 ? 1 : 2)
            guard after >= bytes.count || PlainText.isPlain(PlainText.decode(bytes, at: after).0) else { return nil }
            return i
        }
        if let plainEnd { return byFirstWord[text[..<PlainText.index(text, plainEnd)]] != nil }
        return canStartByCharacters(text)
    }

    /// `canStart` by `Character`s: the general path.
    func canStartByCharacters(_ text: String) -> Bool {
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
