import Foundation
import Testing
@testable import IndsatsKit

@Suite struct AmountParserTests {
    func pairs(_ text: String) -> [String] {
        AmountParser.amounts(in: text).map { "\($0.text)=\($0.dkk)" }
    }

    @Test func printedForms() {
        #expect(pairs("Samlet er der afsat 6,9 mio. kr. i 2009") == ["6,9 mio. kr.=6900000"])
        #expect(pairs("i alt 3.543.580 kr. til de 15 helhedsplaner") == ["3.543.580 kr.=3543580"])
        #expect(pairs("et budget på 150.000 kr. årligt.") == ["150.000 kr.=150000"])
        #expect(pairs("0,5 mio. kr.") == ["0,5 mio. kr.=500000"])
        #expect(pairs("medregnes de 2. mio. kr. under") == ["2. mio. kr.=2000000"])
        #expect(pairs("som kostede 3,6 millioner kr.") == ["3,6 millioner kr.=3600000"])
        #expect(pairs("1,2 mia. kr. og 1,2 mia.kr.") == ["1,2 mia. kr.=1200000000", "1,2 mia.kr.=1200000000"])
        #expect(pairs("6,9 mio.kr. eller 6,9 mio kr") == ["6,9 mio.kr.=6900000", "6,9 mio kr=6900000"])
        #expect(pairs("3 mio. kr. og 36,4 mio. kr.") == ["3 mio. kr.=3000000", "36,4 mio. kr.=36400000"])
        #expect(pairs("150.000,- kr. og 500 t.kr. og 750 tkr.") == ["150.000,- kr.=150000", "500 t.kr.=500000", "750 tkr.=750000"])
        #expect(pairs("150.000 kroner, 1 krone") == ["150.000 kroner=150000", "1 krone=1"])
        #expect(pairs("I ALT 6,9 MIO. KR.") == ["6,9 MIO. KR.=6900000"])
    }

    @Test func notAmounts() {
        #expect(pairs("godt 50 pct. statslig refusion, 54,40 pct. og 40 %") == [])
        #expect(pairs("i perioden 2006 til 2009, den 26. jan. 2006, 34 helhedsplaner") == [])
        #expect(pairs("- og ./.") == [])
        #expect(pairs("krisen i 2009 kræver 3 krav") == [])  // "kr" only as a whole word
        #expect(pairs("I ALT5 mio. kr.") == [])  // a footnote marker glued to a word
        #expect(pairs("2.5 mio. kr. og 1.00.000 kr.") == [])  // not Danish numbers: no guess
        #expect(pairs("6,9² mio. kr.") == [])  // a superscript is not a digit of the number
        #expect(pairs("3 mio. tkr.") == [])
    }

    /// A minus sign glued to the number, at the start or after a space, bracket or colon, is part of the amount.
    @Test func negativeAmounts() {
        #expect(pairs("et mindreforbrug på -0,3 mio. kr. i 2009") == ["-0,3 mio. kr.=-300000"])
        #expect(pairs("(\u{2212}1.000 kr.) og -2,5 kr.") == ["\u{2212}1.000 kr.=-1000", "-2,5 kr.=-2"])
        #expect(pairs("Resultat:-150.000,- kr.") == ["-150.000,- kr.=-150000"])
        #expect(pairs("-0 kr.") == ["-0 kr.=0"])
        #expect(AmountParser.matches(in: "-0,45 kr.").map(\.kroner) == [Decimal(string: "-0.45")!])
        // A dash with a space after it separates words: not a minus.
        #expect(pairs("Afsat – 3 mio. kr. i alt") == ["3 mio. kr.=3000000"])
        #expect(pairs("2008-2010: 5 mio. kr.") == ["5 mio. kr.=5000000"])
    }

    /// A range is not one amount: its end alone ("3 mio. kr.") would be a wrong
    /// value, so it is reported apart, as printed, for a warning.
    @Test func rangesAreReportedNotRead() {
        func reading(_ text: String) -> (amounts: [String], ranges: [String]) {
            let r = AmountParser.read(text)
            return (r.amounts.map { "\($0.text)=\($0.dkk)" }, r.ranges)
        }
        #expect(reading("koster 2-3 mio. kr. årligt") == ([], ["2-3 mio. kr."]))
        #expect(reading("1,5 \u{2013} 2,0 mio. kr. og 4 mio. kr.") == (["4 mio. kr.=4000000"], ["1,5 \u{2013} 2,0 mio. kr."]))
        #expect(reading("500.000-1 mio. kr.") == ([], ["500.000-1 mio. kr."]))
        #expect(reading("fra 2 til 3 mio. kr.") == ([], ["2 til 3 mio. kr."]))
        #expect(reading("mellem 2 og 3 mio. kr.") == ([], ["2 og 3 mio. kr."]))
        #expect(reading("Mellem 1,5 og 2 mio. kr.") == ([], ["1,5 og 2 mio. kr."]))
        #expect(reading("i 2009 og 3 mio. kr. i 2010") == (["3 mio. kr.=3000000"], []))  // no "mellem"
        #expect(reading("imellem 2 og 3 kr.") == ([], ["2 og 3 kr."]))
        #expect(reading("tallene 2 og 3 kr.") == (["3 kr.=3"], []))
        #expect(reading("2000-3000 kr.") == ([], ["2000-3000 kr."]))
        #expect(reading("ca.2-3 mio. kr.") == ([], ["2-3 mio. kr."]))  // from the first digit
        #expect(reading("5 mio. kr.2-3 mio. kr.") == (["5 mio. kr.=5000000"], ["2-3 mio. kr."]))
        #expect(reading("budget 2010 -3 mio. kr.") == ([], ["2010 -3 mio. kr."]))  // cannot tell: a range or a minus
        #expect(reading("ramme-3 mio. kr.") == ([], ["-3 mio. kr."]))  // a hyphen or a minus
        #expect(reading("puljen \u{2013}3 mio. kr.") == ([], ["\u{2013}3 mio. kr."]))  // an en dash: a bullet or a minus
        #expect(reading("til 3 mio. kr.") == (["3 mio. kr.=3000000"], []))  // "til" without a number before it
        #expect(AmountParser.amounts(in: "2-3 mio. kr.") == [])
    }

    /// A year before "til" or a spaced dash is where the sentence is, not a
    /// range's start: the amount after it is read.
    @Test func aYearBeforeTilOrADashIsNoRange() {
        #expect(pairs("stiger fra 2,0 mio. kr. i 2009 til 3,5 mio. kr.") == ["2,0 mio. kr.=2000000", "3,5 mio. kr.=3500000"])
        #expect(pairs("Budget 2010 \u{2013} 3 mio. kr.") == ["3 mio. kr.=3000000"])
        #expect(pairs("fordelt på 2009 - 3 mio. kr. til X") == ["3 mio. kr.=3000000"])
        #expect(pairs("i perioden 2006 til 2009 i alt 6,9 mio. kr. (2009-niveau)") == ["6,9 mio. kr.=6900000"])
        #expect(pairs("i 2009 til 5.000 kr. pr. deltager") == ["5.000 kr.=5000"])  // a separator: money in its own right
        #expect(AmountParser.read("fra 2000 til 3000 kr.").ranges == ["2000 til 3000 kr."])  // larger: a range
        #expect(AmountParser.read("2100 \u{2013} 3 kr.").ranges == ["2100 \u{2013} 3 kr."])  // no year
        #expect(AmountParser.read("2\u{A0}\u{2013}\u{A0}3 mio. kr.").ranges == ["2\u{A0}\u{2013}\u{A0}3 mio. kr."])  // any white space
    }

    /// In a table cell an en dash glued to a number is a minus, as typesetters use it.
    @Test func anEnDashInATableCellIsAMinus() {
        #expect(AmountParser.matches(in: "Mindreforbrug \u{2013}0,5 mio. kr.", inCell: true).map(\.dkk) == [-500_000])
        #expect(AmountParser.read("Mindreforbrug \u{2013}0,5 mio. kr.").ranges == ["\u{2013}0,5 mio. kr."])
        let row = ProjectsTableReader.row("Mindreforbrug 2009 \u{2013}0,5 mio. kr.")
        #expect(row?.label == "Mindreforbrug 2009" && row?.dkk == -500_000 && row?.text == "\u{2013}0,5 mio. kr.")
    }

    @Test func aRangeInTheEconomyFieldIsAWarning() throws {
        let document = try Repo.extractText("""
            Statusredegørelse for integrationsindsats 2009
            2.1 Status for Noget
            Navn på indsats Noget
            Økonomi Der er afsat
            2-3 mio. kr. og -0,5 mio. kr.
            """)
        let initiative = try #require(document.initiatives.first)
        #expect(initiative.amounts == [Amount(text: "-0,5 mio. kr.", dkk: -500_000)])
        let unread = initiative.warnings.filter { $0.code == .amountUnread }
        #expect(unread.map(\.message) == ["field 'economy' states '2-3 mio. kr.', which is not one amount "
            + "(a range, or a dash that may be a minus): left out of amounts"])
        #expect(unread.first?.line == 5)  // the line that holds it, not the field's first
        let others = initiative.warnings.filter { $0.code != .amountUnread }
        #expect(abs(Confidence.of(others) - 0.05 - initiative.confidence) < 1e-9)
        #expect(initiative.warnings.count == 1 + initiative.warnings.filter { $0.code == .missingField }.count)
    }

    /// A range broken over two lines: its warning points at the line it starts on.
    @Test func aRangeOverALineBreakIsWarnedAtTheLineItStartsOn() throws {
        let document = try Repo.extractText("""
            Statusredegørelse for integrationsindsats 2009
            2.1 Status for Noget
            Navn på indsats Noget
            Økonomi Der er afsat 0,5 mio. kr. i 2009 og
            2 til
            3 mio. kr. i 2010
            """)
        let initiative = try #require(document.initiatives.first)
        #expect(initiative.amounts == [Amount(text: "0,5 mio. kr.", dkk: 500_000)])
        let unread = initiative.warnings.filter { $0.code == .amountUnread }
        #expect(unread.map(\.message) == ["field 'economy' states '2 til 3 mio. kr.', which is not one amount "
            + "(a range, or a dash that may be a minus): left out of amounts"])
        #expect(unread.first?.line == 5)
    }

    @Test func theLineHoldingATextIsWhereItStarts() {
        let lines = ["Der er afsat", "2 til", "3 mio. kr. og 2 til 3", "mio. kr."]
        #expect(LineJoin.line(holding: "2 til 3 mio. kr.", in: lines) == 1)  // the first of two
        #expect(LineJoin.line(holding: "afsat", in: lines) == 0)
        #expect(LineJoin.line(holding: "og 2 til 3 mio. kr.", in: lines) == 2)
        #expect(LineJoin.line(holding: "4 mio. kr.", in: lines) == nil)
        // The first occurrence, though a later line holds it whole.
        #expect(LineJoin.line(holding: "2 til 3 mio. kr.", in: ["2 til", "3 mio. kr. og 2 til 3 mio. kr."]) == 0)
        #expect(LineJoin.line(holding: "3 mio", in: ["", "2 til", "", "3 mio. kr."]) == 3)  // lines without text are never it
    }

    /// Only the number right before the scale and currency: a year before it is not part of it.
    @Test func numbersBeforeAnAmountStayOut() {
        #expect(pairs("Samlet projektmedfinansiering 2009 6.105.606 kr.") == ["6.105.606 kr.=6105606"])
        #expect(pairs("fået tildelt i alt ca. 224 mio. kr. fra") == ["224 mio. kr.=224000000"])
        #expect(pairs("afsat i 2009. Mio. kr. er") == [])  // a full stop: a capital follows
    }

    /// Fractions of a krone: exact in `kroner`, `dkk` rounded half to even.
    @Test func fractionsOfAKrone() {
        let matches = AmountParser.matches(in: "0,45 kr., 0,5 kr., 1,5 kr., 2,5 kr., 2,51 kr., 1,0005 mio. kr.")
        #expect(matches.map(\.kroner) == ["0.45", "0.5", "1.5", "2.5", "2.51", "1000500"].map { Decimal(string: $0)! })
        #expect(matches.map(\.dkk) == [0, 0, 2, 2, 3, 1_000_500])
        #expect(AmountParser.matches(in: "0,0000005 mio. kr.").map(\.dkk) == [0])  // 0.5 kr.
        #expect(AmountParser.matches(in: "0,0000015 mio. kr.").map(\.dkk) == [2])  // 1.5 kr.
    }

    @Test func tooLargeForAnIntIsNoAmount() {
        #expect(pairs("9.999.999.999.999 mia. kr.") == [])
        #expect(pairs("10.000.000.000 kr.") == ["10.000.000.000 kr.=10000000000"])
    }

    @Test func tableCells() {
        #expect(AmountParser.number("8.725") == 8725)
        #expect(AmountParser.number(" 54,40 ") == Decimal(string: "54.40"))
        #expect(AmountParser.number("32,94") == Decimal(string: "32.94"))
        #expect(AmountParser.number("0") == 0)
        #expect(AmountParser.number("-3,2") == Decimal(string: "-3.2"))
        #expect(AmountParser.number("\u{2212}1.000") == -1000)
        #expect(AmountParser.number("-") == nil)
        #expect(AmountParser.number("./.") == nil)
        #expect(AmountParser.number("") == nil)
        #expect(AmountParser.number("54,40 pct.") == nil)
        // Cells that start with a word, a sign or white space before the number.
        #expect(AmountParser.number("Forbrug") == nil)
        #expect(AmountParser.number("+5") == nil)
        #expect(AmountParser.number("\t12 ") == 12)
        #expect(AmountParser.number("\u{A0}7") == 7)
        #expect(AmountParser.number("\u{2013}4") == -4)
        #expect(AmountParser.number("2.5") == nil)
        #expect(AmountParser.number("1,2,3") == nil)
        #expect(AmountParser.number("12,") == nil)
        #expect(AmountParser.number(",5") == nil)
    }

    /// Every amount of every economy field of the seed, read by hand from
    /// Corpus/statusredegoerelse-2009-bif.txt, to the krone, in both renditions.
    @Test(arguments: ["Corpus/statusredegoerelse-2009-bif.txt", "Corpus/statusredegoerelse-2009-bif.pdf"])
    func seedEconomyFields(_ report: String) throws {
        let expected: [String: [String]] = [
            "2.1": ["6,9 mio. kr.=6900000"],
            "2.2": ["2,0 mio. kr.=2000000"],
            "2.4": ["53,8 mio. kr.=53800000", "4,2 mio. kr.=4200000", "26,9 mio. kr.=26900000"],
            "2.5": ["3.543.580 kr.=3543580", "224 mio. kr.=224000000"],
            "2.6": ["0,5 mio. kr.=500000"],
            "2.7": ["3 mio. kr.=3000000"],
            "2.8": ["2,0 mio. kr.=2000000"],
            "2.9": ["36,4 mio. kr.=36400000"],
            "2.10": ["1 mio. kr.=1000000", "0,5 mio. kr.=500000"],
            "2.11": ["4,5 mio. kr.=4500000", "4,5 mio. kr.=4500000", "1 mio. kr.=1000000"],
            "2.12": ["3 mio. kr.=3000000"],
            "2.13": ["2,0 mio. kr.=2000000", "2. mio. kr.=2000000"],
            "2.14": ["150.000 kr.=150000", "3,6 millioner kr.=3600000"],
            "3.1": ["10,0 mio. kr.=10000000"],
            "3.2": ["49 mio. kr.=49000000", "24,5 mio. kr.=24500000"],
            "3.3": ["129,6 mio. kr.=129600000", "119,2 mio. kr.=119200000", "10,4 mio. kr.=10400000",
                    "64,8 mio. kr.=64800000"],
        ]
        let document = try Repo.extract(report)
        #expect(Set(document.initiatives.compactMap(\.number)) == Set(expected.keys))
        for initiative in document.initiatives {
            let got = initiative.amounts.map { "\($0.text)=\($0.dkk)" }
            #expect(got == expected[initiative.number ?? ""], "\(initiative.number ?? initiative.id)")
        }
    }

    @Test func noEconomyFieldNoAmounts() throws {
        let document = try Repo.extractText("""
            Statusredegørelse for integrationsindsats 2009
            2.1 Status for Noget
            Navn på indsats Noget der koster 3 mio. kr.
            Målgruppe Alle
            """)
        #expect(document.initiatives.count == 1)
        #expect(document.initiatives.first?.fields["economy"] == nil)
        #expect(document.initiatives.first?.amounts == [])
    }
}

/// The parser reads back exactly what a Danish formatter writes, for random
/// values across the reports' range: 0 to 10 billion kr., 0–2 decimals.
@Suite struct AmountRoundTripTests {
    /// Writes `significand` × 10^-`decimals` the Danish way: "3.543.580", "6,9", "54,40".
    static func danish(_ significand: Int, decimals: Int, grouped: Bool) -> String {
        let digits = String(significand)
        let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
        let integer = String(padded.dropLast(decimals))
        var groups: [Substring] = []
        var rest = Substring(integer)
        while grouped, rest.count > 3 {
            groups.insert(rest.suffix(3), at: 0)
            rest = rest.dropLast(3)
        }
        groups.insert(rest, at: 0)
        let fraction = decimals > 0 ? "," + padded.suffix(decimals) : ""
        return groups.joined(separator: ".") + fraction
    }

    static let scales: [(word: String, factor: Int)] = [("", 1), ("mio.", 1_000_000), ("millioner", 1_000_000), ("mia.", 1_000_000_000)]
    static let currencies = ["kr.", "kr", "kroner"]

    @Test func formatterWritesDanish() {
        #expect(Self.danish(3_543_580, decimals: 0, grouped: true) == "3.543.580")
        #expect(Self.danish(69, decimals: 1, grouped: true) == "6,9")
        #expect(Self.danish(5, decimals: 2, grouped: true) == "0,05")
        #expect(Self.danish(123_456_700, decimals: 2, grouped: false) == "1234567,00")
    }

    @Test func amountsReadBackExactly() {
        var random = SplitMix64(seed: 20_090_401)
        for n in 0..<4_000 {
            let scale = Self.scales.randomElement(using: &random)!
            let decimals = Int.random(in: 0...2, using: &random)
            let limit = 10_000_000_000 / scale.factor  // 10 billion kr. at most
            var power = 1
            for _ in 0..<decimals { power *= 10 }
            // Small values often, as the reports have many.
            let top = Bool.random(using: &random) ? limit * power : min(limit * power, 1_000 * power)
            let significand = Int.random(in: 0...top, using: &random)
            let number = Self.danish(significand, decimals: decimals, grouped: Bool.random(using: &random))
            let space = scale.word.hasSuffix(".") && Bool.random(using: &random) ? "" : " "  // "mio.kr."
            let written = scale.word.isEmpty
                ? "\(number) \(Self.currencies.randomElement(using: &random)!)"
                : "\(number) \(scale.word)\(space)\(Self.currencies.randomElement(using: &random)!)"
            let text = "I 2009 er 54,40 pct. af \(written) brugt (jf. 26. jan. 2006)."

            let expected = Decimal(sign: .plus, exponent: -decimals, significand: Decimal(significand)) * Decimal(scale.factor)
            var whole = Decimal(), exact = expected
            NSDecimalRound(&whole, &exact, 0, .bankers)

            let matches = AmountParser.matches(in: text)
            #expect(matches.map(\.text) == [written], "case \(n): \(text)")
            #expect(matches.first?.kroner == expected, "case \(n): \(written)")
            #expect(matches.first.map { Decimal($0.dkk) } == whole, "case \(n): \(written)")
            if matches.map(\.text) != [written] { return }  // one failure tells enough
        }
    }

    @Test func tableNumbersReadBackExactly() {
        var random = SplitMix64(seed: 1_000)
        for n in 0..<3_000 {
            let decimals = Int.random(in: 0...2, using: &random)
            let significand = Int.random(in: 0...10_000_000_000, using: &random)
            let negative = Bool.random(using: &random)
            let cell = (negative ? "-" : "") + Self.danish(significand, decimals: decimals, grouped: Bool.random(using: &random))
            let value = Decimal(sign: negative && significand != 0 ? .minus : .plus, exponent: -decimals,
                                significand: Decimal(significand))
            #expect(AmountParser.number(cell) == value, "case \(n): \(cell)")
        }
    }
}
