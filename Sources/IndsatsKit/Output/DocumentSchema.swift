import Foundation

/// The output contract as a JSON Schema (draft 2020-12), shipped as a
/// resource of IndsatsKit so that `indsats schema` and the tests read the one
/// file that CI validates the Corpus against.
public enum DocumentSchema {
    public static let resourceName = "indsats-document.schema.json"

    /// The schema file's bytes, as committed.
    public static func data() throws -> Data {
        guard let url = Bundle.module.url(forResource: resourceName, withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: resourceName])
        }
        return try Data(contentsOf: url)
    }
}
