/// Running headers, footers and page numbers in text input. With no
/// geometry, a page's first and last lines stand for its margins: walking in
/// from each edge, a line is furniture while its shape (digit runs as "#") is
/// found at the same place from that edge on at least half the pages (and on
/// two), or when it is the edge line and matches one of the grammar's
/// furniture patterns. So a header of two lines goes as a whole.
enum TextFurniture {
    /// How far in from each edge a header or footer may reach.
    static let depth = 3

    static func remove(from text: SourceText, patterns: [Grammar.Pattern]) -> SourceText {
        var pages: [Int: [Int]] = [:]   // page → indexes of its lines, in order
        for (i, line) in text.lines.enumerated() { pages[line.page, default: []].append(i) }

        // (from the bottom?, distance from the edge, shape) → pages where it stands there
        struct Place: Hashable { var fromBottom: Bool; var depth: Int; var shape: String }
        func lineAt(_ lines: [Int], _ fromBottom: Bool, _ k: Int) -> Int? {
            guard k < lines.count else { return nil }
            return fromBottom ? lines[lines.count - 1 - k] : lines[k]
        }
        var seen: [Place: Set<Int>] = [:]
        for (page, lines) in pages {
            for fromBottom in [false, true] {
                for k in 0..<depth {
                    guard let i = lineAt(lines, fromBottom, k) else { break }
                    seen[Place(fromBottom: fromBottom, depth: k, shape: PageFurniture.shape(text.lines[i].text)), default: []].insert(page)
                }
            }
        }
        let needed = max(2, (pages.count + 1) / 2)
        var furniture = Set<Int>()
        for lines in pages.values {
            for fromBottom in [false, true] {
                for k in 0..<depth {
                    guard let i = lineAt(lines, fromBottom, k), !furniture.contains(i) else { break }
                    let line = text.lines[i].text
                    let repeated = seen[Place(fromBottom: fromBottom, depth: k, shape: PageFurniture.shape(line))]!.count >= needed
                    let patterned = k == 0 && patterns.contains { TitleFinder.matches($0, line) }
                    guard repeated || patterned else { break }
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
