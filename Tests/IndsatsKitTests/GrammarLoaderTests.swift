import Foundation
import Testing
@testable import IndsatsKit

/// The checkout's root: the nearest directory above this file with Package.swift.
private let repoRoot: URL = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        precondition(url.path != "/", "no Package.swift above \(#filePath)")
        url.deleteLastPathComponent()
    }
    return url
}()

/// A small valid grammar, one section per line range, for the error cases to
/// break one thing at a time. Line numbers below refer to this text.
private let validYAML = """
    description: Test grammar
    keywords: [Alpha, Beta]
    title:
      start: '^Report'
      end: '[0-9]{4}$'
      maxLines: 3
    chapter: '^(?<number>[0-9])\\.\\s+(?<title>.+)$'
    block: '^(?<number>[0-9]\\.[0-9])\\s+(?<title>.+)$'
    furniture:
      - '^Page [0-9]+$'
    fields:
      - key: name
        labels: ['Name of initiative']
        required: true
      - key: goal
        labels: ['Goal', 'Goals']
    """

/// `validYAML` with line `number` (1-based) replaced by `replacement`, which may span lines.
private func replacingLine(_ number: Int, with replacement: String) -> String {
    var lines = validYAML.components(separatedBy: "\n")
    lines[number - 1] = replacement
    return lines.joined(separator: "\n")
}

private func load(_ yaml: String) throws(GrammarError) -> Grammar {
    try GrammarLoader.load(yaml: yaml, name: "test", path: "test.yaml")
}

private func firstMatch(_ pattern: Grammar.Pattern, _ line: String) -> NSTextCheckingResult? {
    pattern.regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line))
}

private func group(_ name: String, of match: NSTextCheckingResult, in line: String) -> String? {
    Range(match.range(withName: name), in: line).map { String(line[$0]) }
}

@Suite struct ShippedGrammarTests {
    let grammar: Grammar

    init() throws {
        grammar = try GrammarLoader.load(
            contentsOf: repoRoot.appendingPathComponent("Grammars/kk-integration-status.yaml"))
    }

    @Test func loadsItsNineFieldsInOrder() {
        #expect(grammar.name == "kk-integration-status")
        #expect(grammar.fields.map(\.key) == [
            "name", "economy", "basis", "targetGroup", "activities",
            "goal", "contribution", "followUp", "status",
        ])
        #expect(grammar.fields.filter(\.required).map(\.key) == [
            "name", "economy", "targetGroup", "activities", "goal", "status",
        ])
        #expect(grammar.fields.last?.labels == ["Status ift. målopfyldelse", "Status på indsatsen"])
        #expect(grammar.keywords == ["Statusredegørelse", "Navn på indsats"])
        #expect(grammar.title?.maxLines == 3)
        #expect(grammar.path?.hasSuffix("Grammars/kk-integration-status.yaml") == true)
    }

    @Test func blockPatternMatchesAHeadingAndNotAValueLine() throws {
        let heading = "2.1 Status for Jobpatruljer"
        let match = try #require(firstMatch(grammar.block, heading))
        #expect(group("number", of: match, in: heading) == "2.1")
        #expect(group("title", of: match, in: heading) == "Status for Jobpatruljer")
        #expect(firstMatch(grammar.block, "2.091 kontanthjælpsmodtagere fra 5") == nil)
    }

    @Test func chapterTitleAndFurniturePatterns() throws {
        let chapter = "2. BIF’s enkelte indsatser i 2009, som bidrager til integrationspolitiske mål"
        let match = try #require(firstMatch(grammar.chapter, chapter))
        #expect(group("number", of: match, in: chapter) == "2")
        #expect(firstMatch(grammar.chapter, "2.1 Status for Jobpatruljer") == nil)
        let title = try #require(grammar.title)
        #expect(firstMatch(title.start, "Statusredegørelse for Beskæftigelses- og") != nil)
        #expect(firstMatch(title.end, "Integrationsforvaltningens integrationsindsats 2009") != nil)
        #expect(firstMatch(grammar.furniture[0], "Side 3 af 12") != nil)
        #expect(firstMatch(grammar.furniture[0], "Side 3 af tolv") == nil)
    }
}

@Suite struct GrammarLoaderTests {
    @Test func validGrammarLoadsWithDefaultsAndLines() throws {
        let grammar = try load(validYAML)
        #expect(grammar.name == "test")
        #expect(grammar.path == "test.yaml")
        #expect(grammar.description == "Test grammar")
        #expect(grammar.fields.map(\.required) == [true, false])  // `required` defaults to false
        #expect(grammar.block.line == 8)
        #expect(grammar.furniture.map(\.line) == [10])
    }

    @Test func titleAndFurnitureAreOptional() throws {
        let yaml = validYAML.components(separatedBy: "\n")
            .enumerated().filter { !(3...6).contains($0.offset + 1) && !(9...10).contains($0.offset + 1) }
            .map(\.element).joined(separator: "\n")
        let grammar = try load(yaml)
        #expect(grammar.title == nil)
        #expect(grammar.furniture.isEmpty)
    }

    @Test func labelsAndKeywordsAreNormalised() throws {
        let yaml = replacingLine(13, with: "    labels: [\"  Name\\u00A0 of\\n initiative \", \"A\\u030Arsag\"]")
            .replacingOccurrences(of: "keywords: [Alpha, Beta]", with: "keywords: ['Alpha  Beta']")
        let grammar = try load(yaml)
        #expect(grammar.fields[0].labels == ["Name of initiative", "\u{00C5}rsag"])
        #expect(grammar.fields[0].labels[1].unicodeScalars.count == 5)  // NFC: one scalar for Å
        #expect(grammar.keywords == ["Alpha Beta"])
    }

    /// Patterns are matched against NFC lines, so they are NFC too: a
    /// decomposed "Å" (A + ring, as some editors save it) still matches.
    @Test func patternsAreNFC() throws {
        let grammar = try load(replacingLine(8, with: "block: '^(?<number>[0-9]\\.[0-9])\\s+(?<title>A\u{30A}rsag.*)$'"))
        // By scalars: String's == would call the decomposed form equal too.
        #expect(Array(grammar.block.source.unicodeScalars) == Array("^(?<number>[0-9]\\.[0-9])\\s+(?<title>\u{C5}rsag.*)$".unicodeScalars))
        let line = "1.1 \u{C5}rsager"
        let match = try #require(firstMatch(grammar.block, line))
        #expect(group("title", of: match, in: line) == "\u{C5}rsager")
    }

    @Test func errorDescriptionIsFileLineReason() {
        #expect(GrammarError(path: "g.yaml", line: 7, reason: "bad").description == "g.yaml:7: bad")
        #expect(GrammarError(path: "g.yaml", line: nil, reason: "bad").description == "g.yaml: bad")
    }

    /// One broken grammar, the line the error must name and a part of its reason.
    struct Broken: CustomTestStringConvertible, Sendable {
        var label: String
        var yaml: String
        var line: Int
        var reason: String
        var testDescription: String { label }
    }

    static let brokenGrammars: [Broken] = [
        Broken(label: "YAML syntax", yaml: replacingLine(5, with: "  end: a: b"),
               line: 5, reason: "YAML syntax error: mapping values are not allowed in this context"),
        Broken(label: "bad indentation", yaml: replacingLine(13, with: "      labels: ['Name of initiative']"),
               line: 13, reason: "YAML syntax error"),
        Broken(label: "unclosed quote", yaml: replacingLine(10, with: "  - '^Page"),
               line: 13, reason: "while parsing a block collection (line 10)"),
        Broken(label: "unknown top-level key", yaml: replacingLine(2, with: "keywords: [Alpha]\nkeyword: [Beta]"),
               line: 3, reason: "unknown key 'keyword' in the grammar (allowed: description, keywords, title, "
                   + "chapter, block, furniture, notes, lineEndHyphens, fields, tables)"),
        Broken(label: "unknown title key", yaml: replacingLine(6, with: "  maxlines: 3"),
               line: 6, reason: "unknown key 'maxlines' in title (allowed: start, end, maxLines)"),
        Broken(label: "unknown field key name", yaml: replacingLine(14, with: "    requried: true"),
               line: 14, reason: "unknown key 'requried' in a field (allowed: key, labels, required)"),
        Broken(label: "duplicate top-level key", yaml: validYAML + "\ndescription: Again",
               line: 17, reason: "duplicate key 'description' (first at line 1)"),
        Broken(label: "duplicate key in a field", yaml: replacingLine(14, with: "    required: true\n    labels: [X]"),
               line: 15, reason: "duplicate key 'labels' (first at line 13)"),
        Broken(label: "missing top-level key", yaml: replacingLine(8, with: "# no block"),
               line: 1, reason: "the grammar lacks the required key 'block'"),
        Broken(label: "missing title key", yaml: replacingLine(4, with: "  # no start"),
               line: 5, reason: "title lacks the required key 'start'"),
        Broken(label: "missing labels", yaml: replacingLine(13, with: ""),
               line: 12, reason: "a field lacks the required key 'labels'"),
        Broken(label: "keywords not a list", yaml: replacingLine(2, with: "keywords: Alpha"),
               line: 2, reason: "keywords must be a list, not 'Alpha'"),
        Broken(label: "fields not a list", yaml: validYAML.components(separatedBy: "\n")[..<10].joined(separator: "\n") + "\nfields: {key: name}",
               line: 11, reason: "fields must be a list, not a mapping"),
        Broken(label: "description a list", yaml: replacingLine(1, with: "description: [a, b]"),
               line: 1, reason: "description must be a string, not a list"),
        Broken(label: "required not a boolean", yaml: replacingLine(14, with: "    required: ja"),
               line: 14, reason: "required must be true or false, not 'ja'"),
        Broken(label: "maxLines not a number", yaml: replacingLine(6, with: "  maxLines: three"),
               line: 6, reason: "title.maxLines must be a whole number from 1 to 10, not 'three'"),
        Broken(label: "maxLines 0", yaml: replacingLine(6, with: "  maxLines: 0"),
               line: 6, reason: "title.maxLines must be a whole number from 1 to 10, not '0'"),
        Broken(label: "maxLines 11", yaml: replacingLine(6, with: "  maxLines: 11"),
               line: 6, reason: "title.maxLines must be a whole number from 1 to 10, not '11'"),
        Broken(label: "empty label list", yaml: replacingLine(16, with: "    labels: []"),
               line: 16, reason: "labels of 'goal' must not be empty"),
        Broken(label: "empty keyword list", yaml: replacingLine(2, with: "keywords: []"),
               line: 2, reason: "keywords must not be empty"),
        Broken(label: "empty label", yaml: replacingLine(16, with: "    labels: ['Goal', '']"),
               line: 16, reason: "a label must not be an empty string"),
        Broken(label: "white-space label", yaml: replacingLine(16, with: "    labels:\n      - Goal\n      - \" \\t\""),
               line: 18, reason: "a label must not be an empty string"),
        Broken(label: "empty description", yaml: replacingLine(1, with: "description:"),
               line: 1, reason: "description must not be an empty string"),
        Broken(label: "label under two fields", yaml: replacingLine(16, with: "    labels:\n      - Goal\n      - Name  of initiative"),
               line: 18, reason: "label 'Name of initiative' is listed under both 'name' (line 13) and 'goal'"),
        Broken(label: "label twice in a field", yaml: replacingLine(16, with: "    labels: [Goal, Goals, Goal]"),
               line: 16, reason: "label 'Goal' is listed twice in field 'goal'"),
        Broken(label: "keyword twice", yaml: replacingLine(2, with: "keywords: [Alpha, Alpha]"),
               line: 2, reason: "keyword 'Alpha' is listed twice"),
        Broken(label: "duplicate field key", yaml: replacingLine(15, with: "  - key: name"),
               line: 15, reason: "duplicate field key 'name' (first at line 12)"),
        Broken(label: "unknown field key", yaml: replacingLine(15, with: "  - key: x"),
               line: 15, reason: "unknown field key 'x' (known: name, economy, basis, targetGroup, activities, "
                   + "goal, contribution, followUp, status)"),
        Broken(label: "pattern does not compile", yaml: replacingLine(4, with: "  start: '^(Report'"),
               line: 4, reason: "title.start: pattern '^(Report' does not compile"),
        Broken(label: "furniture pattern does not compile", yaml: replacingLine(10, with: "  - '[0-9'"),
               line: 10, reason: "furniture: pattern '[0-9' does not compile"),
        Broken(label: "block without title group", yaml: replacingLine(8, with: "block: '^(?<number>[0-9]\\.[0-9])\\s+(.+)$'"),
               line: 8, reason: "block: pattern '^(?<number>[0-9]\\.[0-9])\\s+(.+)$' lacks the named group (?<title>…)"),
        Broken(label: "chapter without groups", yaml: replacingLine(7, with: "chapter: '^[0-9]\\. .+$'"),
               line: 7, reason: "lacks the named groups (?<number>…) and (?<title>…)"),
        Broken(label: "unknown table kind", yaml: validYAML + "\ntables:\n  budgets: {}",
               line: 18, reason: "unknown key 'budgets' in tables (allowed: budget, indicators, goals, projects)"),
        Broken(label: "budget caption without unit", yaml: validYAML + "\ntables:\n  budget:\n    caption: '^Budget$'\n"
                   + "    column: '[0-9]{4}'\n    rowNumber: '^(?<number>[0-9]\\.[0-9])'\n    total: '^I alt$'",
               line: 19, reason: "tables.budget.caption: pattern '^Budget$' lacks the named group (?<unit>…)"),
        Broken(label: "budget without rowNumber", yaml: validYAML + "\ntables:\n  budget:\n    caption: '^Budget i (?<unit>kr\\.)$'\n"
                   + "    column: '[0-9]{4}'\n    total: '^I alt$'",
               line: 19, reason: "tables.budget lacks the required key 'rowNumber'"),
        Broken(label: "table of one column", yaml: validYAML + "\ntables:\n  goals:\n    caption: '^Goals'\n    columns: ['^Goal']",
               line: 20, reason: "tables.goals.columns must name exactly two columns (goal, status)"),
        Broken(label: "indicators of three columns", yaml: validYAML + "\ntables:\n  indicators:\n    caption: '^Ind'\n    columns: ['^Nr', '^A', '^B']",
               line: 20, reason: "tables.indicators.columns needs at least four columns"),
        Broken(label: "table column does not compile", yaml: validYAML + "\ntables:\n  goals:\n    caption: '^Goals'\n    columns: ['^Goal', '(']",
               line: 20, reason: "a column of tables.goals: pattern '(' does not compile"),
        Broken(label: "projects without rows", yaml: validYAML + "\ntables:\n  projects:\n    rows: []",
               line: 19, reason: "tables.projects.rows must not be empty"),
        Broken(label: "lineEndHyphens.join not a boolean", yaml: validYAML + "\nlineEndHyphens:\n  join: yes please",
               line: 18, reason: "lineEndHyphens.join must be true or false, not 'yes please'"),
        Broken(label: "lineEndHyphens joining without notBefore", yaml: validYAML + "\nlineEndHyphens:\n  join: true",
               line: 18, reason: "lineEndHyphens lacks the key 'notBefore'"),
        Broken(label: "lineEndHyphens.notBefore not one word", yaml: validYAML + "\nlineEndHyphens:\n  join: true\n  notBefore:\n    - og\n    - og så",
               line: 21, reason: "lineEndHyphens.notBefore: 'og så' is not one word of letters"),
        Broken(label: "lineEndHyphens.notBefore word twice", yaml: validYAML + "\nlineEndHyphens: {join: true, notBefore: [og, eller, og]}",
               line: 17, reason: "lineEndHyphens.notBefore: 'og' is listed twice"),
        Broken(label: "lineEndHyphens.notBefore empty", yaml: validYAML + "\nlineEndHyphens:\n  join: true\n  notBefore: []",
               line: 19, reason: "lineEndHyphens.notBefore must not be empty"),
        Broken(label: "unknown lineEndHyphens key", yaml: validYAML + "\nlineEndHyphens:\n  join: false\n  notbefore: [og]",
               line: 19, reason: "unknown key 'notbefore' in lineEndHyphens (allowed: join, notBefore)"),
        Broken(label: "lineEndHyphens a scalar", yaml: validYAML + "\nlineEndHyphens: join",
               line: 17, reason: "lineEndHyphens must be a mapping (key: value lines), not 'join'"),
        Broken(label: "empty file", yaml: "# nothing\n", line: 1, reason: "empty grammar file"),
        Broken(label: "top level a list", yaml: "\n- description: x", line: 2,
               reason: "the grammar must be a mapping (key: value lines), not a list"),
    ]

    @Test(arguments: brokenGrammars)
    func brokenGrammarNamesLineAndReason(_ broken: Broken) {
        let error = #expect(throws: GrammarError.self) { _ = try load(broken.yaml) }
        #expect(error?.path == "test.yaml")
        #expect(error?.line == broken.line, "\(String(describing: error))")
        #expect(error?.reason.contains(broken.reason) == true, "\(String(describing: error))")
    }

    @Test func tablesAreOptionalAndReadWhenGiven() throws {
        #expect(try load(validYAML).tables.budget == nil)
        let grammar = try load(validYAML + """

            tables:
              budget:
                caption: '^Budget i (?<unit>kr\\.)$'
                column: '[0-9]{4}|I alt'
                sumColumn: '^I alt$'
                rowNumber: '^(?<number>[0-9]\\.[0-9])\\s'
                total: '^I ALT$'
              projects:
                rows: ['^Antal projekter ']
            """)
        #expect(grammar.tables.budget?.caption.line == 19)
        #expect(grammar.tables.budget?.sumColumn?.source == "^I alt$")
        #expect(grammar.tables.projects?.rows.map(\.source) == ["^Antal projekter "])
        #expect(grammar.tables.goals == nil && grammar.tables.indicators == nil)
    }

    @Test func boundaryMaxLinesAreAccepted() throws {
        #expect(try load(replacingLine(6, with: "  maxLines: 1")).title?.maxLines == 1)
        #expect(try load(replacingLine(6, with: "  maxLines: 10")).title?.maxLines == 10)
    }

    @Test func errorsWithoutPathNameTheGrammar() {
        #expect(throws: GrammarError(path: "nameless", line: 1, reason: "empty grammar file")) {
            _ = try GrammarLoader.load(yaml: "", name: "nameless", path: nil)
        }
    }

    @Test func missingFileHasNoLine() {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-grammar-\(UUID()).yaml")
        #expect(throws: GrammarError(path: url.path, line: nil, reason: "no such file")) {
            _ = try GrammarLoader.load(contentsOf: url)
        }
    }

    @Test func duplicateKeyInFlowMappingFallsBackToTheFirstLine() {
        #expect(throws: GrammarError(path: "test.yaml", line: 1, reason: "duplicate key 'a'")) {
            _ = try load("{a: 1, a: 2}")
        }
    }

    @Test func groupNamesSkipEscapesClassesAndLookbehinds() {
        #expect(GrammarReader.groupNames(in: #"^(?<number>\d+)\s(?<title>.+)$"#) == ["number", "title"])
        #expect(GrammarReader.groupNames(in: #"\(?<number>x)(?<=a)(?<!b)"#) == [])
        #expect(GrammarReader.groupNames(in: #"[(?<number>]"#) == [])
    }
}

@Suite struct GrammarCatalogTests {
    /// A fresh temporary directory holding `files` (relative path → contents).
    private func directory(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("indsats-\(UUID())", isDirectory: true)
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    @Test func discoversSortsShadowsAndReportsBrokenFiles() throws {
        let first = try directory([
            "b.yml": validYAML, "a.yaml": validYAML, "c.yaml": "description: x\nbogus: 1",
            "README.md": "not a grammar", ".hidden.yaml": validYAML,
        ])
        let second = try directory(["a.yaml": validYAML, "c.yaml": validYAML, "d.yaml": validYAML])
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }

        let catalog = GrammarCatalog.discover(in: [
            .init(url: first, origin: .option), .init(url: second, origin: .environment),
        ])
        #expect(catalog.grammars.map(\.name) == ["a", "b", "d"])
        #expect(catalog.grammar(named: "a")?.path == first.appendingPathComponent("a.yaml").path)
        // The broken c.yaml claims its name: the good one later in the path is shadowed, not used.
        #expect(catalog.errors.map(\.path) == [first.appendingPathComponent("c.yaml").path])
        #expect(catalog.errors.first?.line == 2)
        #expect(catalog.shadowed.map(\.lastPathComponent) == ["a.yaml", "c.yaml"])
        #expect(catalog.grammar(named: "c") == nil)
    }

    @Test func missingExplicitDirectoryIsReportedOthersAreSkipped() {
        let missing = URL(fileURLWithPath: "/nonexistent-\(UUID())", isDirectory: true)
        let catalog = GrammarCatalog.discover(in: [
            .init(url: missing, origin: .option), .init(url: missing.appendingPathComponent("x"), origin: .install),
        ])
        #expect(catalog.grammars.isEmpty)
        #expect(catalog.errors == [GrammarError(path: missing.path, line: nil, reason: "no such directory")])
    }

    @Test func searchPathOrder() throws {
        // A fake checkout: Package.swift and Grammars/ above .build/debug/indsats.
        let checkout = try directory(["Package.swift": "", "Grammars/k.yaml": validYAML, ".build/debug/indsats": ""])
        let elsewhere = try directory(["Grammars/x.yaml": validYAML])
        defer { try? FileManager.default.removeItem(at: checkout); try? FileManager.default.removeItem(at: elsewhere) }

        let directories = GrammarCatalog.searchPath(
            explicit: [URL(fileURLWithPath: "/opt/g", isDirectory: true)],
            environment: [GrammarCatalog.environmentVariable: "/env/one::relative/two"],
            currentDirectory: elsewhere,
            executable: checkout.appendingPathComponent(".build/debug/indsats"))
        let std = { (url: URL) in url.standardizedFileURL.path }
        #expect(directories.map(\.url.path) == [
            "/opt/g", "/env/one", std(elsewhere.appendingPathComponent("relative/two")),
            std(elsewhere.appendingPathComponent("Grammars")), std(checkout.appendingPathComponent("Grammars")),
            std(checkout.appendingPathComponent(".build/share/indsats/Grammars")),
        ])
        #expect(directories.map(\.origin) == [.option, .environment, .environment, .currentDirectory, .checkout, .install])
    }

    @Test func searchPathDropsRepeatedDirectories() throws {
        let checkout = try directory(["Package.swift": "", "Grammars/k.yaml": validYAML, "bin/indsats": ""])
        defer { try? FileManager.default.removeItem(at: checkout) }
        let directories = GrammarCatalog.searchPath(
            explicit: [checkout.appendingPathComponent("Grammars")], environment: [:],
            currentDirectory: checkout, executable: checkout.appendingPathComponent("bin/indsats"))
        #expect(directories.map(\.origin) == [.option, .install])
    }
}
