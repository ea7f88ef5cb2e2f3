import Foundation

/// The output contract: one document per input. Key names are relied on by
/// other systems: add keys freely, never rename or remove one (see README,
/// "Output contract" and its changelog).
public struct ReportDocument: Codable, Hashable, Sendable {
    /// "1.1" added `amounts`, "1.2" `spans`, `confidence` and `report.furniture`,
    /// "1.3" `footnoteRefs`, "1.4" `tables` and `budget`, "1.5" negative amounts and `amount-unread`, "1.6" `row-boundary-guessed` on its initiative too (README, changelog); kept equal to the `const` of
    /// Resources/indsats-document.schema.json.
    public static let schemaVersion = "1.6"

    public var schemaVersion: String = ReportDocument.schemaVersion
    public var source: Source
    /// The grammar the document was read with.
    public var grammar: String
    public var report: Report
    public var initiatives: [Initiative]
    /// The report's tables outside the initiative blocks (budget overview, indicators, …).
    public var tables: Tables
    public var footnotes: [Footnote]
    public var warnings: [Warning]

    public init(source: Source, grammar: String, report: Report, initiatives: [Initiative],
                tables: Tables = Tables(), footnotes: [Footnote], warnings: [Warning]) {
        self.source = source; self.grammar = grammar; self.report = report
        self.initiatives = initiatives; self.tables = tables; self.footnotes = footnotes; self.warnings = warnings
    }

    public struct Source: Codable, Hashable, Sendable {
        public enum Format: String, Codable, Hashable, Sendable, CaseIterable { case pdf, text }
        /// The path as given ("-" for standard input).
        public var path: String
        /// SHA-256 of the input bytes, lowercase hex.
        public var sha256: String
        public var format: Format
        public var pages: Int
    }

    public struct Report: Codable, Hashable, Sendable {
        public var title: String?
        public var year: Int?
        /// Running headers, footers and page numbers, each once, digits of page
        /// numbers shown as "#" ("Side #"); never part of a value.
        public var furniture: [String]

        public init(title: String?, year: Int?, furniture: [String] = []) {
            self.title = title; self.year = year; self.furniture = furniture
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(title, forKey: .title)
            try c.encode(year, forKey: .year)
            try c.encode(furniture, forKey: .furniture)
        }
    }

    public struct Initiative: Codable, Hashable, Sendable {
        /// `<first 12 hex digits of the source's sha256>:<number>`; stable for the same input.
        public var id: String
        /// "2.1"; null when the block has no numbered heading.
        public var number: String?
        /// The heading after its number: "Status for Jobpatruljer"; null when there is none.
        public var heading: String?
        /// The chapter heading as printed, when the block's number belongs to it.
        public var chapter: String?
        /// Canonical field key → the whole text of its value cell. A field the block lacks is absent.
        public var fields: [String: String]
        /// Every money amount of the `economy` field, in order of appearance.
        public var amounts: [Amount]
        /// The initiative's row of the budget overview: column heading → figure
        /// in the table's unit (null for "-"); null when the table has no row
        /// with the initiative's number.
        public var budget: [String: Decimal?]?
        /// Field key → the footnote markers its text referred to (taken out of the text), in order.
        public var footnoteRefs: [String: [String]]
        public var pages: Pages
        /// Field key → where its text is, one span per page.
        public var spans: [String: [Span]]
        /// 0…1, from the warnings (see `Confidence`).
        public var confidence: Double
        public var warnings: [Warning]

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(number, forKey: .number)
            try c.encode(heading, forKey: .heading)
            try c.encode(chapter, forKey: .chapter)
            try c.encode(fields, forKey: .fields)
            try c.encode(amounts, forKey: .amounts)
            try c.encode(budget, forKey: .budget)
            try c.encode(footnoteRefs, forKey: .footnoteRefs)
            try c.encode(pages, forKey: .pages)
            try c.encode(spans, forKey: .spans)
            try c.encode(confidence, forKey: .confidence)
            try c.encode(warnings, forKey: .warnings)
        }
    }

    public struct Pages: Codable, Hashable, Sendable {
        public var first: Int
        public var last: Int
    }

    public struct Footnote: Codable, Hashable, Sendable {
        public var marker: String
        public var text: String
        public var page: Int
    }
}
