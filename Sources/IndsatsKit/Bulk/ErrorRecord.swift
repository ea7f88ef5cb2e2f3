/// What a batch writes for an input that could not be converted (in
/// `--output-dir` as `NAME.error.json`, in NDJSON as a line), so that a bad
/// file is visible in the output and the batch goes on.
public struct ErrorRecord: Codable, Equatable, Sendable {
    public struct Source: Codable, Equatable, Sendable {
        /// The path as given.
        public var path: String
        /// SHA-256 of the input bytes, when they could be read.
        public var sha256: String?
        /// "pdf" or "text", when it was recognised.
        public var format: InputDocument.Format?

        public init(path: String, sha256: String? = nil, format: InputDocument.Format? = nil) {
            self.path = path; self.sha256 = sha256; self.format = format
        }
    }

    public struct Failure: Codable, Equatable, Sendable {
        /// The `ExtractionError` code ("damaged", "timeout", "crashed" …).
        public var code: ExtractionError.Code
        /// The reason, for a person.
        public var message: String

        public init(code: ExtractionError.Code, message: String) { self.code = code; self.message = message }
    }

    public var source: Source
    public var error: Failure

    public init(source: Source, error: Failure) { self.source = source; self.error = error }
}

extension InputDocument.Format: Codable {}
