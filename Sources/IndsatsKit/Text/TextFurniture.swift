/// Running headers, footers and page numbers in text input. With no
/// geometry, the first and last line of each page stand for the margins: such
/// a line is furniture when its shape (digit runs as "#") is the first or last
/// line of at least half the pages (and of two), or when it matches one of the
/// grammar's furniture patterns.
enum TextFurniture {
    static func remove(from text: SourceText, patterns: [Grammar.Pattern]) -> SourceText {
        var edges: [Int: [Int]] = [:]   // page → indexes of its first and last line
        for (i, line) in text.lines.enumerated() {
            var e = edges[line.page, default: []]
            if e.isEmpty { e = [i, i] } else { e[1] = i }
            edges[line.page] = e
        }
        var pagesWithShape: [String: Set<Int>] = [:]
        for (page, e) in edges {
            for i in Set(e) { pagesWithShape[PageFurniture.shape(text.lines[i].text), default: []].insert(page) }
        }
        let needed = max(2, (edges.count + 1) / 2)
        var furniture = Set<Int>()
        for e in edges.values {
            for i in Set(e) {
                let line = text.lines[i].text
                if pagesWithShape[PageFurniture.shape(line)]!.count >= needed
                    || patterns.contains(where: { TitleFinder.matches($0, line) }) {
                    furniture.insert(i)
                }
            }
        }
        guard !furniture.isEmpty else { return text }
        var result = text
        result.lines = text.lines.indices.filter { !furniture.contains($0) }.map { text.lines[$0] }
        result.furniture = furniture.sorted().flatMap { text.lines[$0].parts }
        // A page's new first line starts the page, as the removed one did.
        for i in result.lines.indices where i == 0 || result.lines[i - 1].page != result.lines[i].page {
            result.lines[i].startsPage = true
            result.lines[i].gapBefore = true
        }
        return result
    }
}
