/// Something the reader of the output should know: a field missing, text
/// that fit nowhere, a message from poppler. `code` is stable; `message` is for people.
public struct Warning: Hashable, Sendable, Codable {
    public enum Code: String, Hashable, Sendable, Codable, CaseIterable {
        case missingField = "missing-field"
        case emptyValue = "empty-value"
        case duplicateField = "duplicate-field"
        case fieldOutOfOrder = "field-out-of-order"
        case unknownLabel = "unknown-label"
        /// Text that belongs nowhere (a footnote line without marker, value text before any label).
        case strayText = "stray-text"
        /// A footnote reference in a value whose footnote text was not found.
        case footnoteWithoutText = "footnote-without-text"
        case grammarFallback = "grammar-fallback"
        case noInitiatives = "no-initiatives"
        case pdfMessage = "pdf-message"
        case noColumns = "no-columns"
        /// Text input that is not UTF-8, read as Windows-1252.
        case decodedWindows1252 = "decoded-windows-1252"
        /// Valid UTF-8 that looks double-encoded ("Ã¸" for "ø").
        case mojibake
        /// A table cell that could not be read as printed (an odd figure, a missing cell).
        case tableCell = "table-cell"
        /// A printed total that is not the sum of the figures it totals.
        case tableTotalMismatch = "table-total-mismatch"
        /// A table's caption was found but its header or rows were not.
        case tableUnread = "table-unread"
        /// A centred label's row was placed on a guess (`RowAligner`).
        case rowBoundaryGuessed = "row-boundary-guessed"
        /// Money in the economy field that is not one amount ("2-3 mio. kr."), left out of `amounts`.
        case amountUnread = "amount-unread"
    }

    public var code: Code
    public var message: String
    public var page: Int?
    /// 1-based line of a text input.
    public var line: Int?
    /// The initiative number of the budget row a table warning is about, so
    /// that initiative carries it too. Not written: the message names the row.
    var budgetRow: String?
    /// Where on a PDF page it points (a label's box), so that the initiative
    /// whose row that is can carry it too. Not written: `page` says where.
    var box: BBox?

    private enum CodingKeys: String, CodingKey { case code, message, page, line }

    public init(_ code: Code, _ message: String, page: Int? = nil, line: Int? = nil) {
        self.code = code; self.message = message; self.page = page; self.line = line
    }

    /// The warning as one about the budget row of initiative `number` (nil: no item row).
    func about(budgetRow number: String?) -> Warning {
        var warning = self
        warning.budgetRow = number
        return warning
    }

    init(_ code: Code, _ message: String, at: Provenance?) {
        self.init(code, message, page: at?.page, line: at?.line)
        box = at?.bbox
    }
}
