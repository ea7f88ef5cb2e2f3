/// Why an input could not be turned into a document. Each case has a stable
/// `code` (used in error records and documented in the README) and its own
/// process exit status, so scripts can tell the reasons apart.
public struct ExtractionError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, CaseIterable, Codable {
        case notFound = "not-found"
        case unreadable
        case empty
        case unknownType = "unknown-type"
        case notPDF = "not-pdf"
        case damaged
        case encrypted
        case noText = "no-text"
        case invalidText = "invalid-text"
        case grammar
        case output
        /// Bulk only: the input took longer than `--timeout`; its worker was killed.
        case timeout
        /// Bulk only: the worker process died while converting the input.
        case crashed

        /// Exit status of `indsats` when a single input fails for this reason.
        /// 1 is kept for "some inputs of a batch failed", 2 for usage errors;
        /// `timeout` and `crashed` only occur in batches, hence 1.
        public var exitCode: Int32 {
            switch self {
            case .notFound: 3
            case .unreadable: 4
            case .empty: 5
            case .unknownType: 6
            case .notPDF: 7
            case .damaged: 8
            case .encrypted: 9
            case .noText: 10
            case .invalidText: 11
            case .grammar: 12
            case .output: 13
            case .timeout, .crashed: 1
            }
        }
    }

    public var code: Code
    /// The file the error is about ("-" for standard input).
    public var path: String
    /// The reason, for a person; no trailing period.
    public var reason: String

    public init(_ code: Code, path: String, _ reason: String) {
        self.code = code; self.path = path; self.reason = reason
    }

    /// One line: `FILE: reason (code)`.
    public var description: String { "\(path): \(reason) [\(code.rawValue)]" }
}
