import ArgumentParser
import Foundation
import IndsatsKit

/// `indsats grammars`: the report templates indsats knows, which are data
/// files, not code; this command shows which are installed and checks new ones.
struct GrammarsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grammars",
        abstract: "List the installed grammars, or check grammar files.",
        discussion: """
            A grammar is a YAML file that describes one report template: the \
            keywords that identify it, its chapter and block headings, and the \
            labels of its initiative tables. `indsats extract` chooses the grammar \
            whose keywords all occur in a document (the most specific one if \
            several do), unless `--grammar NAME` names one. The file format is \
            described in Grammars/README.md.

            Grammars are looked for, in this order, in:
              1. each --grammar-dir DIR, in the order given;
              2. the directories in $INDSATS_GRAMMAR_PATH (colon-separated);
              3. ./Grammars in the current directory;
              4. Grammars/ of the source checkout indsats was built in;
              5. ../share/indsats/Grammars beside the indsats executable.
            A grammar's name is its file name without .yaml or .yml; the first \
            file of a name wins.

            Examples:
              indsats grammars
              indsats grammars list --verbose
              indsats grammars list --json
              indsats grammars check Grammars/my-template.yaml
              indsats grammars check --grammar-dir ~/grammars
            """,
        subcommands: [List.self, Check.self],
        defaultSubcommand: List.self)

    /// Grammar directories to search before the default places.
    struct DirectoryOptions: ParsableArguments {
        @Option(
            name: .customLong("grammar-dir"),
            help: ArgumentHelp(
                "Look for grammars in <dir> before the default places (repeatable).",
                valueName: "dir"),
            completion: .directory,
            transform: { URL(fileURLWithPath: $0, isDirectory: true) })
        var grammarDirectories: [URL] = []
    }
}

// MARK: - list

extension GrammarsCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show each installed grammar: name, fields, file and description.",
            discussion: """
                Broken grammar files are reported on standard error, and make the \
                exit status 12, as a broken grammar does for `indsats extract`.
                """)

        @OptionGroup var directories: DirectoryOptions

        @Flag(help: "Print one JSON object (directories, grammars, errors, shadowed) instead of text.")
        var json = false

        @Flag(name: .shortAndLong, help: "Also show the directories searched and the files shadowed by an earlier grammar of the same name.")
        var verbose = false

        mutating func run() throws {
            let catalog = GrammarCatalog.installed(explicit: directories.grammarDirectories)
            if json {
                print(try Listing(catalog).jsonText(), terminator: "")
            } else {
                printText(catalog)
            }
            for error in catalog.errors { GrammarsCommand.printError("error: \(error)") }
            if !catalog.errors.isEmpty { throw ExitCode(ExtractionError.Code.grammar.exitCode) }
        }

        private func printText(_ catalog: GrammarCatalog) {
            if verbose || catalog.grammars.isEmpty {
                print(catalog.grammars.isEmpty ? "No grammars found. Searched:" : "Searched:")
                for directory in catalog.directories {
                    let missing = FileManager.default.fileExists(atPath: directory.url.path) ? "" : ", not found"
                    print("  \(directory.url.path) (\(directory.origin.rawValue)\(missing))")
                }
                if !catalog.grammars.isEmpty { print() }
            }
            let width = catalog.grammars.map(\.name.count).max() ?? 0
            for grammar in catalog.grammars {
                let name = grammar.name.padding(toLength: width, withPad: " ", startingAt: 0)
                let fields = grammar.fields.count == 1 ? "1 field" : "\(grammar.fields.count) fields"
                print("\(name)  \(fields)  \(grammar.path ?? "-")")
                print("\(String(repeating: " ", count: width))  \(grammar.description)")
            }
            if verbose {
                for file in catalog.shadowed { print("shadowed: \(file.path)") }
            }
        }
    }

    /// `list --json`: a stable, machine-readable shape.
    struct Listing: Encodable {
        struct Directory: Encodable { var path: String; var origin: String; var exists: Bool }
        struct Entry: Encodable {
            var name: String, path: String?, description: String
            var keywords: [String], fields: [String], fieldCount: Int
        }
        struct Problem: Encodable { var path: String; var line: Int?; var reason: String }

        var directories: [Directory]
        var grammars: [Entry]
        var errors: [Problem]
        var shadowed: [String]

        init(_ catalog: GrammarCatalog) {
            directories = catalog.directories.map {
                Directory(path: $0.url.path, origin: $0.origin.rawValue,
                          exists: FileManager.default.fileExists(atPath: $0.url.path))
            }
            grammars = catalog.grammars.map {
                Entry(name: $0.name, path: $0.path, description: $0.description, keywords: $0.keywords,
                      fields: $0.fields.map(\.key), fieldCount: $0.fields.count)
            }
            errors = catalog.errors.map { Problem(path: $0.path, line: $0.line, reason: $0.reason) }
            shadowed = catalog.shadowed.map(\.path)
        }

        /// The listing as pretty JSON, ending in a line feed.
        func jsonText() throws -> String {
            String(decoding: try JSONOutput.encode(self), as: UTF8.self)
        }
    }
}

// MARK: - check

extension GrammarsCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate grammar files.",
            discussion: """
                Prints `FILE: ok (N fields)` for each good file and `FILE:LINE: reason` \
                on standard error for each broken one, then exits with status 12 if \
                any was broken (0 otherwise). Without files, checks every grammar \
                file in the search path, shadowed ones included.
                """)

        @OptionGroup var directories: DirectoryOptions

        @Argument(
            help: ArgumentHelp("Grammar files (.yaml or .yml) to check.", valueName: "file"),
            completion: .file(extensions: ["yaml", "yml"]))
        var files: [String] = []

        mutating func run() throws {
            var broken = false
            for file in try filesToCheck(&broken) {
                do throws(GrammarError) {
                    let grammar = try GrammarLoader.load(contentsOf: URL(fileURLWithPath: file))
                    print("\(file): ok (\(grammar.fields.count) field\(grammar.fields.count == 1 ? "" : "s"))")
                } catch {
                    var error = error
                    error.path = file  // as the user wrote it, not made absolute
                    GrammarsCommand.printError(error.description)
                    broken = true
                }
            }
            if broken { throw ExitCode(ExtractionError.Code.grammar.exitCode) }
        }

        /// The files named, or else every grammar file in the search path.
        private func filesToCheck(_ broken: inout Bool) throws -> [String] {
            guard files.isEmpty else { return files }
            var found: [String] = []
            for directory in GrammarCatalog.searchPath(explicit: directories.grammarDirectories) {
                var isDirectory: ObjCBool = false
                if directory.origin == .option,
                   !FileManager.default.fileExists(atPath: directory.url.path, isDirectory: &isDirectory)
                    || !isDirectory.boolValue {
                    GrammarsCommand.printError("\(directory.url.path): no such directory")
                    broken = true
                }
                found += GrammarCatalog.grammarFiles(in: directory.url).map(\.path)
            }
            if found.isEmpty && !broken {
                throw ValidationError("No grammar files found; name one, or use --grammar-dir.")
            }
            return found
        }
    }
}

extension GrammarsCommand {
    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
