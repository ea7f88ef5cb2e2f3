/// Finds a table's header row ("Indsats | Beskrivelse" above "Navn på
/// indsats | …") and the copies a producer repeats at the top of each page
/// the table continues on, and takes them out of the body: they are no row,
/// so they must neither end the row split by the page break nor read as an
/// unknown label.
///
/// Learned from the document, with nothing in the grammar: a header row is a
/// line with a label and a value part, no piece of a label of the grammar,
/// that is a table's first line (at a page's top or under a full-width line
/// such as the block heading) and stands right above a line that starts with
/// the label of the grammar's first field. A line with the same two texts is a
/// header row where it stands at the top of a page or right above the first
/// field's label; anywhere else it is left alone as text.
enum TableHeaderRows {
    /// The lines without header rows, and the header rows taken out (as page furniture).
    static func remove(from lines: [SourceLine], matcher: LabelMatcher) -> (lines: [SourceLine], headers: [SourceLine.Part]) {
        let starts = lines.indices.filter { startsTable(lines, at: $0, matcher: matcher) }
        // The table's first line: at a page's top, or under a line across both columns (its heading).
        let known = Set(starts.compactMap { i in
            i > 0 && (lines[i - 1].startsPage || i > 1 && lines[i - 2].part(.full) != nil) ? key(lines[i - 1], matcher: matcher) : nil
        })
        guard !known.isEmpty else { return (lines, []) }
        let aboveTable = Set(starts.map { $0 - 1 })
        var kept: [SourceLine] = []
        var headers: [SourceLine.Part] = []
        var dropped: SourceLine?
        for (i, line) in lines.enumerated() {
            let atTop = line.startsPage || (dropped.map { $0.page == line.page && $0.startsPage } ?? false)
            if atTop || aboveTable.contains(i), let k = key(line, matcher: matcher), known.contains(k) {
                headers.append(furniture(line))
                // What follows takes the header's place: the top of the page, after a gap.
                var header = line
                header.startsPage = atTop
                dropped = header
                continue
            }
            var line = line
            if let header = dropped, header.page == line.page {
                line.startsPage = line.startsPage || header.startsPage
                line.gapBefore = line.gapBefore || header.gapBefore
            }
            dropped = nil
            kept.append(line)
        }
        return (kept, headers)
    }

    /// A header row's identity: its two cells' texts. Nil for a line that is
    /// no candidate (not two columns, or a label of the grammar).
    private static func key(_ line: SourceLine, matcher: LabelMatcher) -> [String]? {
        guard line.role == .body, line.parts.count == 2, let label = line.part(.label), let value = line.part(.value),
              !matcher.isPartOfLabel(LabelMatcher.words(label.text)) else { return nil }
        return [label.text, value.text]
    }

    /// Whether the label column at `i` starts with the label of the grammar's
    /// first field, wrapped over the next lines or not.
    private static func startsTable(_ lines: [SourceLine], at i: Int, matcher: LabelMatcher) -> Bool {
        guard lines[i].role == .body, let first = lines[i].part(.label), matcher.canStart(first.text) else { return false }
        let run = lines[i...].prefix(4).prefix { $0.part(.label) != nil }.map { LabelMatcher.words($0.part(.label)!.text) }
        return matcher.match(run, wholeLines: false)?.field == 0
    }

    private static func furniture(_ line: SourceLine) -> SourceLine.Part {
        let boxes = line.parts.compactMap(\.at.bbox)
        let box = boxes.dropFirst().reduce(boxes[0]) { $0.union($1) }
        return .init(column: .full, text: line.text, at: Provenance(page: line.page, bbox: box))
    }
}
