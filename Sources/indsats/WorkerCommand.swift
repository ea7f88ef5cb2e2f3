import ArgumentParser
import Foundation
import IndsatsKit

/// `indsats worker` (hidden): the process a batch converts its inputs in, one
/// request at a time over stdin/stdout (IndsatsKit's WorkerProtocol), so that
/// a crash or hang in poppler costs one input, not the batch.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Convert inputs for a batch of 'indsats extract' (internal).",
        shouldDisplay: false)

    @OptionGroup var extraction: ExtractionOptions

    mutating func run() throws {
        var options = extraction
        let environment = ProcessInfo.processInfo.environment
        if options.password == nil { options.password = environment[ExtractionOptions.passwordVariable] }
        let (extractor, _) = try options.extractor()
        WorkerService(extractor: extractor, compact: options.compact, environment: environment).serve()
    }
}
