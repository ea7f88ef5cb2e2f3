import Foundation

/// Reads a box of "label value" lines ("Antal projekter 7", "Samlet
/// projektmedfinansiering 2009 6.105.606 kr."): from a line whose label
/// matches the rule's first row, as long as each line's label matches one
/// of the rows. The value is the line's last number, with "kr." after it
/// when printed.
struct ProjectsTableReader {
    let rule: Grammar.ProjectsRule

    func starts(_ line: TableLine) -> Bool {
        rule.rows.first.map { $0.firstMatch(in: line.text) != nil } ?? false
    }

    func read(_ lines: [TableLine], at start: Int) -> (table: ReportDocument.ProjectsTable, end: Int)? {
        var rows: [ReportDocument.ProjectsRow] = []
        var i = start
        while i < lines.count, rule.rows.contains(where: { $0.firstMatch(in: lines[i].text) != nil }),
              let row = row(lines[i]) {
            rows.append(row)
            i += 1
        }
        guard !rows.isEmpty else { return nil }
        return (.init(rows: rows, pages: .init(first: lines[start].page, last: lines[i - 1].page)), i)
    }

    private func row(_ line: TableLine) -> ReportDocument.ProjectsRow? {
        var words = line.words.map(\.text)
        var valueWords: [String] = []
        if let last = words.last, AmountParser.currencies[last.lowercased().trimmingCharacters(in: ["."])] != nil {
            valueWords.append(words.removeLast())
        }
        guard let number = words.last, let value = AmountParser.number(number), words.count > 1 else { return nil }
        valueWords.insert(words.removeLast(), at: 0)
        let text = valueWords.joined(separator: " ")
        let amount = valueWords.count > 1 ? AmountParser.matches(in: text).first : nil
        return .init(label: words.joined(separator: " "), text: text,
                     value: amount?.kroner ?? value, dkk: amount?.dkk)
    }
}
