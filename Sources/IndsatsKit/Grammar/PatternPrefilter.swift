/// What a grammar pattern anchored at the start (`^`) needs at the start of a
/// line, when the pattern says so plainly. Most lines start otherwise, and
/// ruling them out by a byte comparison spares ICU, which costs microseconds
/// a call. Two readings:
/// - `firstBytes`: the ASCII bytes a match may start with (`^[0-9]…`,
///   `^(?<number>[0-9]{1,2})…`, `^Side …`); a line that starts with a
///   non-ASCII character goes to ICU.
/// - `literalPrefix`: the plain characters right after `^`, any script
///   (`^Økonomisk oversigt .*` → "Økonomisk oversigt "), compared as UTF-8
///   bytes: ICU matches code points literally, and lines and grammars are
///   both NFC.
/// Anything the readings do not follow exactly (alternation on the way, an
/// optional first atom, inline flags, escapes other than punctuation,
/// negated or non-ASCII classes, what `isReadable` refuses) gives no prefilter.
enum PatternPrefilter {
    /// The UTF-8 bytes every match starts with; empty when there are none to
    /// be sure of. Stops at the first syntax character, and leaves out the
    /// character before a quantifier ("^ab?c" → "a").
    static func literalPrefix(of pattern: String) -> [UInt8] {
        let scalars = Array(pattern.unicodeScalars)
        guard scalars.first == "^", isReadable(pattern),
              groupsAllow(Array(pattern), path: []) else { return [] }
        var prefix: [Unicode.Scalar] = []
        for scalar in scalars.dropFirst() {
            if "\\.[](){}|?*+$^#".unicodeScalars.contains(scalar) {
                if "?*+{".unicodeScalars.contains(scalar) { prefix.removeLast(prefix.isEmpty ? 0 : 1) }
                break
            }
            prefix.append(scalar)
        }
        var string = ""
        string.unicodeScalars.append(contentsOf: prefix)
        return Array(string.utf8)
    }

    /// Whether the readings, which go by `Character`s and know groups,
    /// classes and one-character escapes, see the structure ICU sees. Not
    /// when a syntax character shares a `Character` with a combining mark or
    /// a prepended scalar ("|\u{301}" is not "|" to them, but is to ICU), nor
    /// with what hides or reveals syntax: `\Q…\E`, comments (`(?#…)`, `#`
    /// under `(?x)`), free spacing (`(?x)`), and `\c`, which takes the next
    /// character, `(` or `[` included, as its operand.
    static func isReadable(_ pattern: String) -> Bool {
        for c in pattern where c.unicodeScalars.count > 1 {
            if c.unicodeScalars.contains(where: { $0.isASCII && !($0.properties.isAlphabetic || $0.properties.numericType != nil) }) {
                return false
            }
        }
        let scalars = Array(pattern.unicodeScalars)
        var i = 0
        while i < scalars.count {
            switch scalars[i] {
            case "#": return false
            case "\\":
                if i + 1 < scalars.count, scalars[i + 1] == "Q" || scalars[i + 1] == "c" { return false }
                i += 1
            case "(" where i + 1 < scalars.count && scalars[i + 1] == "?":
                // Inline flags: "(?ix)", "(?x-i:"; an "x" among them turns on free spacing.
                var j = i + 2
                while j < scalars.count, scalars[j].properties.isAlphabetic || scalars[j] == "-" {
                    if scalars[j] == "x" { return false }
                    j += 1
                }
            default: break
            }
            i += 1
        }
        return true
    }

    /// For each ASCII byte, whether a match may start with it; nil: no prefilter.
    static func firstBytes(of pattern: String) -> [Bool]? {
        let chars = Array(pattern)
        guard chars.first == "^", isReadable(pattern) else { return nil }
        // The groups the first atom sits in, by their opening index.
        var path: [Int] = []
        var i = 1
        while i < chars.count, chars[i] == "(" {
            if at(chars, i + 1, "?") {
                if at(chars, i + 2, ":") {
                    path.append(i); i += 3
                } else if at(chars, i + 2, "<"), let close = chars[(i + 3)...].firstIndex(of: ">"),
                          close > i + 3, chars[(i + 3)..<close].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                    path.append(i); i = close + 1
                } else {
                    return nil  // flags, lookaround, comments
                }
            } else {
                path.append(i); i += 1
            }
        }
        guard i < chars.count, let (bytes, end) = atom(chars, at: i), !optional(chars, at: end) else { return nil }
        guard groupsAllow(chars, path: Set(path)) else { return nil }
        return bytes
    }

    /// The bytes an atom at `i` matches and the index after it.
    private static func atom(_ chars: [Character], at i: Int) -> ([Bool], Int)? {
        var table = [Bool](repeating: false, count: 128)
        func literal(_ c: Character) -> Bool {
            guard let a = c.asciiValue, c.isLetter || c.isNumber || c == " " else { return false }
            table[Int(a)] = true
            return true
        }
        switch chars[i] {
        case "[":
            var j = i + 1
            guard j < chars.count, chars[j] != "^", chars[j] != "]" else { return nil }
            while j < chars.count, chars[j] != "]" {
                if j + 2 < chars.count, chars[j + 1] == "-", chars[j + 2] != "]" {
                    guard let lo = chars[j].asciiValue, let hi = chars[j + 2].asciiValue, lo <= hi,
                          chars[j].isLetter || chars[j].isNumber, chars[j + 2].isLetter || chars[j + 2].isNumber
                    else { return nil }
                    for b in lo...hi { table[Int(b)] = true }
                    j += 3
                } else {
                    guard literal(chars[j]) else { return nil }
                    j += 1
                }
            }
            guard j < chars.count else { return nil }
            return (table, j + 1)
        case "\\":
            // An escaped ASCII punctuation mark is that mark.
            guard i + 1 < chars.count, let a = chars[i + 1].asciiValue, chars[i + 1].isPunctuation || chars[i + 1].isSymbol
            else { return nil }
            table[Int(a)] = true
            return (table, i + 2)
        default:
            return literal(chars[i]) ? (table, i + 1) : nil
        }
    }

    /// Whether a quantifier at `i` lets what stands before it match nothing.
    private static func optional(_ chars: [Character], at i: Int) -> Bool {
        guard i < chars.count else { return false }
        switch chars[i] {
        case "?", "*": return true
        case "{": return !(i + 1 < chars.count && ("1"..."9").contains(chars[i + 1]))
        default: return false
        }
    }

    /// No alternation at the top level or directly in a group of the path,
    /// and no group of the path may match nothing.
    private static func groupsAllow(_ chars: [Character], path: Set<Int>) -> Bool {
        var open: [Int] = []
        var i = 0
        while i < chars.count {
            switch chars[i] {
            case "\\": i += 1
            case "[": i = PatternSafety.endOfClass(chars, from: i)
            case "(": open.append(i)
            case ")":
                guard let start = open.popLast() else { return false }
                if path.contains(start), optional(chars, at: i + 1) { return false }
            case "|":
                guard let innermost = open.last, !path.contains(innermost) else { return false }
            default: break
            }
            i += 1
        }
        return open.isEmpty
    }

    private static func at(_ chars: [Character], _ i: Int, _ c: Character) -> Bool {
        i < chars.count && chars[i] == c
    }
}
