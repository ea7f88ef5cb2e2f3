import Yams

/// The `tables:` section of a grammar file (see Grammars/README.md, "Tables").
extension GrammarReader {
    static let tableKinds = ["budget", "indicators", "goals", "projects"]
    static let budgetKeys = ["caption", "column", "sumColumn", "rowNumber", "total"]

    func tableRules(_ node: Node) throws(GrammarError) -> Grammar.TableRules {
        let map = try mapping(node, "tables", allowed: Self.tableKinds, required: [])
        var rules = Grammar.TableRules()
        if let entry = map["budget"] {
            let budget = try mapping(entry.value, "tables.budget", allowed: Self.budgetKeys,
                                     required: ["caption", "column", "rowNumber", "total"])
            let caption = try pattern(budget["caption"]!.value, "tables.budget.caption")
            try requireGroups(["unit"], in: caption, budget["caption"]!.value, "tables.budget.caption")
            let rowNumber = try pattern(budget["rowNumber"]!.value, "tables.budget.rowNumber")
            try requireGroups(["number"], in: rowNumber, budget["rowNumber"]!.value, "tables.budget.rowNumber")
            rules.budget = Grammar.BudgetRule(
                caption: caption, column: try pattern(budget["column"]!.value, "tables.budget.column"),
                sumColumn: try budget["sumColumn"].map { e throws(GrammarError) in try pattern(e.value, "tables.budget.sumColumn") },
                rowNumber: rowNumber, total: try pattern(budget["total"]!.value, "tables.budget.total"))
        }
        for kind in ["indicators", "goals"] {
            guard let entry = map[kind] else { continue }
            let table = try mapping(entry.value, "tables.\(kind)", allowed: ["caption", "columns"], required: ["caption", "columns"])
            var columns: [Grammar.Pattern] = []
            for item in try sequence(table["columns"]!.value, "tables.\(kind).columns", allowEmpty: false) {
                columns.append(try pattern(item, "a column of tables.\(kind)"))
            }
            // Goals are read as pairs of cells; an indicator row as its number, its
            // indicator, one or more measures and a last text column.
            if kind == "goals", columns.count != 2 {
                throw fail(table["columns"]!.value, "tables.goals.columns must name exactly two columns (goal, status)")
            }
            if kind == "indicators", columns.count < 4 {
                throw fail(table["columns"]!.value, "tables.indicators.columns needs at least four columns "
                    + "(number, indicator, one or more measures, a last text column)")
            }
            let rule = Grammar.ColumnsRule(caption: try pattern(table["caption"]!.value, "tables.\(kind).caption"), columns: columns)
            if kind == "indicators" { rules.indicators = rule } else { rules.goals = rule }
        }
        if let entry = map["projects"] {
            let projects = try mapping(entry.value, "tables.projects", allowed: ["rows"], required: ["rows"])
            var rows: [Grammar.Pattern] = []
            for item in try sequence(projects["rows"]!.value, "tables.projects.rows", allowEmpty: false) {
                rows.append(try pattern(item, "a row of tables.projects"))
            }
            rules.projects = Grammar.ProjectsRule(rows: rows)
        }
        return rules
    }
}
