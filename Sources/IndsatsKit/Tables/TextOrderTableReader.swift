import Foundation

/// Reads a table of text cells from text input, where positions are gone and
/// only the printed order is left (pdftotext prints a row's cells one after
/// another, a cell's lines together, cells on a shared baseline on one line).
/// The header is the lines between caption and first row, split by the
/// column patterns. Two layouts of rows are known:
/// - `pairs` (two columns, "Mål | Status"): paragraphs alternate, first
///   column then second;
/// - `numbered` (the indicator table): a row starts with its number; the
///   second column's lines follow; then a paragraph holds the measure cells
///   (percentages, or a short text; on one line or one per line) and then
///   the last column. A text measure cell ends before
///   the first capitalised word after its own first word ("Andel skal stige
///   Beskæftigede …"): the only boundary the text still shows.
/// The table ends at a heading (pairs), a known footnote's text, or a
/// paragraph that fits no row (a numbered row needs its measures).
struct TextOrderTableReader {
    enum Layout { case pairs, numbered }

    /// "indicators" or "goals", for warnings.
    let kind: String
    let columns: [Grammar.Pattern]
    let layout: Layout
    let stops: [Grammar.Pattern]
    /// Marker → text of the document's footnotes.
    let footnotes: [String: String]

    func read(_ lines: TableLines, captionAt start: Int) -> (table: ReportDocument.TextTable, end: Int, warnings: [Warning])? {
        // The header: the fewest lines after the caption that hold every
        // column's heading, and in a numbered table the lines up to its first row.
        var i = start + 1
        var header: TableHeader?
        while header == nil, i < lines.count, i <= start + 6 {
            i += 1
            header = TableHeader.read(Array(lines[(start + 1)..<i]), columns: columns, positioned: false)
        }
        if layout == .numbered {
            while i < lines.count, i <= start + 6, !startsRow(lines[i]) { i += 1 }
            header = TableHeader.read(Array(lines[(start + 1)..<i]), columns: columns, positioned: false)
        }
        guard let header, i < lines.count else { return nil }
        let paragraphs = self.paragraphs(lines, from: i)
        var rows: [TableRowDraft] = []
        var warnings: [Warning] = []
        var end = i
        switch layout {
        case .pairs:
            var k = 0
            while k + 1 < paragraphs.count {
                var row = TableRowDraft(columns: 2, page: lines[paragraphs[k].lowerBound].page)
                for line in lines[paragraphs[k]] { for word in line.words { row.add(word, to: 0) } }
                for line in lines[paragraphs[k + 1]] { for word in line.words { row.add(word, to: 1) } }
                rows.append(row)
                end = paragraphs[k + 1].upperBound
                k += 2
            }
        case .numbered:
            // A row counts once its measures follow: a numbered heading after
            // the table ("2. BIF’s …") is followed by prose, not by measures.
            var open: (row: TableRowDraft, at: Provenance)?
            for paragraph in paragraphs {
                let first = lines[paragraph.lowerBound]
                if open == nil, startsRow(first) {
                    open = (numberedRow(Array(lines[paragraph]), columns: columns.count), first.at)
                } else if let row = open?.row, let measured = measureLine(Array(lines[paragraph]), in: row) {
                    rows.append(measured)
                    open = nil
                    end = paragraph.upperBound
                } else {
                    break
                }
            }
            // A numbered row without measures after it: the table's end, or a
            // row that could not be read. Either way the reader is told.
            if let open, !rows.isEmpty {
                warnings.append(Warning(.tableCell, "\(kind) table: the row starting '\(TableText.join(open.row.cells[0] + open.row.cells[1]))' "
                    + "is not followed by its measures (percentages) and was left out; the table ends before it", at: open.at))
            }
        }
        guard !rows.isEmpty else { return nil }
        let table = ReportDocument.TextTable(
            caption: lines[start].text, columns: header.headings, rows: rows.map { $0.row(headings: header.headings) },
            pages: .init(first: lines[start].page, last: rows.last!.page))
        return (table, end, warnings)
    }

    /// Runs of lines between gaps, from `start` until a heading, a caption-like
    /// stop or a footnote's text.
    private func paragraphs(_ lines: TableLines, from start: Int) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var i = start
        while i < lines.count, !ends(lines[i]) {
            var j = i + 1
            while j < lines.count, !lines[j].gapBefore, !lines[j].startsPage, !ends(lines[j]) { j += 1 }
            result.append(i..<j)
            i = j
        }
        return result
    }

    private func ends(_ line: TableLine) -> Bool {
        if layout == .pairs, stops.contains(where: { $0.firstMatch(in: line.text) != nil }) { return true }
        // "2 Ifølge integrationspolitikken …": the text of a footnote (not row 2).
        guard let first = line.words.first?.text, let note = footnotes[first], line.words.count > 1 else { return false }
        let rest = line.words.dropFirst().map(\.text).joined(separator: " ")
        return note.hasPrefix(rest) || rest.hasPrefix(note)
    }

    /// A numbered table's row starts with its number ("1.", "2").
    private func startsRow(_ line: TableLine) -> Bool {
        guard let word = line.words.first?.text, line.words.count > 1 else { return false }
        return RowNumber.matches(word)
    }

    /// A numbered row's first paragraph: its number, then the second column.
    private func numberedRow(_ lines: [TableLine], columns: Int) -> TableRowDraft {
        var row = TableRowDraft(columns: columns, page: lines[0].page)
        let words = lines.flatMap(\.words)
        row.add(words[0], to: 0)
        for word in words.dropFirst() { row.add(word, to: 1) }
        return row
    }

    /// The paragraph after a row's second column: measure cells from its
    /// start, the last column from the rest. Nil when it does not start with
    /// a percentage.
    private func measureLine(_ lines: [TableLine], in row: TableRowDraft) -> TableRowDraft? {
        guard row.cells[2...].allSatisfy(\.isEmpty) else { return nil }
        var row = row
        // All the paragraph's words: its cells may come one per line.
        var words = lines.flatMap(\.words)[...]
        var column = 2
        let last = row.cells.count - 1
        // Percentages: a number and "pct." or "%".
        while column < last, let first = words.first {
            if Percentage.value(first.text) != nil {  // "40%"
                row.add(words.removeFirst(), to: column)
            } else if words.count >= 2, Percentage.value(words.prefix(2).map(\.text).joined(separator: " ")) != nil {
                row.add(words.removeFirst(), to: column)
                row.add(words.removeFirst(), to: column)
            } else {
                break
            }
            column += 1
        }
        guard column > 2 else { return nil }
        if column < last, let head = words.first {
            row.add(head, to: column)
            words.removeFirst()
            while let word = words.first, !(word.text.first?.isUppercase ?? false) {
                row.add(word, to: column)
                words.removeFirst()
            }
        }
        for word in words { row.add(word, to: last) }
        return row
    }
}
