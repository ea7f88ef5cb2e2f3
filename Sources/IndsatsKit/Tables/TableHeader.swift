import Foundation

/// The column headings of a table of text cells, found by the grammar's
/// column patterns in order: each column starts at the first word, after the
/// previous column's start, where its pattern matches; the words up to the
/// next column's start are its heading ("Status august 2008").
struct TableHeader {
    var headings: [String]
    /// Left edge of each column (PDF); nil in text.
    var x0: [Double]?

    /// Reads the headings from the words of the header lines, in order.
    /// `positioned`: the first header line's words carry positions, and
    /// words of later header lines join the column they sit under.
    static func read(_ lines: [TableLine], columns: [Grammar.Pattern], positioned: Bool) -> TableHeader? {
        guard let first = lines.first else { return nil }
        let words = positioned ? first.words : lines.flatMap(\.words)
        var starts: [Int] = []
        var from = 0
        for pattern in columns {
            guard let k = (from..<words.count).first(where: { at in
                pattern.firstMatch(in: words[at...].map(\.text).joined(separator: " ")) != nil
            }) else { return nil }
            starts.append(k)
            from = k + 1
        }
        var headings = starts.indices.map { c in
            TableText.join(Array(words[starts[c]..<(c + 1 < starts.count ? starts[c + 1] : words.count)]))
        }
        guard positioned else { return TableHeader(headings: headings, x0: nil) }
        let x0 = starts.map { words[$0].x0 ?? 0 }
        let header = TableHeader(headings: headings, x0: x0)
        for line in lines.dropFirst() {
            for word in line.words { headings[header.column(of: word)] += " " + word.text }
        }
        return TableHeader(headings: headings, x0: x0)
    }

    /// A word sits in the last column whose left edge is not right of it
    /// (a point of tolerance for rounding).
    func column(of word: TableLine.Word) -> Int {
        guard let x0, let x = word.x0 else { return 0 }
        return x0.lastIndex { $0 <= x + Self.tolerance } ?? 0
    }

    /// The word stays inside its column: it does not reach into the next one.
    func fits(_ word: TableLine.Word) -> Bool {
        guard let x0, let right = word.x1 else { return true }
        let c = column(of: word)
        return c + 1 >= x0.count || right <= x0[c + 1] + Self.tolerance
    }

    static let tolerance = 1.0
}
