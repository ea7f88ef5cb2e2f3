#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The command line's inputs as the files of a batch, in a stable order:
/// arguments in the order given; a directory as every .pdf and .txt file
/// below it (hidden files and directories skipped), sorted by path bytes;
/// a glob pattern the shell left alone ("reports/*.pdf") as its matches,
/// sorted likewise. An argument that names nothing stays, so that it becomes
/// a `not-found` record rather than vanishing.
public enum InputExpansion {
    /// File extensions taken from directories (explicitly named files are taken whatever their name).
    public static let extensions: Set<String> = ["pdf", "txt"]

    public struct Collision: Error, Sendable, CustomStringConvertible {
        public var key: String
        public var paths: [String]
        public var description: String {
            "\(paths.joined(separator: " and ")) would both be written as '\(key)' in the output directory; "
                + "give them from one side of the current directory (both relative, or cd elsewhere)"
        }
    }

    public static func expand(_ arguments: [String], currentDirectory: String) throws(Collision) -> [BatchInput] {
        var inputs: [BatchInput] = []
        var seen: [String: String] = [:]  // key → absolute path
        for path in arguments.flatMap({ paths(for: $0, currentDirectory: currentDirectory) }) {
            let key = OutputKey.key(for: path, currentDirectory: currentDirectory)
            let absolute = OutputKey.normalized(path.hasPrefix("/") ? path : currentDirectory + "/" + path)
            if let earlier = seen[key] {
                if earlier == absolute { continue }  // the same file named twice
                throw Collision(key: key, paths: [earlier, absolute])
            }
            seen[key] = absolute
            inputs.append(BatchInput(path: path, key: key))
        }
        return inputs
    }

    /// The files one argument stands for.
    static func paths(for argument: String, currentDirectory: String) -> [String] {
        let resolved = argument.hasPrefix("/") ? argument : currentDirectory + "/" + argument
        if !FileManager.default.fileExists(atPath: resolved), isPattern(argument) {
            let matches = glob(argument, currentDirectory: currentDirectory)
            if !matches.isEmpty {
                return matches.flatMap { paths(for: $0, currentDirectory: currentDirectory) }
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), isDirectory.boolValue else {
            return [argument]
        }
        let prefix = argument == "." ? "" : (argument.hasSuffix("/") ? argument : argument + "/")
        return filesBelow(resolved).map { prefix + $0 }
    }

    static func isPattern(_ argument: String) -> Bool {
        argument.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// Relative paths of the .pdf and .txt files below `directory`, sorted by bytes.
    static func filesBelow(_ directory: String) -> [String] {
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        guard let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        let rootPath = root.standardizedFileURL.path
        var found: [String] = []
        for case let url as URL in walker {
            guard extensions.contains(url.pathExtension.lowercased()),
                  (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
            else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(rootPath + "/") else { continue }
            found.append(String(path.dropFirst(rootPath.count + 1)))
        }
        return sortedByBytes(found)
    }

    /// glob(3) matches of `pattern`, relative patterns from `currentDirectory`, sorted by bytes.
    static func glob(_ pattern: String, currentDirectory: String) -> [String] {
        let relative = !pattern.hasPrefix("/")
        let prefix = currentDirectory.hasSuffix("/") ? currentDirectory : currentDirectory + "/"
        var result = glob_t()
        defer { globfree(&result) }
        guard systemGlob((relative ? prefix : "") + pattern, 0, nil, &result) == 0 else { return [] }
        let matches = (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].map { String(cString: $0) } }
        return sortedByBytes(matches.map { relative && $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 })
    }

    static func sortedByBytes(_ paths: [String]) -> [String] {
        paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}

#if canImport(Glibc)
private let systemGlob = Glibc.glob
#elseif canImport(Darwin)
private let systemGlob = Darwin.glob
#endif
