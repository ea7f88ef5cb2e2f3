import Foundation

/// A run of glyphs with no word gap between them.
public struct LayoutWord: Hashable, Sendable {
    public var text: String
    /// Exact union of the glyph boxes.
    public var bbox: BBox
    /// Of most of the word's glyphs (the first such on a tie).
    public var fontSize: Double
    /// Of most of the word's glyphs (the first such on a tie).
    public var fontName: String
    /// Whether `fontName` names a bold weight.
    public var isBold: Bool

    public init(text: String, bbox: BBox, fontSize: Double, fontName: String, isBold: Bool) {
        self.text = text; self.bbox = bbox; self.fontSize = fontSize; self.fontName = fontName; self.isBold = isBold
    }
}

extension LayoutWord {
    /// The number of characters of `text`, counted without Unicode's grapheme
    /// rules where it is ASCII (bytes; a word holds no CR LF pair) or plain
    /// (`PlainText`: every scalar a character of its own; lead bytes).
    var characterCount: Int {
        let byteCount: Int?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            if bytes.allSatisfy({ $0 < 0x80 }) { return bytes.count }
            return PlainText.isPlain(bytes) ? bytes.reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 } : nil
        }
        return (byteCount ?? nil) ?? text.count
    }

    /// The texts of `words` joined by single spaces, written straight into
    /// the string's storage (one allocation; lines and parts are made of many).
    static func joinedText(_ words: some Collection<LayoutWord>) -> String {
        var length = words.count - 1
        for word in words { length += word.text.utf8.count }
        guard length > 0 else { return "" }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var end = 0
            var first = true
            for word in words {
                if !first { buffer[end] = 0x20; end += 1 }
                first = false
                let copied = word.text.utf8.withContiguousStorageIfAvailable { bytes in
                    UnsafeMutableBufferPointer(rebasing: buffer[end...]).initialize(fromContentsOf: bytes)
                }
                if let copied { end += copied } else {
                    for byte in word.text.utf8 { buffer[end] = byte; end += 1 }
                }
            }
            return end
        }
    }
}

/// Words sharing a band of the page, left to right. Text in columns side by
/// side is one line; its words keep their x positions so columns can be told
/// apart later.
public struct LayoutLine: Hashable, Sendable {
    public var page: Int
    public var words: [LayoutWord]
    public var bbox: BBox
    /// The words joined by single spaces.
    public var text: String

    public init(page: Int, words: [LayoutWord], bbox: BBox, text: String) {
        self.page = page; self.words = words; self.bbox = bbox; self.text = text
    }
}

/// Rebuilds words and lines from glyph geometry alone. Poppler's own text
/// order and line breaks are not used: it glues neighbouring table cells
/// ("Navn på indsatsSprogcafé") and orders columns unpredictably.
public enum LineAssembler {
    /// Glyphs share a line when their vertical extents overlap by at least this
    /// part of the smaller glyph's height. Half keeps a raised footnote marker
    /// (about 0.6 em high, raised about 0.33 em) on its line while lines set
    /// with ordinary leading stay apart.
    static let lineOverlap = 0.5
    /// A gap wider than this many ems starts a new word. A space is 0.25–0.28 em
    /// in common fonts (0.23 in condensed ones) and justified text only widens
    /// it, while kerning and letter spacing stay around or below 0.1 em.
    static let wordGap = 0.15
    /// A glyph this much smaller than its neighbour, on a baseline shifted by
    /// more than `baselineShift` ems, is a superscript or subscript and starts
    /// a word of its own, so "32,9" + footnote "4" never reads "32,94".
    static let scriptSizeRatio = 0.85
    static let baselineShift = 0.1
    /// A glyph with the same text as an earlier one of its row, starting within
    /// this many ems of it both ways, is the same letter drawn twice (fake bold,
    /// shadows). Real repeated letters ("ll") are a whole advance apart: 0.18 em
    /// or more even in condensed fonts.
    static let duplicateDistance = 0.12

    /// The lines of `page`, top to bottom.
    public static func lines(of page: PDFPageText) -> [LayoutLine] {
        var builder = WordBuilder(fonts: page.fonts)
        var lines: [LayoutLine] = []
        // One buffer for every row's glyphs: a page has dozens of rows.
        var row: [Glyph] = []
        page.glyphs.withUnsafeBufferPointer { glyphs in
            let rows = rows(of: glyphs)
            lines.reserveCapacity(rows.count)
            for indices in rows {
                row.removeAll(keepingCapacity: true)
                for index in indices { row.append(glyphs[index]) }
                dropDuplicates(&row)
                lines.append(LayoutLine(page: page.number, words: row.withUnsafeBufferPointer { words(of: $0, with: &builder) }))
            }
        }
        return lines
    }

    // MARK: Rows

    private struct Row {
        /// Vertical extent of the row's tallest glyph; the row's other glyphs are
        /// compared with it, so rows never grow into their neighbours step by step.
        var band: (top: Double, bottom: Double)
        var height: Double { band.bottom - band.top }
        var glyphs: [Int]
    }

    /// A glyph's place in the sweep: by middle, then left edge (the sort is
    /// stable, so then poppler's order).
    private struct SweepKey {
        var middle: Double
        var x0: Double
        var index: Int
    }

    /// Glyph indices grouped by line, lines top to bottom, glyphs left to right.
    private static func rows(of glyphs: UnsafeBufferPointer<Glyph>) -> [[Int]] {
        // Keys copied out once, so the sort compares values instead of chasing indices.
        var order: [SweepKey] = []
        order.reserveCapacity(glyphs.count)
        // As `max()` would have it, from the first glyph on (a NaN height there stays NaN).
        var tallest = glyphs.first?.bbox.height ?? 0
        for (index, glyph) in glyphs.enumerated() {
            order.append(SweepKey(middle: glyph.bbox.midY, x0: glyph.bbox.x0, index: index))
            if tallest < glyph.bbox.height { tallest = glyph.bbox.height }
        }
        // No glyph reaches further than this above its middle.
        let reach = tallest / 2
        order.sort { $0.middle != $1.middle ? $0.middle < $1.middle : $0.x0 < $1.x0 }
        var done: [Row] = []
        var open: [Row] = []
        for key in order {
            let box = glyphs[key.index].bbox
            // Rows ending above everything still to come are complete; keeping
            // the open rows few keeps this sweep near linear.
            let limit = box.midY - reach
            if open.contains(where: { $0.band.bottom < limit }) {
                done += open.filter { $0.band.bottom < limit }
                open.removeAll { $0.band.bottom < limit }
            }
            if let row = bestRow(for: box, in: open) {
                open[row].glyphs.append(key.index)
                if box.height > open[row].height { open[row].band = (box.y0, box.y1) }
            } else {
                open.append(Row(band: (box.y0, box.y1), glyphs: [key.index]))
            }
        }
        var rows = (done + open).map { row in
            (glyphs: row.glyphs.sorted { glyphs[$0].bbox.x0 < glyphs[$1].bbox.x0 },
             middle: (row.band.top + row.band.bottom) / 2)
        }
        rows.sort {
            $0.middle != $1.middle ? $0.middle < $1.middle
                                   : glyphs[$0.glyphs[0]].bbox.x0 < glyphs[$1.glyphs[0]].bbox.x0
        }
        return rows.map(\.glyphs)
    }

    /// The open row overlapping `box` most, if it overlaps enough.
    private static func bestRow(for box: BBox, in rows: [Row]) -> Int? {
        var best: (row: Int, share: Double)?
        for (position, row) in rows.enumerated() {
            let overlap = min(box.y1, row.band.bottom) - max(box.y0, row.band.top)
            let smaller = min(box.height, row.height)
            guard overlap >= lineOverlap * smaller else { continue }
            let share = smaller > 0 ? overlap / smaller : 1
            if share >= (best?.share ?? 0) { best = (position, share) }
        }
        return best?.row
    }

    /// Merges glyphs that repeat an earlier glyph of the row (sorted by x) into
    /// it. Poppler shares the space between such twins out between their boxes,
    /// so the kept glyph takes the union of both.
    static func dropDuplicates(_ row: inout [Glyph]) {
        var kept = 0
        for position in row.indices {
            let glyph = row[position]
            let limit = duplicateDistance * em(of: glyph)
            var twin: Int?
            var candidate = kept - 1
            while candidate >= 0, glyph.bbox.x0 - row[candidate].bbox.x0 <= limit {
                if row[candidate].showsSameText(as: glyph), abs(row[candidate].bbox.y0 - glyph.bbox.y0) <= limit {
                    twin = candidate
                    break
                }
                candidate -= 1
            }
            if let twin {
                row[twin].bbox = row[twin].bbox.union(glyph.bbox)
            } else {
                row[kept] = glyph
                kept += 1
            }
        }
        row.removeLast(row.count - kept)
    }

    // MARK: Words

    /// Splits a row of glyphs, sorted by x, into words.
    static func words(of row: UnsafeBufferPointer<Glyph>, with builder: inout WordBuilder) -> [LayoutWord] {
        // Word starts first, so the array is allocated once at its size: the
        // words of every page are held until the document is finished, and
        // growth by doubling left a third of that memory unused.
        builder.starts.removeAll(keepingCapacity: true)
        var right = -Double.infinity
        for position in row.indices {
            let glyph = row[position]
            if position == 0 || startsWord(glyph, after: row[position - 1], wordRight: right) {
                builder.starts.append(position)
                right = -Double.infinity
            }
            right = max(right, glyph.bbox.x1)
        }
        let count = builder.starts.count
        var words: [LayoutWord] = []
        words.reserveCapacity(count)
        for n in 0..<count {
            let start = builder.starts[n], end = n + 1 < count ? builder.starts[n + 1] : row.count
            words.append(builder.word(of: UnsafeBufferPointer(rebasing: row[start..<end])))
        }
        return words
    }

    private static func startsWord(_ glyph: Glyph, after previous: Glyph, wordRight: Double) -> Bool {
        let (small, large) = em(of: glyph) < em(of: previous) ? (glyph, previous) : (previous, glyph)
        let size = em(of: large)
        if glyph.bbox.x0 - wordRight > wordGap * size { return true }
        return em(of: small) < scriptSizeRatio * size
            && abs(baseline(of: small) - baseline(of: large)) > baselineShift * size
    }

    /// The font size, or the box height where poppler knows no sensible size.
    private static func em(of glyph: Glyph) -> Double {
        glyph.fontSize.isFinite && glyph.fontSize > 0 ? glyph.fontSize : glyph.bbox.height
    }

    /// Poppler's boxes run from ascent to descent, descent being about a fifth
    /// of the box in common fonts; good enough to compare baselines.
    private static func baseline(of glyph: Glyph) -> Double {
        glyph.bbox.y1 - 0.22 * glyph.bbox.height
    }

    /// Bold weights as font names spell them: "Arial-BoldMT", "Arial,Bold",
    /// "Calibri-Semibold", "Futura-Heavy", "Helvetica-Black", "ITCAvantGarde-Demi",
    /// "Frutiger-Bd". Short forms only count after the family name ("Academica" is no "Demi").
    static func isBold(_ fontName: String) -> Bool {
        // ASCII bytes instead of Foundation's String search: this runs for every word.
        let name = fontName.utf8.map { (65...90).contains($0) ? $0 + 32 : $0 }
        func contains(_ word: String) -> Bool {
            name.indices.contains { name[$0...].starts(with: word.utf8) }
        }
        if contains("bold") || contains("black") || contains("heavy") { return true }
        guard let separator = name.lastIndex(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ",") })
        else { return false }
        let style = name[(separator + 1)...]
        return style.starts(with: "demi".utf8) || style.starts(with: "semibd".utf8) || style.starts(with: "bd".utf8)
    }

}

/// Makes words of glyphs: text from the glyphs' scalars through one reused
/// UTF-8 buffer, font and size those of most of the glyphs.
struct WordBuilder {
    let fonts: [PDFFont]
    private var bytes: [UInt8] = []
    /// Reused by `LineAssembler.words(of:with:)` for the word starts of a row.
    var starts: [Int] = []

    init(fonts: [PDFFont]) { self.fonts = fonts }

    mutating func word(of glyphs: UnsafeBufferPointer<Glyph>) -> LayoutWord {
        bytes.removeAll(keepingCapacity: true)
        var box = glyphs[0].bbox
        var plain = true
        for glyph in glyphs {
            plain = glyph.appendText(to: &bytes) && plain
            box = box.union(glyph.bbox)
        }
        let font = fonts[Int(Self.dominant(glyphs) { $0.font })]
        var text = String(decoding: bytes, as: UTF8.self)
        // NFC, like text input and grammar labels: a letter drawn as base and
        // combining mark ("a" + ring) is the precomposed "å".
        if !plain { text = text.precomposedStringWithCanonicalMapping }
        return LayoutWord(text: text, bbox: box,
                          fontSize: Self.dominant(glyphs) { $0.fontSize }, fontName: font.name, isBold: font.isBold)
    }

    /// The most frequent value, the first one on a tie. Words are short and
    /// mostly of one font and size, so counting in place beats hashing.
    @inline(__always)
    private static func dominant<T: Equatable>(_ glyphs: UnsafeBufferPointer<Glyph>, _ value: (Glyph) -> T) -> T {
        let first = value(glyphs[0])
        if glyphs.allSatisfy({ value($0) == first }) { return first }
        var best = first, bestCount = 0
        for i in glyphs.indices {
            let candidate = value(glyphs[i])
            // Counted at its first occurrence only (a NaN size never equals an earlier one).
            guard !glyphs[..<i].contains(where: { value($0) == candidate }) else { continue }
            let count = 1 + glyphs[(i + 1)...].reduce(0) { value($1) == candidate ? $0 + 1 : $0 }
            if count > bestCount { best = candidate; bestCount = count }
        }
        return best
    }
}

extension LayoutLine {
    /// A line of `words`, its box their union, its text them joined by single spaces.
    public init(page: Int, words: [LayoutWord]) {
        var box = words[0].bbox
        for word in words { box = box.union(word.bbox) }
        self.init(page: page, words: words, bbox: box, text: LayoutWord.joinedText(words))
    }
}
