import ArgumentParser
import Foundation
import IndsatsKit

/// `indsats extract`: the main job, one report in, one JSON document out.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract the initiatives of a report as JSON.",
        discussion: """
            The input is a PDF (read in-process with poppler) or a text file as \
            pdftotext prints it; "-" reads text from standard input. The grammar \
            is chosen by its keywords unless --grammar names one (a name from \
            'indsats grammars', or a path to a grammar file).

            The JSON document holds the source (path, sha256, format, pages), the \
            report's title and year, and every initiative: its number, heading, \
            chapter, fields (name, economy, basis, targetGroup, activities, goal, \
            contribution, followUp, status), pages and warnings. A field the table \
            lacks is absent. Keys are sorted; the same input gives the same bytes.

            Examples:
              indsats extract Corpus/statusredegoerelse-2009-bif.pdf
              indsats extract report.txt --compact
              pdftotext report.pdf - | indsats extract -
              indsats extract report.pdf --output report.json --grammar Grammars/kk-integration-status.yaml
              indsats extract locked.pdf --password secret
            """)

    @Argument(help: ArgumentHelp("The report: a .pdf, a .txt from pdftotext, or - for text on standard input.",
                                 valueName: "file"))
    var input: String

    @Option(name: .shortAndLong, help: ArgumentHelp(
        "Write the JSON to <file> (atomically: a temporary file, then renamed) instead of standard output.",
        valueName: "file"))
    var output: String?

    @Option(name: .shortAndLong, help: ArgumentHelp(
        "The grammar to read with: a name from 'indsats grammars' or a path to a .yaml file.",
        valueName: "name-or-file"))
    var grammar: String?

    @OptionGroup var directories: GrammarsCommand.DirectoryOptions

    @Option(help: ArgumentHelp("Password of an encrypted PDF.", valueName: "password"))
    var password: String?

    @Flag(help: "Print the JSON on one line instead of indented.")
    var compact = false

    mutating func run() throws {
        let catalog = GrammarCatalog.installed(explicit: directories.grammarDirectories)
        let chosen = try resolveGrammar(catalog)
        let extractor = Extractor(grammars: catalog.grammars, grammar: chosen, password: password)
        let document = try extractor.extract(try InputDocument.load(path: input))
        let data = try JSONOutput.encode(document, pretty: !compact)
        if let output {
            do {
                try data.write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw ExtractionError(.output, path: output, "cannot write the output (\(error.localizedDescription))")
            }
        } else {
            FileHandle.standardOutput.write(data)
        }
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
