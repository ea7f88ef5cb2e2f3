/// One page of a PDF as lines: what the per-page stage of the PDF path
/// (poppler's glyphs, then `LineAssembler`) leaves for the stages that need
/// the whole document (grammar choice, page furniture, columns). Pages are
/// independent up to here, so a document can be read in page ranges, even by
/// different processes, and its pages put back together in order.
public struct PDFPageLines: Hashable, Sendable {
    /// 1-based.
    public var number: Int
    /// In points, after the page's rotation.
    public var width: Double
    public var height: Double
    /// Top to bottom.
    public var lines: [LayoutLine]

    public init(number: Int, width: Double, height: Double, lines: [LayoutLine]) {
        self.number = number; self.width = width; self.height = height; self.lines = lines
    }

    /// The page's lines, assembled from its glyphs.
    public init(_ page: PDFPageText) {
        self.init(number: page.number, width: page.width, height: page.height, lines: LineAssembler.lines(of: page).map(SoftHyphens.dropInsideWords))
    }
}
