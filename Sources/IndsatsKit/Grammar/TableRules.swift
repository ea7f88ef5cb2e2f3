extension Grammar {
    /// The tables a template prints outside its initiative blocks, each found
    /// by its caption and read by the reader of its kind (`TableReader`). A
    /// kind the grammar leaves out is not looked for.
    public struct TableRules: Sendable {
        public var budget: BudgetRule?
        public var indicators: ColumnsRule?
        public var goals: ColumnsRule?
        public var projects: ProjectsRule?

        public init(budget: BudgetRule? = nil, indicators: ColumnsRule? = nil,
                    goals: ColumnsRule? = nil, projects: ProjectsRule? = nil) {
            self.budget = budget; self.indicators = indicators; self.goals = goals; self.projects = projects
        }
    }

    /// A budget overview: a caption naming the unit, a header line of column
    /// headings, then rows of a label and one figure per column.
    public struct BudgetRule: Sendable {
        /// The caption line; its named group `unit` is the unit as printed ("mio. kr.").
        public var caption: Pattern
        /// One column heading ("2009", "I alt"); the header line is nothing but these.
        public var column: Pattern
        /// The heading of the column that sums the others across a row, if any.
        public var sumColumn: Pattern?
        /// The number an item row's label starts with; named group `number`.
        public var rowNumber: Pattern
        /// The label of the table's total row ("I ALT").
        public var total: Pattern

        public init(caption: Pattern, column: Pattern, sumColumn: Pattern?, rowNumber: Pattern, total: Pattern) {
            self.caption = caption; self.column = column; self.sumColumn = sumColumn
            self.rowNumber = rowNumber; self.total = total
        }
    }

    /// A table of text columns under a caption, its header line(s) made of the
    /// column headings in order.
    public struct ColumnsRule: Sendable {
        public var caption: Pattern
        /// The start of each column's heading, left to right.
        public var columns: [Pattern]

        public init(caption: Pattern, columns: [Pattern]) { self.caption = caption; self.columns = columns }
    }

    /// A box of "label value" lines without a caption ("Antal projekter 7").
    public struct ProjectsRule: Sendable {
        /// The start of each row's label; the box starts at a line matching the first.
        public var rows: [Pattern]

        public init(rows: [Pattern]) { self.rows = rows }
    }
}
