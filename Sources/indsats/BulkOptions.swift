import ArgumentParser
import Foundation
import IndsatsKit

/// The options of `indsats extract` that only batches have.
struct BulkOptions: ParsableArguments {
    @Option(name: .customLong("output-dir"), help: ArgumentHelp(
        "Write one JSON file per input below <dir>, mirroring the inputs' paths; skip inputs whose output is up to date.",
        valueName: "dir"), completion: .directory)
    var outputDirectory: String?

    @Flag(help: "Print one compact JSON document (or error record) per line on standard output, in input order.")
    var ndjson = false

    @Option(name: .shortAndLong, help: ArgumentHelp(
        "Convert with <n> worker processes (default: the number of cores); a single input, and the finishing of a PDF split by pages, lay out pages and read initiatives on <n> threads (the same output).", valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp(
        "Give up on an input after <seconds> (its worker is killed; the record says 'timeout'); 0 for no limit.",
        valueName: "seconds"))
    var timeout: Double = 60

    @Option(name: .customLong("split-pages"), help: ArgumentHelp(
        "With several jobs, split a PDF of more than <n> pages into parts of at most <n> pages, read by several workers at once (0: never).",
        valueName: "n"))
    var splitPages: Int = 100

    @Flag(help: "Convert every input again, even those whose output is up to date.")
    var force = false

    @Flag(name: .shortAndLong, help: "No progress line and no summary on standard error (failures are still reported).")
    var quiet = false

    @Option(help: ArgumentHelp("Also write the summary as JSON to <file>.", valueName: "file"))
    var summary: String?

    @Option(help: ArgumentHelp(
        "Convert only part K of N (0 ≤ K < N), chosen by a hash of each input's path: N machines with K = 0…N-1 convert each input once.",
        valueName: "K/N"), transform: { text in
            guard let shard = Shard(parsing: text) else {
                throw ValidationError("--shard wants K/N with 0 ≤ K < N (K counts from 0), not '\(text)'.")
            }
            return shard
        })
    var shard: Shard?

    /// Several inputs, or an option that only batches have.
    func isBatch(inputCount: Int) -> Bool {
        inputCount > 1 || outputDirectory != nil || ndjson
    }

    func validate(inputCount: Int, output: String?) throws {
        if inputCount > 1 && outputDirectory == nil && !ndjson {
            throw ValidationError("Several inputs need --output-dir DIR (one JSON file each) or --ndjson (one line each).")
        }
        if outputDirectory != nil && ndjson { throw ValidationError("Choose one of --output-dir and --ndjson.") }
        if output != nil && isBatch(inputCount: inputCount) {
            throw ValidationError("--output is for one input; use --output-dir for several.")
        }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
        if splitPages < 0 { throw ValidationError("--split-pages must be 0 (never split) or more pages.") }
        if !(timeout >= 0) { throw ValidationError("--timeout must be 0 (no limit) or more seconds.") }
        if !isBatch(inputCount: inputCount) && (force || summary != nil || shard != nil) {
            throw ValidationError("--force, --summary and --shard are for batches: add --output-dir DIR or --ndjson.")
        }
    }
}
