import Foundation

/// The counts of a batch, for the progress line, the closing summary on
/// stderr and `--summary FILE`. Every input is exactly one of converted,
/// failed (an error record made now) or up to date (kept from a former run);
/// `failures` counts every error record the output holds, kept ones included.
public struct BatchSummary: Codable, Equatable, Sendable {
    public var files = 0
    public var converted = 0
    public var failed = 0
    public var upToDate = 0
    /// Error code → inputs with an error record of that code.
    public var failures: [String: Int] = [:]
    /// Pages and initiatives of the documents converted now.
    public var pages = 0
    public var initiatives = 0
    public var seconds = 0.0
    public var jobs = 0
    /// "K/N" with `--shard`.
    public var shard: String?

    public init() {}

    public var done: Int { converted + failed + upToDate }
    public var failureCount: Int { failures.values.reduce(0, +) }

    /// The closing summary, one line.
    public var text: String {
        let failuresByCode = failures.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        if converted == 0 && failed == 0 {
            let kept = failureCount == 0 ? "" : " (\(failureCount) of them error records: \(failuresByCode))"
            return "nothing to do: \(Self.plural(upToDate, "file")) up to date\(kept); --force redoes them"
        }
        var parts = ["\(Self.plural(files, "file")): \(converted) converted"]
        if upToDate > 0 { parts.append("\(upToDate) up to date") }
        parts.append(failureCount == 0 ? "0 failed" : "\(failureCount) failed (\(failuresByCode))")
        return parts.joined(separator: ", ")
            + "; \(Self.plural(pages, "page")), \(Self.plural(initiatives, "initiative")); "
            + String(format: "%.1f s", seconds)
    }

    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}
