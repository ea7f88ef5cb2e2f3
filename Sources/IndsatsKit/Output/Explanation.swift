/// A document for a reviewer: each initiative and field with its page and
/// first words, in the grammar's order, so a result can be checked against
/// the PDF in minutes (`indsats extract --explain`).
public enum Explanation {
    public static func text(of document: ReportDocument, fieldOrder: [String], words: Int = 10) -> String {
        var out: [String] = []
        out.append("\(document.source.path): \(document.source.format.rawValue), \(document.source.pages) pages, grammar \(document.grammar)")
        if let title = document.report.title { out.append("title: \(title)") }
        let width = fieldOrder.map(\.count).max() ?? 0
        for initiative in document.initiatives {
            out.append("")
            let head = [initiative.number, initiative.heading].compactMap { $0 }.joined(separator: " ")
            out.append("\(head.isEmpty ? "(no heading)" : head)  [\(pages(initiative.pages))]  confidence \(initiative.confidence)")
            for key in fieldOrder {
                guard let value = initiative.fields[key] else { continue }
                let where_ = (initiative.spans[key] ?? []).map { "p\($0.page)" }.joined(separator: ",")
                out.append("  \(key.padding(toLength: width, withPad: " ", startingAt: 0))  \(where_.padding(toLength: 7, withPad: " ", startingAt: 0)) \(firstWords(value, words))")
            }
            for warning in initiative.warnings { out.append("  ! \(warning.code.rawValue): \(warning.message)") }
        }
        out += tables(document.tables)
        for warning in document.warnings { out.append("! \(warning.code.rawValue): \(warning.message)") }
        return out.joined(separator: "\n") + "\n"
    }

    /// Each table with its pages, and each row: a budget row's figures in
    /// full (they are what a reviewer checks), text cells by first words.
    private static func tables(_ tables: ReportDocument.Tables) -> [String] {
        var out: [String] = []
        if let budget = tables.budget {
            out += ["", "budget table  [\(pages(budget.pages))]  in \(budget.unit): \(budget.columns.joined(separator: " | "))"]
            for row in budget.rows {
                let label = [row.number, row.label].compactMap { $0 }.joined(separator: " ")
                let refs = row.footnoteRefs.isEmpty ? "" : "  notes " + row.footnoteRefs.sorted { $0.key < $1.key }
                    .map { "\($0.key): \($0.value.joined(separator: ","))" }.joined(separator: "; ")
                out.append("  \(row.kind.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0))  p\(row.page)  "
                    + "\(firstWords(label, 6))  \(row.cells.joined(separator: " | "))\(refs)")
            }
        }
        for (name, table) in [("indicators", tables.indicators), ("goals", tables.goals)] {
            guard let table else { continue }
            out += ["", "\(name) table  [\(pages(table.pages))]: \(table.columns.joined(separator: " | "))"]
            for row in table.rows {
                out.append("  p\(row.page)  " + row.cells.map { firstWords($0, 4) }.joined(separator: " | "))
            }
        }
        if let projects = tables.projects {
            out += ["", "projects  [\(pages(projects.pages))]"]
            for row in projects.rows { out.append("  \(row.label): \(row.text)") }
        }
        return out
    }

    private static func pages(_ p: ReportDocument.Pages) -> String {
        p.first == p.last ? "p\(p.first)" : "p\(p.first)–\(p.last)"
    }

    private static func firstWords(_ text: String, _ n: Int) -> String {
        let words = text.split(separator: " ")
        return words.prefix(n).joined(separator: " ") + (words.count > n ? " …" : "")
    }
}
