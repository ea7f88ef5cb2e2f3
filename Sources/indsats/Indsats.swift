import ArgumentParser
import Foundation
import IndsatsKit

@main
struct Indsats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indsats",
        abstract: "Turn Danish municipal status reports into structured JSON.",
        discussion: """
            indsats reads the initiative tables ("Navn på indsats", "Økonomi", \
            "Målgruppe", …) of Københavns Kommune's status reports, from a PDF or \
            from pdftotext output, and writes each initiative with its fields, \
            pages and warnings as JSON.

            Exit status: 0 success; 1 some inputs of a batch failed; 2 usage error; \
            3 file not found; 4 unreadable; 5 empty; 6 unknown file type; 7 not a PDF; \
            8 damaged PDF; 9 encrypted PDF; 10 no text layer; 11 text undecodable (neither UTF-8 nor Windows-1252); \
            12 grammar error; 13 output not written.
            """,
        version: IndsatsVersion.current,
        subcommands: [ExtractCommand.self, GrammarsCommand.self, SchemaCommand.self, WorkerCommand.self])

    /// Usage errors exit with status 2 (as most Unix tools do), not
    /// ArgumentParser's 64, so that scripts see one number for "called wrongly".
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ExtractionError {
            printError("indsats: \(error)")
            Foundation.exit(error.code.exitCode)
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

enum IndsatsVersion {
    static let current = "0.1.0"
}
