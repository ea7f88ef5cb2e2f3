import Foundation

/// Finds the grammar's tables among a document's lines by their captions and
/// reads each with the reader of its kind. The first table of each kind is
/// read; a later caption of a kind already read gets a warning and is not
/// read (a long document repeats its captions cheaply). Pure.
struct TableReader {
    let rules: Grammar.TableRules
    /// Footnote markers the document has texts for, and those texts.
    let footnotes: Set<String>
    let footnoteTexts: [String: String]
    /// PDF input: words have positions.
    let columnar: Bool
    /// Lines that end a table of text cells (headings).
    let stops: [Grammar.Pattern]

    /// A table is read from at most this many lines after its caption.
    static let window = 300

    struct Result {
        var tables = ReportDocument.Tables()
        var warnings: [Warning] = []
    }

    init(grammar: Grammar, footnotes: [ReportDocument.Footnote], columnar: Bool) {
        rules = grammar.tables; self.columnar = columnar
        self.footnotes = Set(footnotes.map(\.marker))
        footnoteTexts = Dictionary(footnotes.map { ($0.marker, $0.text) }, uniquingKeysWith: { first, _ in first })
        stops = [grammar.chapter, grammar.block]
    }

    func read(_ lines: [SourceLine]) -> Result {
        var result = Result()
        let captions = Captions(rules)
        guard !captions.isEmpty else { return result }
        var i = 0
        while i < lines.count {
            let line = lines[i]
            guard line.role == .body, let kind = captions.kind(of: line.text) else { i += 1; continue }
            if result.tables.has(kind) {
                result.warnings.append(Warning(.tableUnread, "a second \(kind) table ('\(line.text)') was left out: "
                    + "only the first is read", at: line.parts.first?.at))
                i += 1
                continue
            }
            let window = TableLines(lines[i..<min(lines.count, i + Self.window)], footnotes: footnotes)
            guard let consumed = read(kind, window, into: &result) else {
                result.warnings.append(Warning(.tableUnread, "the \(kind) table captioned '\(line.text)' could not be read: "
                    + "no header (with distinct column headings) or rows of the grammar's form follow", at: line.parts.first?.at))
                i += 1
                continue
            }
            i += max(consumed, 1)
        }
        return result
    }

    /// Reads a table of `kind` starting at `lines[0]` into `result`; the
    /// number of lines it took, or nil when it could not be read.
    private func read(_ kind: Captions.Kind, _ lines: TableLines, into result: inout Result) -> Int? {
        switch kind {
        case .budget:
            guard let rule = rules.budget,
                  let read = BudgetTableReader(rule: rule, columnar: columnar, footnotes: footnotes).read(lines, captionAt: 0)
            else { return nil }
            result.tables.budget = read.table
            result.warnings += read.warnings
            return read.end
        case .projects:
            guard let rule = rules.projects, let read = ProjectsTableReader(rule: rule).read(lines, at: 0) else { return nil }
            result.tables.projects = read.table
            result.warnings += read.warnings
            return read.end
        case .indicators, .goals:
            guard let rule = kind == .goals ? rules.goals : rules.indicators else { return nil }
            let read: (table: ReportDocument.TextTable, end: Int, warnings: [Warning])?
            if columnar {
                read = PositionedTableReader(columns: rule.columns, stops: stops, numbered: kind == .indicators)
                    .read(lines, captionAt: 0).map { ($0.table, $0.end, []) }
            } else {
                read = TextOrderTableReader(kind: kind.rawValue, columns: rule.columns, layout: kind == .goals ? .pairs : .numbered,
                                            stops: stops, footnotes: footnoteTexts).read(lines, captionAt: 0)
            }
            guard let read else { return nil }
            result.warnings += read.warnings
            if kind == .goals { result.tables.goals = read.table } else { result.tables.indicators = read.table }
            return read.end
        }
    }
}

extension ReportDocument.Tables {
    func has(_ kind: Captions.Kind) -> Bool {
        switch kind {
        case .budget: budget != nil
        case .indicators: indicators != nil
        case .goals: goals != nil
        case .projects: projects != nil
        }
    }
}

/// Which table, if any, a line is the caption (or first row) of. The
/// patterns' own prefilter (`PatternPrefilter`) keeps a long document at a
/// byte comparison per line for each rule, not a regex match.
struct Captions {
    enum Kind: String, CustomStringConvertible {
        case budget, indicators, goals, projects
        var description: String { rawValue }
    }

    private var rules: [(kind: Kind, pattern: Grammar.Pattern)] = []

    init(_ tables: Grammar.TableRules) {
        let all: [(Kind, Grammar.Pattern?)] = [
            (.budget, tables.budget?.caption), (.indicators, tables.indicators?.caption),
            (.goals, tables.goals?.caption), (.projects, tables.projects?.rows.first),
        ]
        for case let (kind, pattern?) in all { rules.append((kind, pattern)) }
    }

    var isEmpty: Bool { rules.isEmpty }

    func kind(of text: String) -> Kind? {
        rules.first { $0.pattern.firstMatch(in: text) != nil }?.kind
    }
}
