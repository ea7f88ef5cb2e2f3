/// Which grammar a document was read with, and why.
public struct GrammarSelection: Sendable {
    /// The chosen grammar; nil when no grammar's keywords all occur (the
    /// caller then falls back to a default and warns with `reason`).
    public var grammar: Grammar?
    /// Names of every grammar whose keywords all occur, best first.
    public var matches: [String]
    /// One line for a person, e.g. for a warning or `--verbose`.
    public var reason: String
}

/// Chooses a grammar by its keywords.
///
/// A grammar matches when each of its keywords occurs somewhere in the text,
/// compared after `Grammar.normalize` on both sides (NFC, white-space runs as
/// one space, so a keyword may be broken over lines) and with exact case:
/// labels match with exact case too, and a template prints its own phrases the
/// same way every time. A keyword is a substring, not a word: pick phrases the
/// template always prints and other templates do not.
///
/// Of several matching grammars the one with the most keywords (the most
/// specific) wins, then the first by name, so the choice is deterministic.
public enum GrammarSelector {
    /// How many lines `select(from:lines:)` tries first.
    static let headLines = 400

    /// `select(from:text:)` of the lines joined by line feeds, reading only
    /// the first `headLines` when every grammar's keywords all occur in them:
    /// a keyword found in a prefix is found in the whole (normalising joins
    /// lines with a space, and nothing combines across a line feed), so the
    /// choice is the same. A keyword missing from the first lines needs the
    /// rest. Templates print their keywords on the first pages, and a long
    /// document then costs nothing more than a short one.
    public static func select(from grammars: [Grammar], lines: some Collection<String>) -> GrammarSelection {
        // The head joined in one pass: `lines` is often a lazy view over pages,
        // whose count and generic `joined` walk it element by element.
        var head = ""
        var taken = 0
        var rest = lines.makeIterator()
        while taken < headLines, let line = rest.next() {
            if taken > 0 { head += "\n" }
            head += line
            taken += 1
        }
        guard rest.next() != nil else { return select(from: grammars, text: head) }
        let early = select(from: grammars, text: head)
        if early.matches.count == grammars.count { return early }
        return select(from: grammars, text: lines.joined(separator: "\n"))
    }

    public static func select(from grammars: [Grammar], text: String) -> GrammarSelection {
        guard !grammars.isEmpty else {
            return GrammarSelection(grammar: nil, matches: [], reason: "no grammars are installed")
        }
        let haystack = Grammar.normalize(text)
        let missing = grammars.map { missingKeywords(of: $0, inNormalized: haystack) }
        let ranked = zip(grammars, missing)
            .filter { $0.1.isEmpty }
            .map(\.0)
            .sorted { ($0.keywords.count, $1.name) > ($1.keywords.count, $0.name) }
        guard let best = ranked.first else {
            let lacks = zip(grammars, missing)
                .sorted { $0.0.name < $1.0.name }
                .map { "'\($0.name)' lacks \(quoted($1))" }
            return GrammarSelection(grammar: nil, matches: [],
                                    reason: "no grammar matched: " + lacks.joined(separator: "; "))
        }
        var reason = "grammar '\(best.name)' chosen: its \(count(best.keywords.count)) "
            + "\(quoted(best.keywords)) occur"
        let others = ranked.dropFirst().map { "'\($0.name)' (\(count($0.keywords.count)))" }
        if !others.isEmpty { reason += "; also matched, ranked lower: " + others.joined(separator: ", ") }
        return GrammarSelection(grammar: best, matches: ranked.map(\.name), reason: reason)
    }

    /// The keywords of `grammar` that do not occur in `text`, which must
    /// already be normalised with `Grammar.normalize`.
    public static func missingKeywords(of grammar: Grammar, inNormalized text: String) -> [String] {
        var text = text
        let plainText = text.withUTF8 { PlainText.isPlain($0) }
        return grammar.keywords.filter { keyword in
            var keyword = Grammar.normalize(keyword)
            guard plainText, keyword.withUTF8({ PlainText.isPlain($0) }) else { return !text.contains(keyword) }
            return !text.withUTF8 { haystack in keyword.withUTF8 { contains(haystack, $0) } }
        }
    }

    /// Whether `needle` occurs in `haystack`, byte for byte. In plain text a
    /// scalar is a `Character`, so this is `String.contains` there.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        guard needle.count <= haystack.count else { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    private static func quoted(_ words: [String]) -> String {
        words.map { "'\($0)'" }.joined(separator: ", ")
    }

    private static func count(_ n: Int) -> String { n == 1 ? "1 keyword" : "\(n) keywords" }
}
