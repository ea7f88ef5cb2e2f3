import ArgumentParser
import Foundation
import IndsatsKit

/// `indsats extract`: the main job, reports in, JSON documents out: one
/// input in process, several (or with --output-dir / --ndjson) as a batch.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract the initiatives and tables of reports as JSON.",
        discussion: """
            An input is a PDF (read in-process with poppler) or a text file as \
            pdftotext prints it; "-" reads text from standard input. The grammar \
            is chosen by its keywords unless --grammar names one (a name from \
            'indsats grammars', or a path to a grammar file).

            The JSON document holds the source (path, sha256, format, pages), the \
            report's title and year, and every initiative: its number, heading, \
            chapter, fields (name, economy, basis, targetGroup, activities, goal, \
            contribution, followUp, status), money amounts, its budget row, pages \
            and warnings; and the report's tables (budget overview with its unit, \
            indicators, goals, projects), figures exact and printed totals checked. \
            A field the table lacks is absent. Keys are sorted; the same input gives \
            the same bytes. 'indsats schema' prints the contract; --explain shows a \
            result for checking it against the PDF.

            Batches: several inputs, directories (every .pdf and .txt below them) \
            and glob patterns ('archive/*/*.pdf', expanded when the shell did not) \
            need --output-dir or --ndjson. Each input is converted in a worker \
            process (--jobs of them), so a file that crashes or hangs poppler costs \
            only itself; a PDF of more than --split-pages pages is split by pages \
            across the workers, with the same result. A file that fails gets an \
            error record ({"source": …, "error": {"code", "message"}}) and the \
            batch goes on; the exit status \
            is then 1 (0 when all succeeded). With --output-dir, a.pdf becomes \
            DIR/a.pdf.json (or DIR/a.pdf.error.json), mirroring the input's path \
            relative to the current directory (an absolute path outside it without \
            its leading /); a second run converts only what changed (input bytes, \
            grammars, indsats version) and says so when nothing did.

            Examples:
              indsats extract Corpus/statusredegoerelse-2009-bif.pdf
              indsats extract report.txt --compact
              pdftotext report.pdf - | indsats extract -
              indsats extract report.pdf --output report.json --grammar Grammars/kk-integration-status.yaml
              indsats extract locked.pdf --password secret
              indsats extract report.pdf --explain      # fields, pages and first words, for a reviewer
              indsats extract archive/ --output-dir json/ --summary summary.json
              indsats extract 'archive/20*/*.pdf' --ndjson --jobs 4 > reports.ndjson
              indsats extract archive/ --output-dir json/ --shard 0/8    # machine 1 of 8
            """)

    @Argument(help: ArgumentHelp(
        "The reports: .pdf files, .txt files from pdftotext, directories, glob patterns, or - for text on standard input.",
        valueName: "input"))
    var inputs: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp(
        "Write the JSON to <file> (atomically: a temporary file, then renamed) instead of standard output (one input only).",
        valueName: "file"))
    var output: String?

    @OptionGroup var extraction: ExtractionOptions

    @Flag(help: "Instead of JSON, print each initiative and field with its pages and first words, to check a result against the PDF by eye (one input only).")
    var explain = false

    @OptionGroup(title: "Batches") var bulk: BulkOptions

    mutating func validate() throws {
        try bulk.validate(inputCount: inputs.count, output: output)
        if explain, bulk.isBatch(inputCount: inputs.count) {
            throw ValidationError("--explain reads one input; it does not go with several inputs, --output-dir or --ndjson.")
        }
        if bulk.isBatch(inputCount: inputs.count), inputs.contains("-") {
            throw ValidationError("'-' (standard input) cannot be part of a batch; give files or directories.")
        }
    }

    mutating func run() throws {
        if bulk.isBatch(inputCount: inputs.count) {
            try BulkExtraction(inputs: inputs, extraction: extraction, bulk: bulk).run()
            return
        }
        let input = inputs[0]
        var isDirectory: ObjCBool = false
        if input != "-", FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ExtractionError(.unreadable, path: input,
                                  "is a directory: to convert the reports in it, add --output-dir DIR or --ndjson")
        }
        var (extractor, _) = try extraction.extractor()
        extractor.threads = bulk.jobs
        let document = try extractor.extract(try InputDocument.load(path: input))
        let data = explain
            ? Data(Explanation.text(of: document, fieldOrder: extractor.fieldOrder(of: document)).utf8)
            : try JSONOutput.encode(document, pretty: !extraction.compact)
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
}
