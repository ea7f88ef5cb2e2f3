#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Foundation
import IndsatsKit

/// `indsats extract` as a batch: expands the inputs, runs them on worker
/// processes (IndsatsKit's BatchRunner), shows progress and the summary on
/// stderr, and exits 1 when any input has an error record.
struct BulkExtraction {
    var inputs: [String]
    var extraction: ExtractionOptions
    var bulk: BulkOptions

    func run() throws {
        let started = Date()
        let (_, candidates) = try extraction.extractor()  // a broken grammar stops the batch before it starts
        let currentDirectory = FileManager.default.currentDirectoryPath
        var expanded: [BatchInput]
        do {
            expanded = try InputExpansion.expand(inputs, currentDirectory: currentDirectory)
        } catch {
            throw ValidationError(error.description)
        }
        if let shard = bulk.shard { expanded = expanded.filter { shard.contains(key: $0.key) } }

        let compact = extraction.compact || bulk.ndjson
        let settings = BatchRunner.Settings(
            inputs: expanded,
            outputDirectory: bulk.outputDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) },
            jobs: bulk.jobs, timeout: bulk.timeout > 0 ? bulk.timeout : nil, force: bulk.force,
            producer: .init(indsats: IndsatsVersion.current, grammars: candidates.map(ResumeRecord.GrammarStamp.init),
                            compact: compact),
            passwordGiven: extraction.password != nil,
            workerExecutable: Self.executablePath(),
            workerArguments: ["worker"] + extraction.workerArguments + (compact ? ["--compact"] : []),
            workerEnvironment: extraction.workerEnvironment,
            shard: bulk.shard,
            // One job gains nothing from parts, which only add their reading back.
            splitPages: bulk.jobs > 1 && bulk.splitPages > 0 ? bulk.splitPages : nil)

        let terminal = ProgressTerminal(enabled: !bulk.quiet && isatty(STDERR_FILENO) == 1, total: expanded.count)
        var summary = try BatchRunner(settings).run(
            progress: { terminal.show($0) },
            failed: { terminal.print("indsats: \($0.source.path): \($0.error.message) [\($0.error.code.rawValue)]") })
        terminal.finish()
        summary.seconds = Date().timeIntervalSince(started)
        if !bulk.quiet { terminal.print("indsats: " + summary.text) }
        if let file = bulk.summary {
            try AtomicFile.write(try JSONOutput.encode(summary), to: URL(fileURLWithPath: file))
        }
        if summary.failureCount > 0 { throw ExitCode(1) }
    }

    /// This executable, to start workers with: /proc/self/exe where there is one.
    static func executablePath() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}
