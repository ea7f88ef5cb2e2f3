import Foundation

/// Reads a budget overview from its caption on: the header line of column
/// headings, then rows of a label and one figure per column.
///
/// A row is the line that carries its figures. Label lines without figures
/// before it are its label's first lines when they wait for figures (text
/// order: pdftotext prints a cell's lines before the next cell), or, when
/// they follow a row and continue it (a PDF, where the figures sit beside a
/// label's first line; a lowercase start in text), its label's last lines.
/// Waiting lines followed by a row with a label of its own are a row that
/// lacks figures: left out with a warning, never glued to another label.
/// Figures may also come one per line (a cell per line, as pdftotext can
/// print a table), and so may the column headings.
/// The table ends after its total row, at a line that is neither row nor
/// label, or when label lines pile up without figures.
struct BudgetTableReader {
    let rule: Grammar.BudgetRule
    /// Positions are known (PDF): label lines after a row continue it.
    let columnar: Bool
    let footnotes: Set<String>

    /// More label lines than this waiting for figures: the table has ended.
    static let maxPendingLines = 3

    struct Result {
        var table: ReportDocument.BudgetTable
        /// Index of the first line after the table.
        var end: Int
        var warnings: [Warning]
    }

    private struct RowDraft {
        var labelWords: [TableLine.Word]
        var figures: [TableLine.Word]
        var page: Int
    }

    func read(_ lines: TableLines, captionAt start: Int) -> Result? {
        let caption = lines[start].text
        guard let unit = TableText.group("unit", of: rule.caption, in: caption) else { return nil }
        // The header: within the next two lines, a line of column headings
        // only, and the lines of headings right after it (one per line).
        var i = start + 1
        var columns: [String] = []
        var boxes: [(x0: Double, x1: Double)] = []
        while i < lines.count, i <= start + 2 + columns.count {
            guard let headings = TableText.tiles(lines[i].text, with: rule.column) else {
                if columns.isEmpty { i += 1; continue } else { break }
            }
            columns += headings
            var words = lines[i].words[...]
            for heading in headings {
                let count = heading.split(whereSeparator: \.isWhitespaceFast).count
                let own = words.prefix(count)
                words = words.dropFirst(count)
                if let x0 = own.first?.x0, let x1 = own.last?.x1 { boxes.append((x0, x1)) }
            }
            i += 1
        }
        // Headings name the figures (`budget` of an initiative): they must differ.
        guard !columns.isEmpty, Set(columns).count == columns.count else { return nil }
        let bands = columnar && boxes.count == columns.count ? FigureBands(headings: boxes) : nil  // else by count

        var drafts: [RowDraft] = []
        var warnings: [Warning] = []
        var pending: [TableLine] = []
        // Figures from lines of nothing but figures (one cell per line).
        var run: [TableLine.Word] = []
        var continuations = 0
        var end = i
        func leaveOut(_ why: String) {
            let text = (pending.map(\.text) + run.map(\.text)).joined(separator: " ")
            warnings.append(Warning(.tableCell, "budget table: '\(text)' \(why) and was left out",
                                    at: pending.first?.at ?? lines[i - 1].at))
            pending = []
            run = []
        }
        func addRow(_ label: [TableLine.Word], _ figures: [TableLine.Word], page: Int) {
            drafts.append(RowDraft(labelWords: label, figures: figures, page: page))
            pending = []
            run = []
            continuations = 0
            end = i
        }
        while i < lines.count {
            let line = lines[i]
            i += 1
            if line.isFootnote { continue }
            if TableText.tiles(line.text, with: rule.column) == columns { end = i; continue }  // repeated header
            if !line.words.isEmpty, line.words.allSatisfy({ TableText.isFigure($0.text) }), line.words.count < columns.count || !run.isEmpty {
                run += line.words
                if run.count == columns.count {
                    let label = pending.flatMap(\.words)
                    addRow(label, run, page: pending.first?.page ?? line.page)
                    if isTotal(label) { break }
                } else if run.count > columns.count {
                    leaveOut("has more figures than the \(columns.count) columns")
                }
                continue
            }
            if !run.isEmpty { leaveOut("has no figure for each of the \(columns.count) columns") }
            if let bands {
                // By position: the words under the headings are the cells, a blank one empty.
                let (label, cells) = bands.split(line.words)
                if cells.contains(where: { !$0.isEmpty }) {
                    if !pending.isEmpty, let first = label.first?.text.first, !first.isLowercase {
                        leaveOut("has no figures under the headings")
                    }
                    let figures = cells.map { words in
                        TableLine.Word(text: TableText.join(words), x0: words.first?.x0, x1: words.last?.x1,
                                       markers: words.flatMap(\.markers), startsCell: true)
                    }
                    let all = pending.flatMap(\.words) + label
                    addRow(all, figures, page: pending.first?.page ?? line.page)
                    if isTotal(all) { break }
                    continue
                }
            }
            let figures = bands == nil ? trailingFigures(line.words, count: columns.count) : []
            if figures.count == columns.count {
                let own = Array(line.words.dropLast(columns.count))
                // Waiting lines are this row's first lines when its own label
                // part is empty or goes on from them in lowercase; otherwise
                // they were a row that lacks figures, and no label of anyone's.
                if !pending.isEmpty, let first = own.first?.text.first, !first.isLowercase {
                    leaveOut("has no figure for each of the \(columns.count) columns")
                }
                let label = pending.flatMap(\.words) + own
                addRow(label, figures, page: pending.first?.page ?? line.page)
                if isTotal(label) { break }
                continue
            }
            if pending.isEmpty, let last = drafts.last, continuations < Self.maxPendingLines, continues(line, after: last) {
                continuations += 1
                drafts[drafts.count - 1].labelWords += line.words
                end = i
                continue
            }
            pending.append(line)
            if pending.count > Self.maxPendingLines { break }
        }
        guard !drafts.isEmpty else { return nil }
        var rows = drafts.map { row(from: $0, columns: columns) }
        for row in rows {
            for (column, cell) in zip(columns, row.cells) where !TableText.isFigure(cell) {
                warnings.append(Warning(.tableCell, "budget table, row '\(row.label)', column '\(column)': "
                    + (cell.isEmpty ? "the cell is blank" : "'\(cell)' is no figure") + "; its value is null", page: row.page)
                    .about(budgetRow: row.number))
            }
        }
        if bands == nil { rows = leaveOutAmbiguous(rows, columns: columns, warnings: &warnings) }
        let (unglued, glueWarnings) = columnar ? (rows, []) : ungluedMarkers(rows, columns: columns)
        warnings += glueWarnings
        let table = ReportDocument.BudgetTable(
            caption: caption, unit: unit, columns: columns, rows: unglued,
            pages: .init(first: lines[start].page, last: unglued.last?.page ?? lines[start].page))
        warnings += BudgetTotals.check(table, sumColumn: rule.sumColumn)
        for row in unglued {
            for (cell, markers) in row.footnoteRefs.sorted(by: { $0.key < $1.key }) {
                for marker in markers where !footnotes.contains(marker) {
                    warnings.append(Warning(.footnoteWithoutText, "budget table, row '\(row.label)', \(cell): footnote \(marker) has no text",
                                            page: row.page).about(budgetRow: row.number))
                }
            }
        }
        return Result(table: table, end: end, warnings: warnings)
    }

    /// The last `count` words when all of them are figures; fewer otherwise.
    private func trailingFigures(_ words: [TableLine.Word], count: Int) -> [TableLine.Word] {
        let figures = words.reversed().prefix { TableText.isFigure($0.text) }.prefix(count)
        return figures.count == count && words.count >= count ? Array(words.suffix(count)) : Array(figures)
    }

    /// A figureless line right after a row continues that row's label unless
    /// it starts a new numbered row: in a PDF when it follows without a
    /// paragraph gap and stays left of the figures, in text when it starts in
    /// lowercase.
    private func continues(_ line: TableLine, after row: RowDraft) -> Bool {
        let text = line.text
        if rule.rowNumber.firstMatch(in: text) != nil { return false }
        guard columnar else { return text.first?.isLowercase == true }
        guard !line.gapBefore, let figuresStart = row.figures.first?.x0 else { return false }
        return line.words.allSatisfy { ($0.x1 ?? 0) < figuresStart }
    }

    private func isTotal(_ words: [TableLine.Word]) -> Bool {
        rule.total.firstMatch(in: words.map(\.text).joined(separator: " ")) != nil
    }

    private func row(from draft: RowDraft, columns: [String]) -> ReportDocument.BudgetRow {
        var label = TableText.join(draft.labelWords)
        var refs: [String: [String]] = [:]
        let labelMarkers = draft.labelWords.flatMap(\.markers)
        if !labelMarkers.isEmpty { refs["label"] = labelMarkers }
        for (column, word) in zip(columns, draft.figures) where !word.markers.isEmpty {
            refs[column] = word.markers
        }
        let kind: ReportDocument.BudgetRow.Kind
        var number: String?
        if rule.total.firstMatch(in: label) != nil {
            kind = .total
        } else if let n = TableText.group("number", of: rule.rowNumber, in: label),
                  let m = rule.rowNumber.firstMatch(in: label) {
            kind = .item
            number = n
            label = String((label as NSString).substring(from: m.range.location + m.range.length))
                .trimmingCharacters(in: .whitespaces)
        } else {
            kind = .group
        }
        let cells = draft.figures.map(\.text)
        return .init(kind: kind, number: number, label: label, cells: cells, values: cells.map(AmountParser.number),
                     footnoteRefs: refs, page: draft.page)
    }

    /// Text input: a footnote marker glued to a figure reads as one more
    /// decimal ("32,94" is 32,9 with note 4). A figure with more decimals
    /// than the table's usual count, whose extra digits are a footnote of the
    /// document, loses them to `footnoteRefs`; other odd figures are kept as
    /// printed, with a warning.
    private func ungluedMarkers(_ rows: [ReportDocument.BudgetRow], columns: [String])
        -> ([ReportDocument.BudgetRow], [Warning]) {
        guard let usual = usualDecimals(rows) else { return (rows, []) }
        var warnings: [Warning] = []
        let result = rows.map { row in
            var row = row
            for (c, cell) in row.cells.enumerated() where AmountParser.number(cell) != nil && decimals(cell) > usual {
                let extra = decimals(cell) - usual
                let marker = String(cell.suffix(extra))
                // Whole-number tables ("1.000 kr.") have no decimals a marker could pose as.
                if usual >= 1, extra <= 2, footnotes.contains(marker), !marker.hasPrefix("0") {
                    row.cells[c] = String(cell.dropLast(extra))
                    row.values[c] = AmountParser.number(row.cells[c])
                    row.footnoteRefs[columns[c], default: []].append(marker)
                } else {
                    warnings.append(Warning(.tableCell, "budget table, row '\(row.label)', \(columns[c]): '\(cell)' has more decimals than the table's other figures",
                                            page: row.page).about(budgetRow: row.number))
                }
            }
            return row
        }
        return (result, warnings)
    }

    /// Text input, where figures are counted from a row's end: when a cell
    /// is missing, the label's last word (a year: "Jobplanen 2009") would
    /// count as the first figure. A row whose first figure has another number
    /// of decimals than the table's figures usually have is left out with a
    /// warning rather than read one column off.
    private func leaveOutAmbiguous(_ rows: [ReportDocument.BudgetRow], columns: [String], warnings: inout [Warning])
        -> [ReportDocument.BudgetRow] {
        guard let usual = usualDecimals(rows) else { return rows }
        return rows.filter { row in
            guard let first = row.cells.first, AmountParser.number(first) != nil, decimals(first) != usual else { return true }
            warnings.append(Warning(.tableCell, "budget table, row '\(row.label)': its first figure '\(first)' does not "
                + "look like the table's others, so a cell may be missing and the figures may be one column off; "
                + "the row was left out", page: row.page))
            return false
        }
    }

    /// The most common number of decimals among the table's figures.
    private func usualDecimals(_ rows: [ReportDocument.BudgetRow]) -> Int? {
        var counts: [Int: Int] = [:]
        for cell in rows.flatMap(\.cells) where AmountParser.number(cell) != nil { counts[decimals(cell), default: 0] += 1 }
        return counts.max(by: { a, b in a.value != b.value ? a.value < b.value : a.key > b.key })?.key
    }

    private func decimals(_ cell: String) -> Int {
        guard let comma = cell.lastIndex(of: ",") else { return 0 }
        return cell[cell.index(after: comma)...].count
    }
}

/// Where each figure column of a budget table lies across the page, from its
/// heading's centre: a column reaches halfway to its neighbours' centres
/// (the first and last as far outwards), so right-aligned figures under
/// centred headings still fall in their column. Words left of the first
/// column are the label.
struct FigureBands {
    private var centres: [Double]
    private var left: Double

    /// Nil unless the headings stand apart, left to right.
    init?(headings: [(x0: Double, x1: Double)]) {
        centres = headings.map { ($0.x0 + $0.x1) / 2 }
        guard !centres.isEmpty, zip(centres, centres.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
        let first = centres.count > 1 ? (centres[1] - centres[0]) / 2 : (headings[0].x1 - headings[0].x0)
        left = centres[0] - first
    }

    /// The label words and each column's words.
    func split(_ words: [TableLine.Word]) -> (label: [TableLine.Word], cells: [[TableLine.Word]]) {
        var label: [TableLine.Word] = []
        var cells = Array(repeating: [TableLine.Word](), count: centres.count)
        for word in words {
            guard let x0 = word.x0, let x1 = word.x1 else { label.append(word); continue }
            let centre = (x0 + x1) / 2
            guard centre >= left else { label.append(word); continue }
            let column = centres.indices.min { abs(centres[$0] - centre) < abs(centres[$1] - centre) }!
            cells[column].append(word)
        }
        return (label, cells)
    }
}
