import Foundation

/// Checks a budget table's printed totals against the figures they total,
/// exactly, and reports each difference. A printed figure is never changed.
/// - the sum column ("I alt") of each row against the row's other figures;
/// - each group row against the item rows below it, up to the next group;
/// - the total row against the groups and the items outside any group.
/// A dash counts as zero; a cell that is not a number leaves its check out.
enum BudgetTotals {
    static func check(_ table: ReportDocument.BudgetTable, sumColumn: Grammar.Pattern?) -> [Warning] {
        var warnings: [Warning] = []
        let sumIndex = sumColumn.flatMap { pattern in table.columns.firstIndex { pattern.firstMatch(in: $0) != nil } }
        if let k = sumIndex {
            for row in table.rows {
                let others = row.cells.indices.filter { $0 != k }
                guard let printed = figure(row, k), let parts = sum(others.map { figure(row, $0) }) else { continue }
                if parts != printed {
                    warnings.append(mismatch(row, table.columns[k], printed: printed, sum: parts, of: "the row's other figures"))
                }
            }
        }
        var groups: [(row: ReportDocument.BudgetRow, items: [ReportDocument.BudgetRow])] = []
        var loose: [ReportDocument.BudgetRow] = []
        for row in table.rows {
            switch row.kind {
            case .group: groups.append((row, []))
            case .item: if groups.isEmpty { loose.append(row) } else { groups[groups.count - 1].items.append(row) }
            case .total:
                for column in table.columns.indices {
                    let terms = (groups.map(\.row) + loose).map { figure($0, column) }
                    guard let printed = figure(row, column), let total = sum(terms) else { continue }
                    if total != printed {
                        warnings.append(mismatch(row, table.columns[column], printed: printed, sum: total,
                                                 of: groups.isEmpty ? "the rows above" : "the group rows"))
                    }
                }
            }
        }
        for (group, items) in groups where !items.isEmpty {
            for column in table.columns.indices {
                guard let printed = figure(group, column), let total = sum(items.map { figure($0, column) }) else { continue }
                if total != printed {
                    warnings.append(mismatch(group, table.columns[column], printed: printed, sum: total, of: "its rows"))
                }
            }
        }
        return warnings
    }

    /// The cell's value, zero for an empty mark, nil for an unreadable cell.
    private static func figure(_ row: ReportDocument.BudgetRow, _ column: Int) -> Decimal? {
        if let value = row.values[column] { return value }
        return TableText.empty.contains(row.cells[column]) ? 0 : nil
    }

    private static func sum(_ terms: [Decimal?]) -> Decimal? {
        var total: Decimal = 0
        for term in terms {
            guard let term else { return nil }
            total += term
        }
        return total
    }

    private static func mismatch(_ row: ReportDocument.BudgetRow, _ column: String, printed: Decimal, sum: Decimal,
                                 of what: String) -> Warning {
        Warning(.tableTotalMismatch, "budget table, row '\(row.label)', column '\(column)': printed "
            + "\(TableText.danish(printed)), \(what) add up to \(TableText.danish(sum))", page: row.page)
            .about(budgetRow: row.number)
    }
}
