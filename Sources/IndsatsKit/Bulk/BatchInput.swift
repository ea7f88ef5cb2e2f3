/// One input of a batch: the path handed to the extractor (and shown in
/// `source.path`), and the key its outputs are named by in `--output-dir`.
public struct BatchInput: Equatable, Sendable {
    /// The path as given, or as found under a directory given ("reports/2009/a.pdf").
    public var path: String
    /// The input's place in the output tree (see `OutputKey`): "reports/2009/a.pdf".
    public var key: String

    public init(path: String, key: String) { self.path = path; self.key = key }
}
