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

    /// For each page, the indexes of its furniture lines.
    static func detect(_ pages: [[LayoutLine]], heights: [Double], patterns: [Grammar.Pattern]) -> [Set<Int>] {
        struct Key: Hashable { var text: String; var y: Int }
        func key(_ line: LayoutLine) -> Key {
            Key(text: shape(line.text), y: Int((line.bbox.y0 / 3).rounded()))
        }
        func inBand(_ line: LayoutLine, _ height: Double) -> Bool {
            line.bbox.y1 <= height * marginBand || line.bbox.y0 >= height * (1 - marginBand)
        }

        var pagesWithKey: [Key: Set<Int>] = [:]
        for (p, lines) in pages.enumerated() {
            for line in lines where inBand(line, heights[p]) { pagesWithKey[key(line), default: []].insert(p) }
        }
        // Repeated on at least half the pages, and on at least two.
        let needed = max(2, (pages.count + 1) / 2)
        let repeated = Set(pagesWithKey.filter { $0.value.count >= needed }.keys)

        return pages.enumerated().map { p, lines in
            Set(lines.indices.filter { i in
                let line = lines[i]
                guard inBand(line, heights[p]) else { return false }
                return repeated.contains(key(line)) || patterns.contains { TitleFinder.matches($0, line.text) }
            })
        }
    }
}
