import Foundation

extension ReportDocument {
    /// The report's tables outside the initiative blocks; a kind the report
    /// does not print (or the grammar does not describe) is absent.
    public struct Tables: Codable, Hashable, Sendable {
        public var budget: BudgetTable?
        public var indicators: TextTable?
        public var goals: TextTable?
        public var projects: ProjectsTable?

        public init(budget: BudgetTable? = nil, indicators: TextTable? = nil,
                    goals: TextTable? = nil, projects: ProjectsTable? = nil) {
            self.budget = budget; self.indicators = indicators; self.goals = goals; self.projects = projects
        }

        public var isEmpty: Bool { budget == nil && indicators == nil && goals == nil && projects == nil }
    }

    /// The budget overview ("Økonomioversigt"): figures as printed, in `unit`.
    public struct BudgetTable: Codable, Hashable, Sendable {
        public var caption: String
        /// As printed in the caption: "mio. kr.", "1.000 kr.".
        public var unit: String
        /// The figure columns' headings: "2008", …, "I alt".
        public var columns: [String]
        public var rows: [BudgetRow]
        public var pages: Pages
    }

    public struct BudgetRow: Codable, Hashable, Sendable {
        public enum Kind: String, Codable, Hashable, Sendable {
            /// An initiative's row, its label starting with the initiative's number.
            case item
            /// A row without number that heads (and sums) the items below it.
            case group
            /// The table's grand total.
            case total
        }
        public var kind: Kind
        /// "2.1" for an item; null for group and total rows.
        public var number: String?
        /// The label without its number and footnote markers, wrapped lines joined.
        public var label: String
        /// One per column, as printed (footnote markers taken out): "6,9", "-".
        public var cells: [String]
        /// `cells` as exact numbers in the table's unit; null for "-", "./." or an unreadable cell.
        public var values: [Decimal?]
        /// "label" or a column heading → the footnote markers taken out of it.
        public var footnoteRefs: [String: [String]]
        public var page: Int

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(number, forKey: .number)
            try c.encode(label, forKey: .label)
            try c.encode(cells, forKey: .cells)
            try c.encode(values, forKey: .values)
            try c.encode(footnoteRefs, forKey: .footnoteRefs)
            try c.encode(page, forKey: .page)
        }
    }

    /// A table of text cells (indicators, goals): cells as printed, plus each
    /// cell's percentage when the cell is one ("54,40 pct." → 54.40).
    public struct TextTable: Codable, Hashable, Sendable {
        public var caption: String
        /// The column headings as printed, wrapped lines joined.
        public var columns: [String]
        public var rows: [TextRow]
        public var pages: Pages
    }

    public struct TextRow: Codable, Hashable, Sendable {
        public var cells: [String]
        /// Per cell: its value when the whole cell is a percentage, else null.
        public var percentages: [Decimal?]
        /// Column heading → the footnote markers taken out of that cell.
        public var footnoteRefs: [String: [String]]
        public var page: Int

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(cells, forKey: .cells)
            try c.encode(percentages, forKey: .percentages)
            try c.encode(footnoteRefs, forKey: .footnoteRefs)
            try c.encode(page, forKey: .page)
        }
    }

    /// A box of "label value" lines ("Antal projekter 7").
    public struct ProjectsTable: Codable, Hashable, Sendable {
        public var rows: [ProjectsRow]
        public var pages: Pages
    }

    public struct ProjectsRow: Codable, Hashable, Sendable {
        public var label: String
        /// The value as printed: "7", "6.105.606 kr.".
        public var text: String
        /// The value as an exact number (kroner for an amount); null when it is not a number.
        public var value: Decimal?
        /// Whole kroner when the value is a money amount, else null.
        public var dkk: Int?

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(label, forKey: .label)
            try c.encode(text, forKey: .text)
            try c.encode(value, forKey: .value)
            try c.encode(dkk, forKey: .dkk)
        }
    }
}
