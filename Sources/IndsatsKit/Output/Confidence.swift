/// How far to trust an initiative, from its warnings: 1 minus a penalty per
/// warning, never below 0. The penalties rank how likely each warning means a
/// wrong value (documented in the README); no warning gives 1.
public enum Confidence {
    public static func penalty(_ code: Warning.Code) -> Double {
        switch code {
        case .unknownLabel, .fieldOutOfOrder, .duplicateField: 0.2
        case .missingField: 0.1
        // Also on the initiative whose budget row they concern: a cell read
        // as null or unreadable, a row that does not add up; and on the one
        // whose table row was placed on a guess (its values may be in the
        // field above or below).
        case .tableCell, .rowBoundaryGuessed: 0.1
        case .emptyValue, .strayText, .footnoteWithoutText, .tableTotalMismatch, .amountUnread: 0.05
        // Document-level: they say nothing about one initiative's values.
        case .grammarFallback, .noInitiatives, .pdfMessage, .noColumns,
             .decodedWindows1252, .mojibake, .tableUnread: 0
        }
    }

    public static func of(_ warnings: [Warning]) -> Double {
        let score = warnings.reduce(1.0) { $0 - penalty($1.code) }
        return (max(0, score) * 100).rounded() / 100
    }
}
