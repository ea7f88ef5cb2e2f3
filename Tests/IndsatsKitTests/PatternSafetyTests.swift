import Foundation
import Testing
@testable import IndsatsKit

/// Grammar patterns are user input: the load-time rule refuses the shapes
/// that backtrack without end, and the run-time bounds (line length, step
/// budget) stop whatever slips through. See Grammars/README.md.
@Suite struct PatternSafetyTests {
    /// A grammar whose `block` pattern (line 4) is `block`.
    static func yaml(block: String) -> String {
        """
        description: Test grammar
        keywords: [Alpha]
        chapter: '^(?<number>[0-9])\\.\\s+(?<title>.+)$'
        block: '\(block)'
        fields:
          - key: name
            labels: ['Navn på indsats']
        """
    }

    @Test(arguments: [
        ("^(?<number>a+)+(?<title>x)$", "nested quantifier"),
        ("^(?<number>(a|aa)*)(?<title>x)$", "nested quantifier"),
        // A combining mark after `+` or `|` makes one Character of them: the rule reads scalars.
        ("^(?<number>(a+\u{301})+)(?<title>x)$", "nested quantifier"),
        ("^(?<number>(a|\u{301}b)+)(?<title>x)$", "nested quantifier"),
        ("^(?<number>a)(?=\u{301}b)(?<title>x)$", "lookaround (=…)"),
        ("^(?<number>x)(?<title>(?:\\s*y){2,})$", "nested quantifier"),
        ("^(?<number>x)(?<title>([a-z]+[0-9]?){3})$", "nested quantifier"),
        ("^(?<number>(a))\\1(?<title>x)$", "backreference (\\1)"),
        ("^(?<number>a)\\k<number>(?<title>x)$", "backreference (\\k<…>)"),
        ("^(?<number>a)(?=b)(?<title>x)$", "lookaround (=…)"),
        ("^(?<number>a)(?<!b)(?<title>x)$", "lookaround (<!…)"),
    ])
    func riskyPatternsAreRefusedWithFileAndLine(_ pattern: String, _ reason: String) {
        let error = #expect(throws: GrammarError.self) {
            _ = try GrammarLoader.load(yaml: Self.yaml(block: pattern), name: "t", path: "t.yaml")
        }
        #expect(error?.path == "t.yaml" && error?.line == 4, "\(String(describing: error))")
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
        #expect(error?.reason.contains("block: pattern '\(pattern)'") == true)
    }

    @Test(arguments: [
        "^(?<number>[0-9]{1,2}\\.[0-9]{1,2})\\s+(?<title>\\p{Lu}.*)$", // the shipped block pattern
        "^Side [0-9]+( af [0-9]+)?$", "(19|20)[0-9]{2}$", "^(ab){2,}$", "^(a+b){0,1}$", "^(?:a|b)?c+$",
        "[(+]+", "\\(+x\\)", "[]a]+", "[^]a]*", "[[a-z]&&[^q]]+", "\\Q(a+)+\\E", "\\0101", "^(?i)abc$", "a{2}b{1,}",
    ])
    func plainPatternsAreAllowed(_ pattern: String) {
        #expect(PatternSafety.problem(in: pattern) == nil, "\(pattern)")
    }

    @Test func theShippedGrammarPassesTheRule() {
        let grammar = Repo.grammar
        let patterns = [grammar.chapter, grammar.block] + grammar.furniture + [grammar.title?.start, grammar.title?.end].compactMap { $0 }
        for pattern in patterns { #expect(PatternSafety.problem(in: pattern.source) == nil, "\(pattern.source)") }
    }

    // MARK: Run-time bounds

    @Test func aLineLongerThanTheCapMatchesNoPattern() throws {
        let block = Repo.grammar.block
        let heading = "2.1 Status for Jobpatruljer "
        let fits = heading + String(repeating: "x", count: Grammar.Pattern.maxLineLength - heading.utf16.count)
        #expect(block.firstMatch(in: fits) != nil)
        #expect(block.firstMatch(in: fits + "x") == nil)
    }

    /// `(.*)(.*)(.*)x` passes the rule (no group is repeated) but takes
    /// O(n⁴) steps on a line without an x: the budget stops it, the same way every time.
    @Test func theStepBudgetStopsAPolynomialPattern() throws {
        let grammar = try GrammarLoader.load(yaml: Self.yaml(block: "(?<number>.*)(?<title>.*)(.*)x"), name: "slow", path: "slow.yaml")
        let line = String(repeating: "a", count: 300)
        let (match, overrun) = PatternBudget.collecting { grammar.block.firstMatch(in: line) }
        #expect(match == nil)
        #expect(overrun == .init(source: "(?<number>.*)(?<title>.*)(.*)x", line: 4, text: String(line.prefix(60))))
        // Outside an extraction it is still bounded, and nothing is recorded.
        #expect(grammar.block.firstMatch(in: line) == nil)
        // A line the pattern matches quickly is unaffected.
        #expect(grammar.block.firstMatch(in: "abcx") != nil)
    }

    @Test func anOverrunFailsTheExtractionWithAGrammarError() throws {
        let grammar = try GrammarLoader.load(yaml: Self.yaml(block: "(?<number>.*)(?<title>.*)(.*)x"), name: "slow", path: "slow.yaml")
        let text = "Alpha\n" + String(repeating: String(repeating: "a", count: 300) + "\n", count: 50)
        let input = InputDocument(path: "in.txt", data: Data(text.utf8), format: .text)
        let error = #expect(throws: ExtractionError.self) { _ = try Extractor(grammars: [grammar]).extract(input) }
        #expect(error?.code == .grammar && error?.path == "in.txt")
        #expect(error?.reason.hasPrefix("the pattern '(?<number>.*)(?<title>.*)(.*)x' at slow.yaml:4 exceeded its step budget") == true,
                "\(String(describing: error))")
    }

    /// Through the executable, with a watchdog: a catastrophic pattern that the
    /// rule would refuse is refused; one it lets through ends with exit 12, not a hang.
    @Test func theToolNeverHangsOnAPattern() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("indsats-pattern-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.txt")
        try Data(("Alpha\n" + String(repeating: String(repeating: "a", count: 900) + "\n", count: 200)).utf8).write(to: input)
        for (pattern, reason) in [("^(?<number>(a+)+)(?<title>x)$", "t.yaml: line 4: block: pattern"),
                                  ("(?<number>.*)(?<title>.*)(.*)x", "exceeded its step budget")] {
            let grammar = dir.appendingPathComponent("t.yaml")
            try Data(Self.yaml(block: pattern).utf8).write(to: grammar)
            let run = try Subprocess.indsats(["extract", input.path, "--grammar", grammar.path])
            #expect(run.exitedNormally, "\(pattern): crashed or hung")
            #expect(run.status == 12, "\(pattern): \(run.stderr)")
            #expect(run.stderr.contains(reason), "\(pattern): \(run.stderr)")
        }
    }
}
