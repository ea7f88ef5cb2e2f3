import Foundation

/// A number as Danish reports print it: "." groups thousands, "," starts the
/// decimals ("3.543.580", "6,9", "54,40"), and "150.000,-" is a whole number.
/// Held as integer digits and a count of decimals, so it is exact: no `Double`.
struct DanishNumber: Hashable, Sendable {
    /// The digits without separators: 69 for "6,9".
    var significand: Int
    /// How many of those digits are decimals: 1 for "6,9".
    var fractionDigits: Int

    init(significand: Int, fractionDigits: Int) {
        self.significand = significand; self.fractionDigits = fractionDigits
    }

    /// Reads a whole literal of ASCII digits and separators; nil for anything
    /// else. Groups after a "." must have three digits, so "2.5" and "1.00.000"
    /// are rejected rather than guessed at (English decimals, typos).
    init?<S: StringProtocol>(_ literal: S) {
        let parts = literal.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= 2, let integer = parts.first,
              let groups = Self.thousandGroups(integer) else { return nil }
        var digits = groups.joined()
        var decimals = 0
        if parts.count == 2 {
            let fraction = parts[1]
            if fraction != "-" {  // ",-": no øre
                guard !fraction.isEmpty, fraction.allSatisfy(Self.isDigit) else { return nil }
                digits += fraction
                decimals = fraction.count
            }
        }
        // 18 digits always fit in an Int; the reports use at most 12.
        guard digits.count <= 18, let value = Int(digits) else { return nil }
        self.init(significand: value, fractionDigits: decimals)
    }

    /// "3.543.580" → ["3", "543", "580"]; "3543580" → ["3543580"]; nil if malformed.
    private static func thousandGroups<S: StringProtocol>(_ integer: S) -> [S.SubSequence]? {
        let groups = integer.split(separator: ".", omittingEmptySubsequences: false)
        guard let first = groups.first, !first.isEmpty, first.allSatisfy(isDigit) else { return nil }
        if groups.count > 1 {
            guard first.count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy(isDigit) })
            else { return nil }
        }
        return groups
    }

    /// ASCII only: superscript footnote markers ("²") are digits to Swift, not to us.
    static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isWholeNumber }

    /// The exact value.
    var decimal: Decimal {
        Decimal(sign: .plus, exponent: -fractionDigits, significand: Decimal(significand))
    }

    /// Multiplied by a whole factor (a scale such as "mio."); nil on overflow.
    func multiplied(by factor: Int) -> DanishNumber? {
        let (product, overflow) = significand.multipliedReportingOverflow(by: factor)
        return overflow ? nil : DanishNumber(significand: product, fractionDigits: fractionDigits)
    }

    /// To the nearest whole number, a tie to the even neighbour ("0,5" → 0,
    /// "1,5" → 2, "2,5" → 2): no bias when many amounts are summed.
    var roundedHalfToEven: Int {
        var divisor = 1
        for _ in 0..<fractionDigits { divisor *= 10 }
        let (whole, remainder) = significand.quotientAndRemainder(dividingBy: divisor)
        let twice = 2 * remainder  // no overflow: remainder < divisor ≤ 10^18
        if twice > divisor || (twice == divisor && !whole.isMultiple(of: 2)) { return whole + 1 }
        return whole
    }
}
