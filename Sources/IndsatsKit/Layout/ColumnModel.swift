/// Where the value column of the initiative tables begins, learned from the
/// document itself: on every line that starts with a one-line label followed,
/// after a gap, by more text, that text's left edge is a vote. No coordinate
/// is built in, since reports differ in margins, fonts and column widths.
struct ColumnModel: Sendable {
    /// Left edge of the value column per page (1-based page → x); pages
    /// without a vote of their own use the document's.
    private(set) var valueX: [Int: Double] = [:]
    private(set) var documentValueX: Double?
    private let matcher: LabelMatcher

    /// A gap between label and value must be at least this many ems; a word
    /// space is about a quarter of one.
    static let minimumGap = 0.8

    /// `pages`: each page's number (of its first line) and `votes`.
    init(votes pages: [(page: Int?, votes: [Int: Int])], matcher: LabelMatcher) {
        self.matcher = matcher
        var all: [Int: Int] = [:]
        for (page, votes) in pages {
            if let x = Self.mode(votes), let page { valueX[page] = Double(x) }
            for (x, n) in votes { all[x, default: 0] += n }
        }
        documentValueX = Self.mode(all).map(Double.init)
    }

    /// A page's votes: the value column's left edge (rounded) → lines that put it there.
    static func votes(_ lines: [LayoutLine], matcher: LabelMatcher) -> [Int: Int] {
        var votes: [Int: Int] = [:]
        for line in lines {
            let words = line.words.map { Substring($0.text) }
            guard let m = matcher.match([words], wholeLines: false), m.wordsOnLastLine < words.count else { continue }
            let last = line.words[m.wordsOnLastLine - 1], next = line.words[m.wordsOnLastLine]
            guard next.bbox.x0 - last.bbox.x1 >= minimumGap * last.fontSize else { continue }
            votes[Int(next.bbox.x0.rounded()), default: 0] += 1
        }
        return votes
    }

    var hasColumns: Bool { documentValueX != nil }

    /// Splits a line into a label part and a value part, or keeps it whole
    /// when it runs across the boundary like prose does. A label that nearly
    /// fills its cell leaves no more than a word space before the value: such
    /// a line is split when its left part is (a piece of) a label.
    func split(_ line: LayoutLine) -> (label: [LayoutWord], value: [LayoutWord])? {
        guard let x = valueX[line.page] ?? documentValueX else { return nil }
        let boundary = x - 1.5
        let label = line.words.filter { $0.bbox.x0 < boundary }
        let value = line.words.filter { $0.bbox.x0 >= boundary }
        if let last = label.last {
            guard last.bbox.x1 <= boundary else { return nil }
            if let first = value.first, first.bbox.x0 - last.bbox.x1 < Self.minimumGap * last.fontSize,
               !matcher.isPartOfLabel(label.map { Substring($0.text) }) {
                return nil
            }
        }
        return (label, value)
    }

    /// The most common value; ties go to the smaller x, for determinism.
    private static func mode(_ votes: [Int: Int]) -> Int? {
        votes.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
    }
}
