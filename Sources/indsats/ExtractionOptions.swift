import ArgumentParser
import Foundation
import IndsatsKit

/// How one input is read: the options `indsats extract` and its workers share.
struct ExtractionOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp(
        "The grammar to read with: a name from 'indsats grammars' or a path to a .yaml file.",
        valueName: "name-or-file"))
    var grammar: String?

    @OptionGroup var directories: GrammarsCommand.DirectoryOptions

    @Option(help: ArgumentHelp("Password of an encrypted PDF.", valueName: "password"))
    var password: String?

    @Flag(help: "Print the JSON on one line instead of indented.")
    var compact = false

    /// The workers get the password through their environment: a command line is visible to every user (ps).
    static let passwordVariable = "INDSATS_WORKER_PASSWORD"

    /// The extractor these options describe, and the grammars it may choose from.
    func extractor() throws -> (Extractor, candidates: [Grammar]) {
        let catalog = GrammarCatalog.installed(explicit: directories.grammarDirectories)
        let chosen = try resolveGrammar(catalog)
        let extractor = Extractor(grammars: catalog.grammars, grammar: chosen, password: password)
        return (extractor, chosen.map { [$0] } ?? catalog.grammars)
    }

    /// These options for a worker's command line (without the password, which goes in `workerEnvironment`).
    var workerArguments: [String] {
        var arguments: [String] = []
        if let grammar { arguments += ["--grammar", grammar] }
        for directory in directories.grammarDirectories { arguments += ["--grammar-dir", directory.path] }
        return arguments
    }

    var workerEnvironment: [String: String] {
        password.map { [Self.passwordVariable: $0] } ?? [:]
    }

    /// `--grammar` as a file path or an installed name. Without it, a broken
    /// installed grammar is an error too: it might have been the right one.
    private func resolveGrammar(_ catalog: GrammarCatalog) throws -> Grammar? {
        guard let grammar else {
            if let error = catalog.errors.first { throw Self.grammarError(error) }
            return nil
        }
        if grammar.contains("/") || grammar.hasSuffix(".yaml") || grammar.hasSuffix(".yml") {
            do {
                return try GrammarLoader.load(contentsOf: URL(fileURLWithPath: grammar))
            } catch {
                throw Self.grammarError(error)
            }
        }
        guard let found = catalog.grammar(named: grammar) else {
            let known = catalog.grammars.map(\.name).joined(separator: ", ")
            throw ExtractionError(.grammar, path: grammar, "no installed grammar of that name (installed: \(known.isEmpty ? "none" : known))")
        }
        return found
    }

    private static func grammarError(_ error: GrammarError) -> ExtractionError {
        ExtractionError(.grammar, path: error.path, error.line.map { "line \($0): \(error.reason)" } ?? error.reason)
    }
}
