/// The load-time rule that keeps grammar patterns from backtracking without
/// end (ICU, like most engines, backtracks): no backreferences, no lookaround,
/// and no repeated group that itself holds a quantifier or an alternation
/// (`(a+)+`, `(\s*x)*`, `(a|ab){2,}`). What the rule misses, the step budget
/// of `Grammar.Pattern.firstMatch(in:)` bounds at run time.
enum PatternSafety {
    /// Why `pattern` is refused; nil when it is allowed.
    static func problem(in pattern: String) -> String? {
        // By scalars, as ICU reads it: as `Character`s, a `+` or `|` followed by a
        // combining mark would be one character and slip past the rule.
        let chars = Array(pattern.unicodeScalars)
        /// Per open group: whether its content so far holds a quantifier or `|`.
        var groups: [Bool] = [false]
        var i = 0
        /// After an atom ending at `end`: a quantifier behind it marks the enclosing group.
        func atom(endingAt end: Int) {
            if quantifier(chars, at: end + 1) != nil { groups[groups.count - 1] = true }
        }
        while i < chars.count {
            switch chars[i] {
            case "\\":
                guard i + 1 < chars.count else { return nil }
                let next = chars[i + 1]
                if ("1"..."9").contains(next) { return "has a backreference (\\\(next))" }
                if next == "k", i + 2 < chars.count, chars[i + 2] == "<" { return "has a backreference (\\k<…>)" }
                if next == "Q" { // \Q…\E: literal text
                    i += 2
                    while i + 1 < chars.count, !(chars[i] == "\\" && chars[i + 1] == "E") { i += 1 }
                    i += 1
                } else {
                    i += 1
                    atom(endingAt: i)
                }
            case "[":
                i = endOfClass(chars, from: i)
                atom(endingAt: i)
            case "(":
                let rest = chars[(i + 1)...]
                if let look = ["?=", "?!", "?<=", "?<!"].first(where: { rest.starts(with: $0.unicodeScalars) }) {
                    return "has a lookaround (\(look.dropFirst())…)"
                }
                groups.append(false)
            case ")":
                guard groups.count > 1 else { break }
                let inner = groups.removeLast()
                if inner && quantifier(chars, at: i + 1) == true {
                    return "repeats a group that holds a quantifier or '|' (a nested quantifier such as (a+)+), "
                        + "which can backtrack without end"
                }
                if inner { groups[groups.count - 1] = true }
                atom(endingAt: i)
            case "|":
                groups[groups.count - 1] = true
            default:
                atom(endingAt: i)
            }
            i += 1
        }
        return nil
    }

    /// Whether a quantifier starts at `index`: nil for none, true when it
    /// allows more than one repetition (`*`, `+`, `{2}`, `{1,}`, `{0,3}`), false for `?`, `{0,1}`.
    static func quantifier(_ chars: [Unicode.Scalar], at index: Int) -> Bool? {
        guard index < chars.count else { return nil }
        switch chars[index] {
        case "*", "+": return true
        case "?": return false
        case "{":
            guard let close = chars[index...].firstIndex(of: "}") else { return nil }
            let bounds = chars[(index + 1)..<close].split(separator: ",", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count), !bounds[0].isEmpty,
                  bounds.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } }) else { return nil }
            let digits = { (part: ArraySlice<Unicode.Scalar>) in Int(String(String.UnicodeScalarView(part))) }
            guard let upper = bounds.count == 1 ? digits(bounds[0]) : digits(bounds[1]) else { return true } // {n,}
            return upper > 1
        default: return nil
        }
    }

    /// The index of the `]` closing the class opened at `start`. ICU classes
    /// nest (`[[a-z]&&[^x]]`); a `]` first in a class (after `[` or `[^`) is literal.
    /// By scalars here, by `Character`s in `PatternPrefilter` (which refuses fused marks).
    static func endOfClass<C: Equatable & ExpressibleByUnicodeScalarLiteral>(_ chars: [C], from start: Int) -> Int {
        var depth = 0
        var i = start
        while i < chars.count {
            switch chars[i] {
            case "\\":
                i += 1
            case "[":
                depth += 1
                if i + 1 < chars.count, chars[i + 1] == "^" { i += 1 }
                if i + 1 < chars.count, chars[i + 1] == "]" { i += 1 }
            case "]":
                depth -= 1
                if depth == 0 { return i }
            default:
                break
            }
            i += 1
        }
        return chars.count - 1
    }
}
