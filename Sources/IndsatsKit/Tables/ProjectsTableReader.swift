import Foundation

/// Reads a box of "label value" lines ("Antal projekter 7", "Samlet
/// projektmedfinansiering 2009 6.105.606 kr."): from a line whose label
/// matches the rule's first row, as long as each line's label matches one
/// of the rows. The value is the line's trailing money amount ("6,1 mio.
/// kr.") or, failing that, its last number; when the next line is nothing
/// but such a value (a cell per line), it is the value and the whole line
/// the label ("… 2009" then keeps its year). A row line without a value
/// ends the box with a warning.
struct ProjectsTableReader {
    let rule: Grammar.ProjectsRule

    func read(_ lines: TableLines, at start: Int) -> (table: ReportDocument.ProjectsTable, end: Int, warnings: [Warning])? {
        var rows: [ReportDocument.ProjectsRow] = []
        var warnings: [Warning] = []
        var i = start
        while i < lines.count, isRow(lines[i]) {
            let next = i + 1 < lines.count && !isRow(lines[i + 1]) ? Self.value(of: lines[i + 1].text) : nil
            if let next, next.text == lines[i + 1].text {
                rows.append(.init(label: lines[i].text, text: next.text, value: next.value, dkk: next.dkk))
                i += 2
            } else if let row = Self.row(lines[i].text) {
                rows.append(row)
                i += 1
            } else {
                warnings.append(Warning(.tableCell, "projects box: '\(lines[i].text)' has no value (a number or an amount "
                    + "at its end) and ends the box", at: lines[i].at))
                break
            }
        }
        guard !rows.isEmpty else { return nil }
        return (.init(rows: rows, pages: .init(first: lines[start].page, last: lines[i - 1].page)), i, warnings)
    }

    private func isRow(_ line: TableLine) -> Bool {
        rule.rows.contains { $0.firstMatch(in: line.text) != nil }
    }

    /// A line's label and its trailing value; nil without a value or a label.
    static func row(_ text: String) -> ReportDocument.ProjectsRow? {
        guard let value = value(of: text), value.text.count < text.count else { return nil }
        let label = text.dropLast(value.text.count).trimmingCharacters(in: .whitespaces)
        guard !label.isEmpty else { return nil }
        return .init(label: label, text: value.text, value: value.value, dkk: value.dkk)
    }

    /// The value at the end of `text`: a money amount, else the last word when it is a number.
    static func value(of text: String) -> (text: String, value: Decimal, dkk: Int?)? {
        if let amount = AmountParser.matches(in: text, inCell: true).last, text.hasSuffix(amount.text) {
            return (amount.text, amount.kroner, amount.dkk)
        }
        guard let last = text.split(whereSeparator: \.isWhitespaceFast).last, let number = AmountParser.number(String(last))
        else { return nil }
        return (String(last), number, nil)
    }
}
