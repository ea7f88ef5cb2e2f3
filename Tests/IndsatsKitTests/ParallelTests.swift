import Foundation
import Testing
@testable import IndsatsKit

/// The page-by-page stages on several threads give what they give on one:
/// the same results in the same order, the same first pattern overrun, the
/// same documents.
@Suite struct ParallelTests {
    @Test func resultsComeBackInOrderWhateverTheThreads() {
        let items = (0..<37).map { "item \($0)" }
        for threads in [0, 1, 2, 3, 5, 37, 64] {
            #expect(Parallel.map(items, threads: threads) { $0.uppercased() } == items.map { $0.uppercased() }, "\(threads) threads")
        }
        #expect(Parallel.map([String](), threads: 4) { $0 }.isEmpty)
    }

    /// Three lines the pattern matches at once, then five it gives up on: on
    /// four threads the second run meets the first overrun, and runs after it
    /// meet others (maybe sooner); the one reported is still the serial run's.
    @Test func theFirstOverrunIsTheOneASerialRunMeetsFirst() throws {
        let yaml = PatternSafetyTests.yaml(block: "(?<number>.*)(?<title>.*)(.*)x")
        let grammar = try GrammarLoader.load(yaml: yaml, name: "slow", path: "slow.yaml")
        let pattern = grammar.block
        let lines = (0..<3).map { "\($0) abcx" } + (3..<8).map { "\($0)" + String(repeating: "a", count: 300) }
        for threads in [1, 2, 4, 8] {
            let (matched, overrun) = PatternBudget.collecting {
                Parallel.map(lines, threads: threads) { pattern.firstMatch(in: $0) != nil }
            }
            #expect(matched == [true, true, true, false, false, false, false, false], "\(threads) threads")
            #expect(overrun?.text == String(lines[3].prefix(60)), "\(threads) threads")
        }
    }

    @Test(arguments: ["statusredegoerelse-2009-bif.pdf", "statusredegoerelse-2009-bif.libreoffice.pdf",
                      "statusredegoerelse-2009-bif.hostile.pdf", "fixtures/table.pdf", "fixtures/pages.pdf"])
    func aDocumentLaidOutOnSeveralThreadsIsTheSame(_ name: String) throws {
        let input = try InputDocument.load(path: Repo.path("Corpus/\(name)").path)
        var extractor = Extractor(grammars: [Repo.grammar])
        let one = try JSONOutput.encode(try extractor.extract(input))
        for threads in [2, 3, 7] {
            extractor.threads = threads
            #expect(try JSONOutput.encode(try extractor.extract(input)) == one, "\(threads) threads")
        }
    }

    /// Runs of a line or two, so that many begin inside a label's lines (a
    /// label wrapped over lines, a row split by a page break) and are joined
    /// where the single reading meets them; and runs of the real size.
    @Test(arguments: ["statusredegoerelse-2009-bif.pdf", "statusredegoerelse-2009-bif.txt", "fixtures/table.pdf"])
    func tokensReadInRunsSideBySideAreTheSingleReading(_ name: String) throws {
        let input = try InputDocument.load(path: Repo.path("Corpus/\(name)").path)
        let lines: [SourceLine]
        if input.format == .pdf {
            let pdf = try Extractor(grammars: []).pdfLines(input)
            lines = PDFLayout.sourceText(pdf.pages.map(\.lines), heights: pdf.pages.map(\.height), pageCount: pdf.pageCount,
                                         grammar: Repo.grammar).lines
        } else {
            lines = try TextSource.read(data: input.data, path: input.path).lines
        }
        let tokenizer = Tokenizer(grammar: Repo.grammar)
        let columnar = input.format == .pdf
        let one = tokenizer.tokens(lines, columnar: columnar)
        #expect(one.contains { if case .label = $0 { true } else { false } })
        for (threads, perRun) in [(2, 1), (7, 1), (lines.count, 1), (3, 2), (2, Tokenizer.linesPerRun), (4, Tokenizer.linesPerRun)] {
            #expect(tokenizer.tokens(lines, columnar: columnar, threads: threads, linesPerRun: perRun) == one,
                    "\(threads) threads, runs of at least \(perRun) lines")
        }
    }

    /// A run that began inside a label ("Navn på" / "indsats …") and met a
    /// pattern overrun after it is read again, not joined where the reading
    /// meets it: joined, its overrun would be lost and the document pass.
    @Test func anOverrunInARunThatBeganInsideALabelIsKept() throws {
        let grammar = try GrammarLoader.load(yaml: PatternSafetyTests.yaml(block: "(?<number>.*)(?<title>.*)(.*)x"),
                                             name: "slow", path: "slow.yaml")
        let text = "Alpha\nNavn på\nindsats Sprogcafé\n" + String(repeating: "a", count: 300) + "\n"
        let lines = try TextSource.read(data: Data(text.utf8), path: "in.txt").lines
        let tokenizer = Tokenizer(grammar: grammar)
        let (one, serial) = PatternBudget.collecting { tokenizer.tokens(lines, columnar: false) }
        #expect(serial?.text == String(repeating: "a", count: 60))
        let (two, parallel) = PatternBudget.collecting { tokenizer.tokens(lines, columnar: false, threads: 2, linesPerRun: 2) }
        #expect(two == one)
        #expect(parallel == serial)
    }

    /// Through the whole extraction: a pattern that overruns on many lines of
    /// a long text fails it with the same message on one thread or four.
    @Test func anExtractionFailsWithTheSameOverrunOnAnyNumberOfThreads() throws {
        let grammar = try GrammarLoader.load(yaml: PatternSafetyTests.yaml(block: "(?<number>.*)(?<title>.*)(.*)x"),
                                             name: "slow", path: "slow.yaml")
        let lines = (0..<700).map { "\($0) " + String(repeating: "a", count: 300) }
        let input = InputDocument(path: "in.txt", data: Data(("Alpha\n" + lines.joined(separator: "\n")).utf8), format: .text)
        var extractor = Extractor(grammars: [grammar])
        let one = #expect(throws: ExtractionError.self) { _ = try extractor.extract(input) }
        #expect(one?.reason.contains("on the line '0 aaaa") == true, "\(String(describing: one))")
        extractor.threads = 4
        let four = #expect(throws: ExtractionError.self) { _ = try extractor.extract(input) }
        #expect(four?.reason == one?.reason)
    }

    /// A pattern given up on before the runs start is given up on in every
    /// run, as on the caller's thread.
    @Test func runsGiveUpOnWhatTheCallerGaveUpOn() throws {
        let grammar = try GrammarLoader.load(yaml: PatternSafetyTests.yaml(block: "(?<number>.*)(?<title>.*)(.*)x"),
                                             name: "slow", path: "slow.yaml")
        let pattern = grammar.block
        let (matched, overrun) = PatternBudget.collecting {
            _ = pattern.firstMatch(in: String(repeating: "a", count: 300))
            return Parallel.map(["abcx", "abcx", "abcx"], threads: 3) { pattern.firstMatch(in: $0) != nil }
        }
        #expect(overrun != nil)
        #expect(matched == [false, false, false])
    }

    /// Outside an extraction nothing is given up on, on any thread.
    @Test func outsideAnExtractionNoRunGivesUpOnAPattern() throws {
        let grammar = try GrammarLoader.load(yaml: PatternSafetyTests.yaml(block: "(?<number>.*)(?<title>.*)(.*)x"),
                                             name: "slow", path: "slow.yaml")
        let pattern = grammar.block
        let lines = [String(repeating: "a", count: 300), "abcx", String(repeating: "a", count: 300), "abcx"]
        #expect(Parallel.map(lines, threads: 2) { pattern.firstMatch(in: $0) != nil } == [false, true, false, true])
        #expect(Parallel.map(lines, threads: 1) { pattern.firstMatch(in: $0) != nil } == [false, true, false, true])
    }

    /// Type sizes counted page by page and merged in any order give one body
    /// size, also when a garbled font makes sizes NaN (each NaN a key of its
    /// own, whose order in a dictionary differs from run to run).
    @Test func theBodySizeDoesNotDependOnTheOrderOfTheCounts() {
        var nan: [Double: Int] = [:]
        nan[.nan, default: 0] += 7
        nan[.nan, default: 0] += 7
        #expect(nan.count == 2)
        let pages: [[Double: Int]] = [[10: 5, 11: 7], nan, [10: 2, .infinity: 7], [.nan: 7, 9: 1]]
        let orders = [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]]
        let sizes = orders.map { order in PDFLayout.bodyFontSize(order.map { pages[$0] }) }
        // Sizes counted 7 times each: 10 (over two pages), 11, ∞ and three NaNs; the smallest in IEEE 754's total order.
        #expect(sizes.allSatisfy { $0 == 10 }, "\(sizes)")
        #expect(PDFLayout.bodyFontSize([nan]).isNaN)
        #expect([2.5: 3, 1.5: 3, 4: 1].mostCommonKey == 1.5)
        // In every order (a dictionary's cannot be chosen, an array's can).
        let entries: [(key: Double, value: Int)] = [(.nan, 7), (10, 7), (11, 7), (.infinity, 7), (.nan, 7), (9, 1)]
        for order in Self.permutations(Array(entries.indices)) {
            #expect(order.map { entries[$0] }.max(by: [Double: Int].countedLess)?.key == 10, "\(order)")
        }
    }

    static func permutations(_ items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { i in
            permutations(Array(items[..<i] + items[(i + 1)...])).map { [items[i]] + $0 }
        }
    }

    @Test func partsDecodedSideBySideAreTheWholeDecoded() throws {
        let input = try InputDocument.load(path: Repo.path("Corpus/statusredegoerelse-2009-bif.pdf").path)
        let extractor = Extractor(grammars: [])
        let parts = [1...5, 6...6, 7...20].map { PageLinesCodec.encode(try! extractor.pdfLines(input, pages: $0).pages) }
        let bytes = [UInt8](parts.reduce(Data(), +))
        let whole = try PageLinesCodec.decode(bytes)
        #expect(whole.map(\.number) == Array(1...20))
        for threads in [1, 2, 3] {
            #expect(try PageLinesCodec.decode(bytes, partSizes: parts.map(\.count), threads: threads) == whole)
        }
        // Sizes that do not add up, or cut a page, are an error.
        #expect(throws: PageLinesCodec.DecodingError.self) { try PageLinesCodec.decode(bytes, partSizes: [parts[0].count], threads: 2) }
        #expect(throws: PageLinesCodec.DecodingError.self) {
            try PageLinesCodec.decode(bytes, partSizes: [parts[0].count - 8, parts[1].count + 8, parts[2].count], threads: 2)
        }
    }
}
