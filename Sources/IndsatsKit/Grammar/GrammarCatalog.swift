import Foundation

/// The installed grammars: every `*.yaml` / `*.yml` file in the grammar
/// directories, searched in this order:
///
/// 1. the directories the caller names (`indsats --grammar-dir DIR`, repeatable);
/// 2. the directories in the environment variable `INDSATS_GRAMMAR_PATH`,
///    colon-separated, relative ones taken from the current directory;
/// 3. `./Grammars` in the current directory;
/// 4. `Grammars/` in the source checkout the executable was built in: the
///    nearest directory above the executable holding both `Package.swift` and
///    `Grammars/` (so `swift run indsats` and `.build/debug/indsats` work from
///    anywhere);
/// 5. `../share/indsats/Grammars` beside the executable's directory (an install
///    into `PREFIX/bin`).
///
/// A grammar's name is its file name without extension; the first file of a
/// name wins, later ones are `shadowed`, and within one directory files are
/// read in name order. A file that fails to load is reported in `errors` and
/// still claims its name, so a broken override never silently gives way to
/// another grammar of the same name. Directories that do not exist are
/// skipped, except those the caller named, which are reported.
public struct GrammarCatalog: Sendable {
    /// Where a search directory came from, for `indsats grammars list`.
    public enum Origin: String, Sendable, Codable {
        case option, environment, currentDirectory = "current-directory", checkout, install
    }

    public struct Directory: Sendable, Equatable {
        public var url: URL
        public var origin: Origin

        public init(url: URL, origin: Origin) { self.url = url; self.origin = origin }
    }

    /// The environment variable with extra grammar directories.
    public static let environmentVariable = "INDSATS_GRAMMAR_PATH"

    /// Directories searched, in order, without duplicates.
    public var directories: [Directory]
    /// Loaded grammars, one per name, sorted by name.
    public var grammars: [Grammar]
    /// Files that did not load (and directories named but missing), in search order.
    public var errors: [GrammarError]
    /// Files hidden by an earlier file of the same name, in search order.
    public var shadowed: [URL]

    /// The grammar called `name`, if one loaded.
    public func grammar(named name: String) -> Grammar? {
        grammars.first { $0.name == name }
    }

    /// The catalog of this process: its environment, current directory and executable.
    public static func installed(explicit: [URL] = []) -> GrammarCatalog {
        discover(in: searchPath(explicit: explicit))
    }

    /// The search directories of this process, `explicit` first.
    public static func searchPath(explicit: [URL]) -> [Directory] {
        searchPath(
            explicit: explicit,
            environment: ProcessInfo.processInfo.environment,
            currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true),
            executable: Bundle.main.executableURL)
    }

    /// The search directories in order (see the type's documentation).
    public static func searchPath(explicit: [URL], environment: [String: String],
                                  currentDirectory: URL, executable: URL?) -> [Directory] {
        var found = explicit.map { Directory(url: $0, origin: .option) }
        for entry in (environment[environmentVariable] ?? "").split(separator: ":") {
            let url = URL(fileURLWithPath: String(entry), isDirectory: true, relativeTo: currentDirectory)
            found.append(Directory(url: url, origin: .environment))
        }
        found.append(Directory(url: currentDirectory.appendingPathComponent("Grammars", isDirectory: true),
                               origin: .currentDirectory))
        if let binDirectory = executable?.resolvingSymlinksInPath().deletingLastPathComponent() {
            if let checkout = checkoutGrammars(above: binDirectory) {
                found.append(Directory(url: checkout, origin: .checkout))
            }
            let share = binDirectory.appendingPathComponent("../share/indsats/Grammars", isDirectory: true)
            found.append(Directory(url: share, origin: .install))
        }
        var seen: Set<String> = []
        return found
            .map { Directory(url: $0.url.absoluteURL.standardizedFileURL, origin: $0.origin) }
            .filter { seen.insert($0.url.path).inserted }
    }

    /// `Grammars/` of the nearest enclosing package checkout, if any.
    static func checkoutGrammars(above directory: URL) -> URL? {
        var current = directory.standardizedFileURL
        while true {
            let grammars = current.appendingPathComponent("Grammars", isDirectory: true)
            if isDirectory(grammars), FileManager.default.fileExists(atPath: current.appendingPathComponent("Package.swift").path) {
                return grammars
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }

    /// Loads every grammar file in `directories`, in order.
    public static func discover(in directories: [Directory]) -> GrammarCatalog {
        var catalog = GrammarCatalog(directories: directories, grammars: [], errors: [], shadowed: [])
        var names: Set<String> = []
        for directory in directories {
            guard isDirectory(directory.url) else {
                if directory.origin == .option {
                    catalog.errors.append(GrammarError(path: directory.url.path, line: nil, reason: "no such directory"))
                }
                continue
            }
            for file in grammarFiles(in: directory.url) {
                guard names.insert(file.deletingPathExtension().lastPathComponent).inserted else {
                    catalog.shadowed.append(file)
                    continue
                }
                do throws(GrammarError) {
                    catalog.grammars.append(try GrammarLoader.load(contentsOf: file))
                } catch {
                    catalog.errors.append(error)
                }
            }
        }
        catalog.grammars.sort { $0.name < $1.name }
        return catalog
    }

    /// The `*.yaml` and `*.yml` files directly in `directory` (hidden ones
    /// skipped), sorted by file name.
    public static func grammarFiles(in directory: URL) -> [URL] {
        let entries = (try? FileManager.default.contentsOfDirectory(
            at: directory, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])) ?? []
        return entries
            .filter { ["yaml", "yml"].contains($0.pathExtension) && !isDirectory($0) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
