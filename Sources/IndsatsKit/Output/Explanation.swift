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
        for warning in document.warnings { out.append("! \(warning.code.rawValue): \(warning.message)") }
        return out.joined(separator: "\n") + "\n"
    }

    private static func pages(_ p: ReportDocument.Pages) -> String {
        p.first == p.last ? "p\(p.first)" : "p\(p.first)–\(p.last)"
    }

    private static func firstWords(_ text: String, _ n: Int) -> String {
        let words = text.split(separator: " ")
        return words.prefix(n).joined(separator: " ") + (words.count > n ? " …" : "")
    }
}
