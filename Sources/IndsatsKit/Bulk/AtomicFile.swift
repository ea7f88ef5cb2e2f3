#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Whole files or none: bytes go to a hidden temporary file in the target's
/// directory (so the rename stays within one file system), which is then
/// renamed over the target. A run killed meanwhile leaves only the temporary
/// file, which `leftovers` finds for the next run to remove.
public enum AtomicFile {
    /// Marks temporary files: `.NAME.indsats-tmp-RANDOM` for target NAME.
    static let marker = ".indsats-tmp-"

    public static func write(_ data: Data, to url: URL) throws(ExtractionError) {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(
            "." + url.lastPathComponent + marker + String(UInt64.random(in: 0...UInt64.max), radix: 36))
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try data.write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw ExtractionError(.output, path: url.path, "cannot write the output (\(error.localizedDescription))")
        }
    }

    /// The target name a temporary file of ours was for, or nil if it is none of ours.
    static func target(ofTemporary name: String) -> String? {
        guard name.hasPrefix("."), let range = name.range(of: marker, options: .backwards) else { return nil }
        let target = name[name.index(after: name.startIndex)..<range.lowerBound]
        return target.isEmpty ? nil : String(target)
    }
}
