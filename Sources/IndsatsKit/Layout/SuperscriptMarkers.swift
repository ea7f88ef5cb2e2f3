/// Footnote reference markers in a PDF line: one or two digits set smaller
/// than the line's text and raised above its baseline, right after a word
/// ("pct.¹", "32,9⁴"). The line assembler already makes each its own word.
enum SuperscriptMarkers {
    /// Smaller than the line's type by at least this factor.
    static let scale = 0.85
    /// Raised: its bottom above the line's bottom by at least this many ems.
    static let raise = 0.15

    /// Indexes of the marker words of a body line.
    static func indexes(in line: LayoutLine) -> Set<Int> {
        // Most lines have no word of digits after the first: nothing to measure.
        guard line.words.dropFirst().contains(where: { isDigits($0.text) }) else { return [] }
        let normal = line.words.filter { !isDigits($0.text) }
        guard let size = normal.map(\.fontSize).max(), !normal.isEmpty else { return [] }
        let bottoms = normal.map(\.bbox.y1).sorted()
        let baseline = bottoms[bottoms.count / 2]
        var result = Set<Int>()
        for (i, word) in line.words.enumerated() where i > 0 && isDigits(word.text) {
            let previous = line.words[i - 1]
            if word.fontSize < scale * size, word.bbox.y1 < baseline - raise * size,
               word.bbox.x0 - previous.bbox.x1 < 0.3 * size {
                result.insert(i)
            }
        }
        return result
    }

    private static func isDigits(_ text: String) -> Bool {
        (1...2).contains(text.utf8.count) && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }
}
