import Foundation

/// Reads a table of text cells from a PDF, by position: the header line(s)
/// give each column's left edge, every word joins the column it sits in, and
/// a row starts at a number in the first column (numbered tables) or at a
/// line after a gap with text in the first column (goals). The
/// table ends at a heading or a line that does not
/// keep to the columns (prose running across them). Footnote areas at page
/// feet are skipped.
struct PositionedTableReader {
    let columns: [Grammar.Pattern]
    let stops: [Grammar.Pattern]
    /// Rows are numbered in the first column ("1.", "2"): a number there
    /// starts a row, with or without a gap (tightly set tables have none).
    let numbered: Bool

    func read(_ lines: TableLines, captionAt start: Int) -> (table: ReportDocument.TextTable, end: Int)? {
        // The header: its first line within two lines of the caption.
        var i = start + 1
        var header: TableHeader?
        while i < lines.count, i <= start + 2, header == nil {
            header = TableHeader.read([lines[i]], columns: columns, positioned: true)
            i += 1
        }
        guard var header else { return nil }
        let headerStart = i - 1
        while i < lines.count, !lines[i].isFootnote, lines[i].words.allSatisfy({ header.column(of: $0) > 0 && header.fits($0) }) {
            i += 1
        }
        header = TableHeader.read(Array(lines[headerStart..<i]), columns: columns, positioned: true) ?? header

        var rows: [TableRowDraft] = []
        var end = i
        while i < lines.count {
            let line = lines[i]
            i += 1
            if line.isFootnote { continue }
            guard line.words.allSatisfy(header.fits), !isHeading(line) else { break }
            let first = line.words.filter { header.column(of: $0) == 0 }
            let startsRow = numbered ? first.first.map { RowNumber.matches($0.text) } ?? false : line.gapBefore && !first.isEmpty
            if rows.isEmpty || startsRow {
                rows.append(TableRowDraft(columns: columns.count, page: line.page))
            }
            for word in line.words { rows[rows.count - 1].add(word, to: header.column(of: word)) }
            end = i
        }
        guard !rows.isEmpty else { return nil }
        let table = ReportDocument.TextTable(
            caption: lines[start].text, columns: header.headings, rows: rows.map { $0.row(headings: header.headings) },
            pages: .init(first: lines[start].page, last: rows.last!.page))
        return (table, end)
    }

    /// A heading is one run of text; a row's first line ("1. Andel …  54,40
    /// pct.") can match a heading pattern but has cells apart.
    private func isHeading(_ line: TableLine) -> Bool {
        !line.words.dropFirst().contains(where: \.startsCell) && stops.contains { $0.firstMatch(in: line.text) != nil }
    }
}

/// A row being read: each cell's words in reading order.
struct TableRowDraft {
    var cells: [[TableLine.Word]]
    var page: Int

    init(columns: Int, page: Int) {
        cells = Array(repeating: [], count: columns); self.page = page
    }

    mutating func add(_ word: TableLine.Word, to column: Int) { cells[column].append(word) }

    func row(headings: [String]) -> ReportDocument.TextRow {
        let texts = cells.map(TableText.join)
        var refs: [String: [String]] = [:]
        for (heading, words) in zip(headings, cells) {
            let markers = words.flatMap(\.markers)
            if !markers.isEmpty { refs[heading] = markers }
        }
        return .init(cells: texts, percentages: texts.map(Percentage.value), footnoteRefs: refs, page: page)
    }
}

/// A cell that is one percentage: "54,40 pct.", "40 %", "6,4 procent".
enum Percentage {
    static func value(_ cell: String) -> Decimal? {
        let words = cell.split(whereSeparator: \.isWhitespaceFast)
        let number: Substring
        switch words.count {
        case 1 where words[0].hasSuffix("%"): number = words[0].dropLast()
        case 2 where ["pct.", "pct", "%", "procent"].contains(words[1]): number = words[0]
        default: return nil
        }
        return AmountParser.number(String(number))
    }
}

/// A row number in a table's first column: "1.", "2", "12".
enum RowNumber {
    static func matches(_ word: String) -> Bool {
        let digits = word.hasSuffix(".") ? word.dropLast() : Substring(word)
        return !digits.isEmpty && digits.count <= 2 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
