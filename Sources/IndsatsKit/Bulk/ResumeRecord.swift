import Foundation

/// What `--output-dir` keeps beside each input's output (in `DIR/.indsats/KEY.json`)
/// to know, on the next run, whether the output is still what this indsats
/// would make: from the same input bytes, with the same grammars and version.
public struct ResumeRecord: Codable, Equatable, Sendable {
    /// Everything besides the input that decides an output's bytes.
    public struct Producer: Codable, Equatable, Sendable {
        /// The indsats version.
        public var indsats: String
        /// The grammars that could have been chosen: the one `--grammar` names,
        /// or all installed ones (adding one could change the choice).
        public var grammars: [GrammarStamp]
        /// Whether documents are written on one line.
        public var compact: Bool

        public init(indsats: String, grammars: [GrammarStamp], compact: Bool) {
            self.indsats = indsats; self.grammars = grammars; self.compact = compact
        }
    }

    /// A grammar by its name and the SHA-256 of its file's bytes.
    public struct GrammarStamp: Codable, Equatable, Sendable {
        public var name: String
        public var sha256: String

        public init(_ grammar: Grammar) {
            name = grammar.name
            let bytes = grammar.path.flatMap { FileManager.default.contents(atPath: $0) } ?? Data()
            sha256 = SHA256.hex(bytes)
        }
    }

    public var producer: Producer
    /// SHA-256 of the input bytes; nil when they could not be read.
    public var input: String?
    /// The output's file name, in the input key's directory of DIR.
    public var output: String
    /// The error record's code, when the output is one.
    public var error: ExtractionError.Code?

    /// Whether the output may be kept for an input that still has the SHA-256
    /// `input`. Failures that say more about that run than about the file
    /// (`timeout`, `crashed`) are retried, and so is `encrypted` when a
    /// password is given now.
    public func reusable(by producer: Producer, passwordGiven: Bool) -> Bool {
        guard producer == self.producer, input != nil else { return false }
        switch error {
        case .timeout?, .crashed?: return false
        case .encrypted?: return !passwordGiven
        default: return true
        }
    }
}
