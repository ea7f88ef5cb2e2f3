/// Where an input's outputs go in `--output-dir`: its path relative to the
/// current directory, or, for a file outside it, its absolute path without
/// the leading "/" (as tar names members). Lexical only: "." and ".." are
/// resolved, symbolic links are not, so the key does not depend on the
/// file system. Distinct files inside the current directory get distinct
/// keys; a file outside it can only collide with one inside, and the batch
/// refuses that (`InputExpansion`).
public enum OutputKey {
    public static func key(for path: String, currentDirectory: String) -> String {
        let absolute = normalized(path.hasPrefix("/") ? path : currentDirectory + "/" + path)
        let base = normalized(currentDirectory)
        let prefix = base == "/" ? "/" : base + "/"
        if absolute.hasPrefix(prefix) { return String(absolute.dropFirst(prefix.count)) }
        return String(absolute.drop(while: { $0 == "/" }))
    }

    /// An absolute path without ".", "..", empty components or a trailing "/".
    static func normalized(_ absolute: String) -> String {
        var parts: [Substring] = []
        for part in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
