import Foundation

/// Finds the report's title with the grammar's title rule: the first line
/// that matches `start`, continued over the following lines (at most
/// `maxLines` in all) until one matches `end`. The year is the last
/// four-digit year in the title.
public enum TitleFinder {
    public static func find(in lines: [SourceLine], rule: Grammar.TitleRule?) -> ReportDocument.Report {
        guard let rule else { return .init(title: nil, year: nil) }
        for (i, line) in lines.enumerated() where matches(rule.start, line.text) {
            var parts = [line.text]
            var j = i
            while !matches(rule.end, parts.last!), parts.count < rule.maxLines, j + 1 < lines.count,
                  !lines[j + 1].gapBefore {
                j += 1
                parts.append(lines[j].text)
            }
            guard matches(rule.end, parts.last!) else { continue }
            let title = parts.joined(separator: " ")
            return .init(title: title, year: year(in: title))
        }
        return .init(title: nil, year: nil)
    }

    static func matches(_ pattern: Grammar.Pattern, _ text: String) -> Bool {
        pattern.firstMatch(in: text) != nil
    }

    static func year(in title: String) -> Int? {
        let words = title.split(whereSeparator: { !$0.isNumber })
        return words.reversed().lazy.compactMap { w -> Int? in
            guard w.count == 4, let y = Int(w), (1900...2099).contains(y) else { return nil }
            return y
        }.first
    }
}
