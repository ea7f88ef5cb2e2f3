import Foundation

/// Finds running headers, footers and page numbers: lines in the top or
/// bottom margin band that repeat on many pages at the same height (digits
/// ignored, so "Side 3" and "Side 4" are the same line), or that match one of
/// the grammar's furniture patterns.
enum PageFurniture {
    /// Share of the page height, from the top and from the bottom, where furniture may stand.
    static let marginBand = 0.12

    /// The text with each run of digits as one "#": "Side 9" and "Side 10" are one line.
    static func shape(_ text: String) -> String {
        var copy = text
        if let plain = copy.withUTF8({ PlainText.isPlain($0) ? plainShape($0) : nil }) { return plain }
        var out = ""
        for c in text {
            // ASCII digits without a look-up of Unicode properties.
            let isNumber = c.asciiValue.map { (0x30...0x39).contains($0) } ?? c.isNumber
            if !(isNumber && out.last == "#") { out.append(isNumber ? "#" : c) }
        }
        return out
    }

    /// `shape` of plain text (a scalar per `Character`), on its bytes.
    private static func plainShape(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            var n = 0, i = 0
            while i < bytes.count {
                let (scalar, width) = PlainText.decode(bytes, at: i)
                if PlainText.isNumber(scalar) {
                    if n == 0 || out[n - 1] != UInt8(ascii: "#") { out[n] = UInt8(ascii: "#"); n += 1 }
                } else {
                    for k in 0..<width { out[n + k] = bytes[i + k] }
                    n += width
                }
                i += width
            }
            return n
        }
    }

    /// A line's identity across pages: its shape and height (in steps of 3 points).
    struct Key: Hashable, Sendable {
        var text: String
        var y: Int

        init(_ line: LayoutLine) {
            text = shape(line.text); y = Int((line.bbox.y0 / 3).rounded())
        }
    }

    /// The keys of a page's lines in the margin bands, the page's vote for what repeats.
    static func bandKeys(_ lines: [LayoutLine], height: Double) -> Set<Key> {
        Set(lines.lazy.filter { inBand($0, height) }.map(Key.init))
    }

    /// The keys repeated on at least half the pages, and on at least two;
    /// `pages`: each page's `bandKeys`.
    static func repeated(_ pages: [Set<Key>]) -> Set<Key> {
        var pagesWithKey: [Key: Int] = [:]
        for keys in pages { for key in keys { pagesWithKey[key, default: 0] += 1 } }
        let needed = max(2, (pages.count + 1) / 2)
        return Set(pagesWithKey.filter { $0.value >= needed }.keys)
    }

    /// The indexes of a page's furniture lines: in a band and repeated, or
    /// matching one of the grammar's furniture patterns.
    static func indexes(_ lines: [LayoutLine], height: Double, repeated: Set<Key>, patterns: [Grammar.Pattern]) -> Set<Int> {
        Set(lines.indices.filter { i in
            let line = lines[i]
            guard inBand(line, height) else { return false }
            return repeated.contains(Key(line)) || patterns.contains { TitleFinder.matches($0, line.text) }
        })
    }

    private static func inBand(_ line: LayoutLine, _ height: Double) -> Bool {
        line.bbox.y1 <= height * marginBand || line.bbox.y0 >= height * (1 - marginBand)
    }
}
