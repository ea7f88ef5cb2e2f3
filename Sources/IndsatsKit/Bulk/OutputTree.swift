import Foundation

/// The layout of `--output-dir DIR`: for an input of key `a/b/report.pdf`,
/// its document `DIR/a/b/report.pdf.json` or its error record
/// `DIR/a/b/report.pdf.error.json` (never both), and its resume record
/// `DIR/.indsats/a/b/report.pdf.json`. Keeping the input's extension in the
/// name keeps `report.pdf` and `report.txt` apart.
public struct OutputTree: Sendable {
    public var root: URL

    public init(root: URL) { self.root = root }

    public func document(_ key: String) -> URL { root.appendingPathComponent(key + ".json") }
    public func errorRecord(_ key: String) -> URL { root.appendingPathComponent(key + ".error.json") }
    public func resumeRecord(_ key: String) -> URL {
        root.appendingPathComponent(".indsats").appendingPathComponent(key + ".json")
    }

    /// The resume record of `key`, if there is one and its output still exists.
    func existingRecord(_ key: String) -> ResumeRecord? {
        guard let data = FileManager.default.contents(atPath: resumeRecord(key).path),
              let record = try? JSONDecoder().decode(ResumeRecord.self, from: data),
              FileManager.default.fileExists(
                atPath: document(key).deletingLastPathComponent().appendingPathComponent(record.output).path)
        else { return nil }
        return record
    }

    /// Writes an input's output, removing its other kind first, then its resume
    /// record: killed at any point, no input has two outputs, and one without an
    /// up-to-date record is redone by the next run.
    func store(_ data: Data, isError: Bool, key: String, record: ResumeRecord) throws(ExtractionError) {
        let target = isError ? errorRecord(key) : document(key)
        try? FileManager.default.removeItem(at: isError ? document(key) : errorRecord(key))
        try AtomicFile.write(data, to: target)
        try AtomicFile.write(try Self.encode(record), to: resumeRecord(key))
    }

    /// Removes temporary files that a killed run left for these keys' outputs.
    /// Only these keys': another shard may be writing its own in the same directories.
    func removeLeftovers(for keys: [String]) {
        var owned: [URL: Set<String>] = [:]
        for key in keys {
            for url in [document(key), errorRecord(key), resumeRecord(key)] {
                owned[url.deletingLastPathComponent(), default: []].insert(url.lastPathComponent)
            }
        }
        for (directory, names) in owned {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { continue }
            for entry in entries {
                if let target = AtomicFile.target(ofTemporary: entry), names.contains(target) {
                    try? FileManager.default.removeItem(at: directory.appendingPathComponent(entry))
                }
            }
        }
    }

    private static func encode(_ record: ResumeRecord) throws(ExtractionError) -> Data {
        do { return try JSONOutput.encode(record, pretty: false) } catch {
            throw ExtractionError(.output, path: "resume record", "cannot encode (\(error))")
        }
    }
}
