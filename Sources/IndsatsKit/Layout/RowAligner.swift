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
/// are left as they are: across a page there is no gap to measure. A cell
/// holding a nested table has gaps inside it as wide as the border; then the
/// label's centring decides (`rowBorder`). Known limit: a nested table whose
/// inner gaps are wider than the border still misleads it.
enum RowAligner {
    /// The lines with labels moved, and a `row-boundary-guessed` warning for
    /// each label moved on a guess: several gaps as wide as the widest, none
    /// of which centres the label, and the later one not right above it.
    static func aligned(_ lines: [SourceLine]) -> (lines: [SourceLine], warnings: [Warning]) {
        var lines = lines
        var warnings: [Warning] = []
        let blocks = labelBlocks(lines)
        for (a, b) in zip(blocks, blocks.dropFirst()) {
            let between = a.upperBound..<b.lowerBound
            // Only value lines between the two labels: otherwise the table was interrupted.
            guard !between.isEmpty, between.allSatisfy({ lines[$0].parts.allSatisfy { $0.column == .value } }) else { continue }
            // Index g stands for the gap between line g and line g + 1.
            let candidates = (a.upperBound - 1)..<b.lowerBound
            let (border, guessed) = rowBorder(lines, candidates, label: b)
            guard let border else { continue }
            if guessed, let label = lines[b.lowerBound].part(.label) {
                warnings.append(Warning(.rowBoundaryGuessed, "the row of the label '\(label.text)' could not be told from "
                    + "the gaps inside its value cell (several as wide, none centring the label): it was taken to start "
                    + "below the lowest of them", at: label.at))
            }
            move(&lines, label: b, toStartAt: border + 1)
        }
        return (lines.filter { !$0.parts.isEmpty }, warnings)
    }

    /// Gaps this close to the widest are as wide: two borders of one table differ by rounding only.
    static let sameGap = 0.5
    /// How far a centred label's middle may lie from its row's middle, in points.
    static let centreTolerance = 1.5

    /// The gap among `candidates` that is the border above `label`'s row, or
    /// nil when that is the gap right above the label (it is at its row's top).
    /// The widest gap, and where several are as wide (a table nested in a
    /// cell has gaps as wide as the border), the one that makes a centred
    /// label sit in the middle of its row: a row from below that gap down to
    /// a line followed by as wide a gap (or by the end of the value lines),
    /// with the label's middle halfway. Failing that, the later one.
    private static func rowBorder(_ lines: [SourceLine], _ candidates: Range<Int>, label: Range<Int>) -> (Int?, guessed: Bool) {
        let widest = candidates.map { gap(lines, $0) }.max() ?? 0
        let borders = candidates.filter { gap(lines, $0) >= widest - sameGap }
        var chosen = borders.last!
        var guessed = false
        if borders.count > 1 {
            let centred = borders.compactMap { g in centringError(lines, rowAfter: g, label: label, border: widest - sameGap).map { (g, $0) } }
            if let best = centred.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 > $1.0) }) { chosen = best.0 } else { guessed = true }
        }
        return chosen < label.lowerBound - 1 ? (chosen, guessed) : (nil, false)
    }

    /// For a row starting below gap `g`: how far the label's middle is from
    /// the middle of the nearest row end that would centre it, or nil when no
    /// row end is within `centreTolerance`.
    private static func centringError(_ lines: [SourceLine], rowAfter g: Int, label: Range<Int>, border: Double) -> Double? {
        let boxes = label.compactMap { lines[$0].part(.label)?.at.bbox }
        guard let top = top(lines[g + 1]), let labelTop = boxes.map(\.y0).min(), let labelBottom = boxes.map(\.y1).max() else { return nil }
        let middle = (labelTop + labelBottom) / 2
        // The row goes on over the label's own lines and the value lines after them.
        func inRow(_ j: Int) -> Bool { label.contains(j) || lines[j].parts.allSatisfy { $0.column == .value } }
        var best: Double?
        var k = label.lowerBound
        while k < lines.count, let bottom = bottom(lines[k]) {
            let last = k + 1 == lines.count || !inRow(k + 1)
            let error = abs((top + bottom) / 2 - middle)
            if last || gap(lines, k) >= border, error <= centreTolerance, error < (best ?? .infinity) { best = error }
            if last { break }
            k += 1
        }
        return best
    }

    private static func top(_ line: SourceLine) -> Double? { line.parts.compactMap(\.at.bbox?.y0).min() }
    private static func bottom(_ line: SourceLine) -> Double? { line.parts.compactMap(\.at.bbox?.y1).max() }

    /// Runs of label lines with no gap between them: consecutive lines, or
    /// label lines set at their own line spacing with value lines between
    /// them (a centred label's baselines need not line up with its value's).
    private static func labelBlocks(_ lines: [SourceLine]) -> [Range<Int>] {
        var blocks: [Range<Int>] = []
        var i = 0
        while i < lines.count {
            guard lines[i].part(.label) != nil else { i += 1; continue }
            var end = i + 1
            var j = i + 1
            while j < lines.count {
                if lines[j].part(.label) != nil {
                    guard j == end ? !lines[j].gapBefore : followsClosely(lines[j], after: lines[end - 1]) else { break }
                    end = j + 1
                } else if !lines[j].parts.allSatisfy({ $0.column == .value }) {
                    break
                }
                j += 1
            }
            blocks.append(i..<end)
            i = end
        }
        return blocks
    }

    /// The label of `next` starts less than a paragraph gap below that of `previous`.
    private static func followsClosely(_ next: SourceLine, after previous: SourceLine) -> Bool {
        guard let a = previous.part(.label)?.at.bbox, let b = next.part(.label)?.at.bbox else { return false }
        return b.y0 - a.y1 < PDFLayout.paragraphGap * (a.y1 - a.y0)
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
