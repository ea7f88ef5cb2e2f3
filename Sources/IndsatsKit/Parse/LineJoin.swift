/// How the lines of one value cell (or heading, or footnote) become one text.
/// Every rule about what a line break means lives here:
///
/// - Lines are joined by one space, and every run of white space becomes one.
/// - A soft hyphen (U+00AD) only says where a word may be broken. Inside a
///   line it is dropped; at the end of a line the word goes on at the start of
///   the next line, with no space ("med\u{AD}" / "finansiering" →
///   "medfinansiering"). (In a PDF, `SoftHyphens` drops those inside words
///   early, so that labels match; the rule is the same.)
/// - A hard hyphen at a line end is kept as printed ("integrations-
///   indsatsen") unless the grammar's `lineEndHyphens` turns joining on. Even
///   then a suspended compound is never joined: the hyphen must follow a
///   lowercase letter, the next line must start with a lowercase letter, and
///   its first word must not be one of the grammar's `notBefore` words
///   ("Beskæftigelses-" / "og Integrationsforvaltningen", "Kultur-" / ", Fritids-").
enum LineJoin {
    static let softHyphen: Character = "\u{AD}"

    static func join(_ lines: [String], hyphens: Grammar.LineEndHyphens = .keep) -> String {
        joinMarkingLines(lines, hyphens: hyphens).text
    }

    /// The line on which the first occurrence of `text` in `lines` joined as
    /// by `join` starts (for one that runs over a line break, the line it
    /// begins on); nil when the joined lines do not hold it.
    static func line(holding text: String, in lines: [String], hyphens: Grammar.LineEndHyphens = .keep) -> Int? {
        let (joined, starts) = joinMarkingLines(lines, hyphens: hyphens)
        let haystack = Array(joined.utf8), needle = Array(text.utf8)
        guard !needle.isEmpty, needle.count <= haystack.count,
              let offset = (0...(haystack.count - needle.count)).first(where: { haystack[$0..<($0 + needle.count)].elementsEqual(needle) })
        else { return nil }
        return starts.lastIndex { $0.map { $0 <= offset } ?? false }
    }

    /// `join`'s text, and for each line the UTF-8 offset in it where the
    /// line's text begins (nil for a line without text).
    private static func joinMarkingLines(_ lines: [String], hyphens: Grammar.LineEndHyphens) -> (text: String, starts: [Int?]) {
        var out = ""
        var starts: [Int?] = []
        var glued = false  // the line before ended in a soft hyphen
        for line in lines {
            let (text, broken) = words(of: line)
            guard !text.isEmpty else { starts.append(nil); continue }
            if !out.isEmpty, !glued {
                if hyphens.joins(after: out, before: text) { out.removeLast() } else { out += " " }
            }
            starts.append(out.utf8.count)
            out += text
            glued = broken
        }
        return (out, starts)
    }

    /// The line's words joined by one space, soft hyphens dropped, and
    /// whether its last word ended in a soft hyphen.
    static func words(of line: String) -> (text: String, broken: Bool) {
        // 0xAD is the soft hyphen's last UTF-8 byte: without it there is none to drop.
        var copy = line
        let plain = copy.withUTF8 { bytes -> String? in
            guard !bytes.contains(0xAD), PlainText.isPlain(bytes) else { return nil }
            return Grammar.normalizePlain(bytes)
        }
        if let plain { return (plain, false) }
        var words = line.split(whereSeparator: \.isWhitespaceFast)
        let broken = words.last?.last == softHyphen
        if line.utf8.contains(0xAD) { words = words.map { $0.filter { $0 != softHyphen }[...] }.filter { !$0.isEmpty } }
        return (words.joined(separator: " "), broken)
    }
}

extension Grammar.LineEndHyphens {
    /// Whether a hard hyphen ending `text` joins the word to `next`, the first word of the next line.
    func joins(after text: String, before next: String) -> Bool {
        guard join, text.last == "-", let letter = text.dropLast().last, letter.isLowercase,
              let start = next.first, start.isLowercase else { return false }
        let word = next.prefix { $0.isLetter }
        return !notBefore.contains(String(word))
    }
}
