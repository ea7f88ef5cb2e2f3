import Foundation

/// A money amount as an initiative's text states it (output contract, `amounts`).
public struct Amount: Codable, Hashable, Sendable {
    /// As printed, from the minus sign or first digit to the currency word: "6,9 mio. kr.", "-0,3 mio. kr.".
    public var text: String
    /// Whole kroner: 6900000, negative for a negative amount. A fraction of a krone is rounded half to even.
    public var dkk: Int

    public init(text: String, dkk: Int) { self.text = text; self.dkk = dkk }
}

/// Danish numbers in report text, exactly. Pure.
///
/// An amount is a number followed by an optional scale word and then a
/// currency word: "6,9 mio. kr.", "3.543.580 kr.", "3,6 millioner kr.",
/// "1,2 mia.kr.", "150.000 kr" — and "2. mio. kr.", whose stray period is
/// read as 2 mio. (so "i 2009. mio. kr." would read as 2009 mio.: the form
/// cannot tell, and reports do not write it). Nothing else is: percentages, counts, years and dates never
/// end in "kr.", so they are never amounts. A hyphen-minus or minus sign
/// glued to the number at the start or after a space, bracket or colon makes
/// it negative ("-0,3 mio. kr."); in a table cell (`inCell`) so does an en
/// dash, which typesetters use as a minus, and any dash glued to the number
/// after a space, whatever is before it (the row's label). A range ("2-3 mio. kr.",
/// "2 – 3 mio. kr.", "2 til 3 mio. kr.", "mellem 2 og 3 mio. kr.") is no amount: its end alone would
/// read as one, so it is reported apart (`ranges`) for a warning; so is a
/// dash glued to the number that could be a hyphen, a bullet or a minus:
/// after any other character ("ramme-3 mio. kr."), after a number ("2010 -3
/// mio. kr."), or an en dash in running text ("–3 mio. kr."). A year before a
/// spaced dash or "til" is no range's start ("i 2009 til 3,5 mio. kr.",
/// "Budget 2010 – 3 mio. kr.", "i 2009 til 5.000 kr."): four digits from 1900
/// to 2099, written without separators, when the number after them is smaller
/// or is written with a separator or a scale word. Not read: a currency word
/// before the number ("kr. 500"), "DKK".
public enum AmountParser {
    /// One amount with its exact value.
    public struct Match: Hashable, Sendable {
        public var text: String
        /// Exact, fractions of a krone included: 0.45 for "0,45 kr.".
        public var kroner: Decimal
        /// `kroner` rounded half to even.
        public var dkk: Int
        public var amount: Amount { Amount(text: text, dkk: dkk) }
    }

    /// What a text states in money: its amounts, and what looked like one but
    /// cannot be read as one number (ranges), as printed.
    public struct Reading: Hashable, Sendable {
        public var amounts: [Match] = []
        public var ranges: [String] = []
    }

    /// Every money amount in `text`, in order of appearance.
    public static func amounts(in text: String) -> [Amount] {
        matches(in: text).map(\.amount)
    }

    /// `inCell`: `text` is a table cell (see `read`).
    public static func matches(in text: String, inCell: Bool = false) -> [Match] {
        read(text, inCell: inCell).amounts
    }

    /// `inCell`: `text` is a table cell, where a glued en dash is a minus.
    public static func read(_ text: String, inCell: Bool = false) -> Reading {
        let chars = Array(text)
        var reading = Reading()
        var i = 0
        while i < chars.count {
            guard DanishNumber.isDigit(chars[i]) else { i += 1; continue }
            let end = numberEnd(chars, from: i)
            // A number glued to a word ("ALT5", "H2") is a marker or a name, not an amount.
            let gluedToWord = i > 0 && chars[i - 1].isLetter
            if !gluedToWord, let number = DanishNumber(String(chars[i..<end])),
               let (factor, amountEnd) = currencySuffix(chars, from: end),
               let scaled = number.multiplied(by: factor) {
                let money = number.fractionDigits > 0 || factor > 1 || chars[i..<end].contains(".")
                switch lead(chars, before: i, value: number.decimal, separateAfterYear: money, inCell: inCell) {
                case .none:
                    reading.amounts.append(Match(text: String(chars[i..<amountEnd]), kroner: scaled.decimal,
                                                 dkk: scaled.roundedHalfToEven))
                case .minus(let sign):
                    let kroner = scaled.decimal.isZero ? scaled.decimal : -scaled.decimal  // no "-0"
                    reading.amounts.append(Match(text: String(chars[sign..<amountEnd]), kroner: kroner,
                                                 dkk: scaled.decimal.isZero ? 0 : -scaled.roundedHalfToEven))
                case .range(let start):
                    reading.ranges.append(String(chars[start..<amountEnd]))
                }
                i = amountEnd
            } else {
                i = end
            }
        }
        return reading
    }

    /// What stands right before an amount's number.
    enum Lead: Equatable {
        case none
        /// A minus sign at this index, glued to the number.
        case minus(Int)
        /// A range (or an unreadable dash) starting at this index.
        case range(Int)
    }

    /// What stands before the number at `start`, whose value (before its
    /// scale) is `value`; `separateAfterYear`: it has a separator or a scale,
    /// so a year before it is no range's start even when smaller.
    static func lead(_ chars: [Character], before start: Int, value: Decimal, separateAfterYear: Bool,
                     inCell: Bool) -> Lead {
        var k = start
        while k > 0, chars[k - 1].isWhitespace { k -= 1 }
        let glued = k == start
        // "2 til 3 mio. kr.", but not "i 2009 til 3 mio. kr."
        if !glued, k >= 3, String(chars[(k - 3)..<k]).lowercased() == "til", k == 3 || chars[k - 4].isWhitespace,
           let first = number(chars, endingAt: k - 4) {
            return isYear(chars[first], before: value, separateAfterYear) ? .none : .range(first.lowerBound)
        }
        // "mellem 2 og 3 mio. kr.", but not "i 2009 og 3 mio. kr."
        if !glued, k >= 2, String(chars[(k - 2)..<k]).lowercased() == "og", k == 2 || chars[k - 3].isWhitespace,
           let first = number(chars, endingAt: k - 3), follows("mellem", in: chars, before: first.lowerBound) {
            return .range(first.lowerBound)
        }
        guard k > 0, minusSigns.contains(chars[k - 1]) else { return .none }
        let dash = k - 1
        // A cell's value after its label ("Mindreforbrug 2009 –0,5 mio. kr.").
        if inCell, glued, dash > 0, chars[dash - 1].isWhitespace { return .minus(dash) }
        if let first = number(chars, endingAt: dash) {  // "2-3", "2 – 3"
            // "Budget 2010 – 3 mio. kr." separates; "2010 -3 mio. kr." cannot tell.
            return isYear(chars[first], before: value, separateAfterYear) && !glued ? .none : .range(first.lowerBound)
        }
        guard glued else { return .none }  // "Afsat – 3 mio. kr.": a dash between words
        let opens = dash == 0 || chars[dash - 1].isWhitespace || ["(", "[", ":"].contains(chars[dash - 1])
        // An en dash glued to a number in running text is as often a bullet as a minus.
        return opens && (chars[dash] != "\u{2013}" || inCell) ? .minus(dash) : .range(dash)
    }

    /// Whether the word right before `start` (white space between) ends in
    /// `word`, in any case ("mellem", "imellem").
    private static func follows(_ word: String, in chars: [Character], before start: Int) -> Bool {
        var k = start
        while k > 0, chars[k - 1].isWhitespace { k -= 1 }
        let count = word.count
        return k >= count && String(chars[(k - count)..<k]).lowercased() == word
    }

    /// The digits and separators of a number ending right before `end` (spaces
    /// between allowed), from its first digit; nil when no number ends there.
    private static func number(_ chars: [Character], endingAt end: Int) -> Range<Int>? {
        var k = end
        while k > 0, chars[k - 1].isWhitespace { k -= 1 }
        guard k > 0, DanishNumber.isDigit(chars[k - 1]) else { return nil }
        let last = k
        while k > 0, DanishNumber.isDigit(chars[k - 1]) || chars[k - 1] == "." || chars[k - 1] == "," { k -= 1 }
        while !DanishNumber.isDigit(chars[k]) { k += 1 }  // "ca.2-3": the number starts at its first digit
        return k..<last
    }

    /// A year (four digits, 1900–2099) before a number that is smaller or
    /// `separate` (written with a separator or scale): "2009" before "3,5 mio. kr.".
    private static func isYear(_ literal: ArraySlice<Character>, before value: Decimal, _ separate: Bool) -> Bool {
        guard literal.count == 4, literal.allSatisfy(DanishNumber.isDigit),
              let year = Int(String(literal)), (1900...2099).contains(year) else { return false }
        return separate || Decimal(year) > value
    }

    /// A table cell that is one number: "8.725" → 8725, "54,40" → 54.40,
    /// "-3,2" → -3.2; nil for "-" and "./." (nothing to report) and for any
    /// other text ("54,40 pct.", "2.5").
    public static func number(_ cell: String) -> Decimal? {
        // Most cells are words: one starting with a visible ASCII character
        // other than a digit or "-" is no number, with no trimming needed to tell.
        if let first = cell.utf8.first, (0x21...0x7E).contains(first), first != UInt8(ascii: "-"),
           !(0x30...0x39).contains(first) {
            return nil
        }
        var literal = Substring(cell.trimmingCharacters(in: .whitespacesAndNewlines))
        var negative = false
        if let first = literal.first, minusSigns.contains(first),
           let next = literal.dropFirst().first, DanishNumber.isDigit(next) {
            negative = true
            literal = literal.dropFirst()
        }
        guard let value = DanishNumber(literal)?.decimal else { return nil }
        return negative && !value.isZero ? -value : value  // no "-0"
    }

    /// Hyphen-minus, minus sign and en dash, which typeset tables use as a minus.
    static let minusSigns: Set<Character> = ["-", "\u{2212}", "\u{2013}"]

    /// Scale words, lowercased, without their period.
    static let scales: [String: Int] = [
        "t": 1_000, "tusind": 1_000,
        "mio": 1_000_000, "mill": 1_000_000, "million": 1_000_000, "millioner": 1_000_000,
        "mia": 1_000_000_000, "mrd": 1_000_000_000, "milliard": 1_000_000_000, "milliarder": 1_000_000_000,
    ]

    /// Currency words, lowercased: the unit's factor ("tkr." is 1.000 kr.).
    static let currencies: [String: Int] = ["kr": 1, "krone": 1, "kroner": 1, "tkr": 1_000]

    /// Where the number starting at `start` ends: digits, and "." or "," each
    /// followed by a digit, and a closing ",-". Its validity is DanishNumber's concern.
    static func numberEnd(_ chars: [Character], from start: Int) -> Int {
        var j = start
        while j < chars.count {
            if DanishNumber.isDigit(chars[j]) {
                j += 1
            } else if chars[j] == "." || chars[j] == ",", j + 1 < chars.count, DanishNumber.isDigit(chars[j + 1]) {
                j += 1
            } else if chars[j] == ",", j + 1 < chars.count, chars[j + 1] == "-" {
                return j + 2
            } else {
                break
            }
        }
        return j
    }

    /// After a number: [stray "."] [scale word ["."]] currency word ["."].
    /// Returns the factor and the end of the amount, or nil when no currency follows.
    static func currencySuffix(_ chars: [Character], from start: Int) -> (factor: Int, end: Int)? {
        let stop = start < chars.count && chars[start] == "."
        let scaleStart = skipSpace(chars, from: stop ? start + 1 : start)
        let scaleWord = word(chars, from: scaleStart)
        var factor = 1
        var k = start
        // After a stray period ("2. mio. kr.") only in lowercase: a capital starts a sentence.
        if let scale = scales[scaleWord.lowercased()], !stop || scaleWord.first?.isLowercase == true {
            factor = scale
            k = scaleStart + scaleWord.count
            if k < chars.count, chars[k] == "." { k += 1 }
        } else if stop {
            return nil  // a full stop, or an ordinal ("26. jan. 2006")
        }
        k = skipSpace(chars, from: k)
        let currencyWord = word(chars, from: k)
        // "3 mio. tkr." means nothing.
        guard let unit = currencies[currencyWord.lowercased()], unit == 1 || factor == 1 else { return nil }
        k += currencyWord.count
        if currencyWord.lowercased().hasSuffix("kr"), k < chars.count, chars[k] == "." { k += 1 }  // "kr.", "tkr."
        return (factor * unit, k)
    }

    private static func skipSpace(_ chars: [Character], from start: Int) -> Int {
        var k = start
        while k < chars.count, chars[k].isWhitespace { k += 1 }
        return k
    }

    /// The run of letters starting at `start` (empty if none).
    private static func word(_ chars: [Character], from start: Int) -> String {
        var k = start
        while k < chars.count, chars[k].isLetter { k += 1 }
        return String(chars[start..<k])
    }
}
