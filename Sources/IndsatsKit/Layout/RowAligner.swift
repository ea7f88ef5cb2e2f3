/// Puts each label at the top of its table row. Word processors often centre
/// a label cell vertically against a tall value cell, so the label's first
/// line sits beside the middle of its value, and the value lines above it
/// would otherwise be read as the end of the previous row.
///
/// Between two labels on a page, the row boundary is the widest vertical gap
/// among the value lines between them (cell padding and border are wider
/// than line spacing). Value lines below that boundary and above the second
/// label belong to the second label's row; its label lines move up to start
/// there. A label at the top of a row already (the usual, top-aligned case)
/// has the widest gap right above it and moves nowhere. Rows broken by a page
/// are left as they are: across a page there is no gap to measure. Known
/// limit: a cell holding a nested table can have a wider gap inside it than
/// at its border, and then a centred label's first value lines are read as
/// the row above's (see the closing note of issue 3).
enum RowAligner {
    static func align(_ lines: [SourceLine]) -> [SourceLine] {
        var lines = lines
        let blocks = labelBlocks(lines)
        for (a, b) in zip(blocks, blocks.dropFirst()) {
            let between = a.upperBound..<b.lowerBound
            // Only value lines between the two labels: otherwise the table was interrupted.
            guard !between.isEmpty, between.allSatisfy({ lines[$0].parts.allSatisfy { $0.column == .value } }) else { continue }
            // Index g stands for the gap between line g and line g + 1; ties go to the later gap.
            let candidates = (a.upperBound - 1)..<b.lowerBound
            guard let widest = candidates.max(by: { gap(lines, $0) < gap(lines, $1) || (gap(lines, $0) == gap(lines, $1) && $0 < $1) }),
                  widest < b.lowerBound - 1 else { continue }
            move(&lines, label: b, toStartAt: widest + 1)
        }
        return lines.filter { !$0.parts.isEmpty }
    }

    /// Runs of consecutive lines with a label part and no gap between them.
    private static func labelBlocks(_ lines: [SourceLine]) -> [Range<Int>] {
        var blocks: [Range<Int>] = []
        var i = 0
        while i < lines.count {
            guard lines[i].part(.label) != nil else { i += 1; continue }
            var j = i + 1
            while j < lines.count, lines[j].part(.label) != nil, !lines[j].gapBefore { j += 1 }
            blocks.append(i..<j)
            i = j
        }
        return blocks
    }

    /// Vertical space between line `i` and line `i + 1` (0 when one of them
    /// lost its only part, a label, to an earlier move).
    private static func gap(_ lines: [SourceLine], _ i: Int) -> Double {
        guard let bottom = lines[i].parts.compactMap(\.at.bbox?.y1).max(),
              let top = lines[i + 1].parts.compactMap(\.at.bbox?.y0).min() else { return 0 }
        return top - bottom
    }

    /// Moves the label parts of `block`, in order, onto the lines from `start` on.
    private static func move(_ lines: inout [SourceLine], label block: Range<Int>, toStartAt start: Int) {
        let labels = block.compactMap { lines[$0].part(.label) }
        // A line whose parts move no longer matches its words' geometry.
        for i in block { lines[i].parts.removeAll { $0.column == .label }; lines[i].words = nil }
        for (k, part) in labels.enumerated() where start + k < lines.count {
            let target = start + k
            lines[target].parts.insert(part, at: 0)
            lines[target].words = nil
            lines[target].gapBefore = k == 0 ? lines[target].gapBefore : false
        }
    }
}
