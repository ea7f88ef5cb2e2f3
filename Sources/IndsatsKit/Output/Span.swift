/// Where a field's text is on the page: one span per page it covers. In a PDF
/// the box around its lines (points, origin top left); in text the first and
/// last line number.
public struct Span: Codable, Hashable, Sendable {
    public var page: Int
    public var bbox: BBox?
    public var lines: [Int]?

    public init(page: Int, bbox: BBox? = nil, lines: [Int]? = nil) {
        self.page = page; self.bbox = bbox; self.lines = lines
    }

    /// Spans of a field from the provenance of its pieces, in page order.
    static func spans(_ pieces: [Provenance]) -> [Span] {
        var order: [Int] = []
        var byPage: [Int: Span] = [:]
        for at in pieces {
            guard var span = byPage[at.page] else {
                order.append(at.page)
                byPage[at.page] = Span(page: at.page, bbox: at.bbox, lines: at.line.map { [$0, $0] })
                continue
            }
            if let box = at.bbox { span.bbox = span.bbox.map { $0.union(box) } ?? box }
            if let line = at.line, let lines = span.lines {
                span.lines = [min(lines[0], line), max(lines[1], line)]
            }
            byPage[at.page] = span
        }
        return order.sorted().compactMap { byPage[$0] }
    }
}
