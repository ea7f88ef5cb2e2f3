/// Turns the assembled lines of a PDF into source lines for the tokenizer:
/// page furniture left out, footnotes at the foot of a page marked, each line
/// split into label and value column, paragraph gaps found, labels moved
/// to the top of their rows (`RowAligner`) and table header rows left out
/// (`TableHeaderRows`).
enum PDFLayout {
    /// Footnote type is smaller than body type by at least this factor.
    static let footnoteScale = 0.85
    /// A vertical gap larger than this many ems between two lines is a paragraph or row break.
    static let paragraphGap = 0.45

    /// In three passes over the pages, each page by page (on up to `threads`
    /// threads; the result is the same whatever their number): what repeats
    /// in the margins; each page's furniture and body lines, its votes for the
    /// value column and its type sizes; then each page laid out with what the
    /// whole document showed. Consumes `pages`: each page's words are
    /// released once it is laid out (when the caller holds no other copy), so
    /// a large document's words are not all held beside the source lines made of them.
    static func sourceText(_ pages: consuming [[LayoutLine]], heights: [Double], pageCount: Int, grammar: Grammar,
                           threads: Int = 1) -> SourceText {
        precondition(pages.count == heights.count, "a height for every page")
        let matcher = LabelMatcher(grammar: grammar)
        let indexed = Array(zip(consume pages, heights))
        let bandKeys = Parallel.map(indexed, threads: threads) { PageFurniture.bandKeys($0.0, height: $0.1) }
        let repeated = PageFurniture.repeated(bandKeys)
        let learned = Parallel.map(consume indexed, threads: threads) { page in
            PageMeasures(page.0, height: page.1, repeated: repeated, grammar: grammar, matcher: matcher)
        }
        let furnitureParts = learned.flatMap(\.furniture)
        let columns = ColumnModel(votes: learned.map { ($0.body.first?.page, $0.votes) }, matcher: matcher)
        let bodySize = bodyFontSize(learned.map(\.sizes))
        let laidOut = Parallel.map(consume learned, threads: threads) { page in
            layOut(page.body, columns: columns, bodySize: bodySize)
        }
        var out: [SourceLine] = []
        out.reserveCapacity(laidOut.reduce(0) { $0 + $1.lines.count })
        var warnings: [Warning] = []
        for page in laidOut {
            out += page.lines
            warnings += page.warnings
        }
        if !columns.hasColumns, !out.isEmpty {
            warnings.append(Warning(.noColumns, "no initiative table was found: no line starts with a label of grammar '\(grammar.name)' followed by a value column"))
        }
        let (lines, headers) = TableHeaderRows.remove(from: out, matcher: matcher)
        return SourceText(lines: lines, pageCount: pageCount, furniture: furnitureParts + headers, warnings: warnings)
    }

    /// What a page tells of the document, with its lines split into furniture and body.
    private struct PageMeasures: Sendable {
        var furniture: [SourceLine.Part]
        var body: [LayoutLine]
        var votes: [Int: Int]
        var sizes: [Double: Int]

        init(_ lines: [LayoutLine], height: Double, repeated: Set<PageFurniture.Key>, grammar: Grammar, matcher: LabelMatcher) {
            let skip = PageFurniture.indexes(lines, height: height, repeated: repeated, patterns: grammar.furniture)
            furniture = skip.sorted().map { part(.full, lines[$0].words, lines[$0].page) }
            body = skip.isEmpty ? lines : lines.indices.filter { !skip.contains($0) }.map { lines[$0] }
            votes = ColumnModel.votes(body, matcher: matcher)
            sizes = PDFLayout.sizes(body)
        }
    }

    /// One page's body lines as source lines, labels moved to the top of their rows.
    private static func layOut(_ lines: [LayoutLine], columns: ColumnModel, bodySize: Double) -> (lines: [SourceLine], warnings: [Warning]) {
        let superscripts = lines.map(SuperscriptMarkers.indexes(in:))
        let footnoteStart = firstFootnoteLine(lines, bodySize: bodySize, superscripts: superscripts)
        var page: [SourceLine] = []
        var previous: LayoutLine?
        for (i, line) in lines.enumerated() {
            let gap = previous.map { line.bbox.y0 - $0.bbox.y1 > paragraphGap * bodySize } ?? true
            var parts: [SourceLine.Part] = []
            let markers = i < footnoteStart ? superscripts[i] : []
            if i < footnoteStart, let (label, value) = columns.split(line) {
                if !label.isEmpty { parts.append(part(.label, label, line.page)) }
                if !value.isEmpty { parts.append(part(.value, value, line.page)) }
            } else {
                parts.append(part(.full, line.words, line.page))
            }
            if !markers.isEmpty { parts = parts.map { takeMarkers(out: $0, line.words, markers) } }
            page.append(SourceLine(page: line.page, parts: parts, role: i < footnoteStart ? .body : .footnote,
                                   gapBefore: gap, startsPage: previous == nil, isBold: isBold(line),
                                   words: i < footnoteStart ? cellWords(line, markers: markers) : nil))
            previous = line
        }
        let aligned = RowAligner.aligned(page)
        return (aligned.lines, aligned.warnings)
    }

    private static func part(_ column: Column, _ words: [LayoutWord], _ page: Int) -> SourceLine.Part {
        let box = words.dropFirst().reduce(words[0].bbox) { $0.union($1.bbox) }
        return .init(column: column, text: LayoutWord.joinedText(words), at: Provenance(page: page, bbox: box))
    }

    /// The part without the marker words that fall inside its box, and with their texts as `markers`.
    private static func takeMarkers(out part: SourceLine.Part, _ words: [LayoutWord], _ markers: Set<Int>) -> SourceLine.Part {
        guard let box = part.at.bbox else { return part }
        let inside = words.indices.filter { i in
            let w = words[i].bbox
            return w.x0 >= box.x0 - 0.01 && w.x1 <= box.x1 + 0.01
        }
        let kept = inside.filter { !markers.contains($0) }
        guard kept.count < inside.count, !kept.isEmpty else { return part }
        var result = Self.part(part.column, kept.map { words[$0] }, part.at.page)
        result.markers = inside.filter { markers.contains($0) }.map { words[$0].text }
        return result
    }

    /// The words of a line with cells side by side, for `TableReader`; nil for
    /// a line without a gap as wide as a column gap.
    private static func cellWords(_ line: LayoutLine, markers: Set<Int>) -> [SourceLine.Word]? {
        let words = line.words
        let starts = words.indices.map { i in
            i == 0 || words[i].bbox.x0 - words[i - 1].bbox.x1 >= ColumnModel.minimumGap * max(words[i].fontSize, words[i - 1].fontSize)
        }
        guard starts.dropFirst().contains(true) else { return nil }
        return words.indices.map { i in
            SourceLine.Word(text: words[i].text, x0: words[i].bbox.x0, x1: words[i].bbox.x1,
                            isMarker: markers.contains(i), startsCell: starts[i])
        }
    }

    /// Characters by type size (to the half point) on a page's lines.
    static func sizes(_ lines: [LayoutLine]) -> [Double: Int] {
        var counts: [Double: Int] = [:]
        // Runs of words share a size: counted up before a look-up.
        var size = Double.nan, run = 0
        for line in lines {
            for word in line.words {
                let rounded = (word.fontSize * 2).rounded() / 2
                if rounded != size {
                    if run > 0 { counts[size, default: 0] += run }
                    size = rounded; run = 0
                }
                run += word.characterCount
            }
        }
        if run > 0 { counts[size, default: 0] += run }
        return counts
    }

    /// The most common type size, weighted by characters; `pages`: each page's `sizes`.
    static func bodyFontSize(_ pages: [[Double: Int]]) -> Double {
        var counts: [Double: Int] = [:]
        for page in pages { for (size, n) in page { counts[size, default: 0] += n } }
        return counts.mostCommonKey ?? 10
    }

    /// Index of the first line of the footnote area at the foot of the page
    /// (lines.count when there is none): the trailing lines set in smaller type
    /// than the body, running as prose (a small table has gaps between its
    /// cells), from the first of them that starts with the number of a
    /// superscript reference on the page's body lines.
    /// `superscripts`: each line's `SuperscriptMarkers.indexes`.
    static func firstFootnoteLine(_ lines: [LayoutLine], bodySize: Double, superscripts: [Set<Int>]) -> Int {
        var start = lines.count
        while start > 0, dominantSize(lines[start - 1]) < footnoteScale * bodySize, isProse(lines[start - 1]) {
            start -= 1
        }
        let references = Set(lines[..<start].indices.flatMap { i in superscripts[i].map { lines[i].words[$0].text } })
        while start < lines.count,
              !(Tokenizer.leadingNumber(lines[start].text).map { references.contains(String($0)) } ?? false) {
            start += 1
        }
        return start
    }

    /// No gap between words wider than a column gap, but for the one after a
    /// leading footnote number (word processors put a tab there).
    private static func isProse(_ line: LayoutLine) -> Bool {
        let start = line.words.first.map { Tokenizer.leadingNumber($0.text + " ") != nil } == true ? 1 : 0
        let words = line.words.dropFirst(start)
        return zip(words, words.dropFirst()).allSatisfy { a, b in
            b.bbox.x0 - a.bbox.x1 < ColumnModel.minimumGap * max(a.fontSize, b.fontSize)
        }
    }

    private static func dominantSize(_ line: LayoutLine) -> Double {
        var counts: [Double: Int] = [:]
        for word in line.words { counts[word.fontSize, default: 0] += word.characterCount }
        return counts.mostCommonKey ?? 0
    }

    private static func isBold(_ line: LayoutLine) -> Bool {
        var bold = 0, all = 0
        for word in line.words {
            let count = word.characterCount
            all += count
            if word.isBold { bold += count }
        }
        return bold * 2 > all
    }
}
