#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A batch: every input converted by worker processes (`WorkerPool`), each
/// result written as it comes (`--output-dir`) or in input order (NDJSON on
/// standard output), inputs whose output is up to date skipped.
public struct BatchRunner {
    public struct Settings {
        public var inputs: [BatchInput]
        /// nil: NDJSON on standard output.
        public var outputDirectory: URL?
        public var jobs: Int
        /// Seconds per input; nil for none.
        public var timeout: Double?
        public var force: Bool
        public var producer: ResumeRecord.Producer
        public var passwordGiven: Bool
        /// How to start a worker: this executable with its `worker` subcommand and options.
        public var workerExecutable: String
        public var workerArguments: [String]
        public var workerEnvironment: [String: String]
        public var shard: Shard?
        /// A PDF of more pages is split into parts of at most this many pages,
        /// converted by several workers at once; nil: never split.
        public var splitPages: Int?

        public init(inputs: [BatchInput], outputDirectory: URL?, jobs: Int, timeout: Double?, force: Bool,
                    producer: ResumeRecord.Producer, passwordGiven: Bool,
                    workerExecutable: String, workerArguments: [String], workerEnvironment: [String: String],
                    shard: Shard?, splitPages: Int? = nil) {
            self.inputs = inputs; self.outputDirectory = outputDirectory; self.jobs = jobs; self.timeout = timeout
            self.force = force; self.producer = producer; self.passwordGiven = passwordGiven
            self.workerExecutable = workerExecutable; self.workerArguments = workerArguments
            self.workerEnvironment = workerEnvironment; self.shard = shard; self.splitPages = splitPages
        }
    }

    public var settings: Settings
    public init(_ settings: Settings) { self.settings = settings }

    /// Runs the batch. `progress` is called after each input, `failed` for each
    /// error record made now; both on the calling thread.
    public func run(progress: (BatchSummary) -> Void, failed: (ErrorRecord) -> Void) throws -> BatchSummary {
        signal(SIGPIPE, SIG_IGN)  // a dead worker or a closed stdout is an error to handle, not death
        let start = WorkerPool.now()
        var summary = BatchSummary()
        summary.files = settings.inputs.count
        summary.jobs = settings.jobs
        summary.shard = settings.shard?.description
        let tree = settings.outputDirectory.map(OutputTree.init(root:))
        let kept = tree.map(keptRecords) ?? [:]
        tree?.removeLeftovers(for: settings.inputs.map(\.key))

        var pending: [Int: Data] = [:]  // NDJSON lines waiting for their turn
        var nextLine = 0
        var splitter = settings.splitPages.map { PageSplitter(pagesPerPart: $0, workers: settings.jobs) }
        let jobs = settings.inputs.enumerated().map { index, input in
            WorkerPool.Job(input: index, request: splitter?.request(path: input.path, unlessSHA256: kept[index]?.input)
                           ?? .init(path: input.path, unlessSHA256: kept[index]?.input))
        }
        let pool = WorkerPool(.init(executable: settings.workerExecutable, arguments: settings.workerArguments,
                                    environment: settings.workerEnvironment,
                                    jobs: settings.jobs, timeout: settings.timeout))
        try pool.run(jobs) { job, jobOutcome in
            var outcome = jobOutcome
            if splitter != nil {
                switch splitter!.next(after: job, jobOutcome) {
                case .more(let jobs): return jobs
                case .done(let done): outcome = done
                }
            }
            let index = job.input
            let input = settings.inputs[index]
            let result = self.result(outcome, for: input)
            switch result {
            case .unchanged:
                summary.upToDate += 1
                if let code = kept[index]?.error { summary.failures[code.rawValue, default: 0] += 1 }
            case .document(let data, let reply):
                summary.converted += 1
                summary.pages += reply.pages
                summary.initiatives += reply.initiatives
                try self.deliver(data, isError: false, input: input, sha256: reply.source.sha256, error: nil, tree: tree,
                                 index: index, pending: &pending, nextLine: &nextLine)
            case .failure(let record):
                summary.failed += 1
                summary.failures[record.error.code.rawValue, default: 0] += 1
                failed(record)
                let data = try Self.encode(record, compact: settings.producer.compact || tree == nil)
                try self.deliver(data, isError: true, input: input, sha256: record.source.sha256, error: record.error.code,
                                 tree: tree, index: index, pending: &pending, nextLine: &nextLine)
            }
            summary.seconds = Double(WorkerPool.now() - start) / 1e9
            progress(summary)
            return []
        }
        summary.seconds = Double(WorkerPool.now() - start) / 1e9
        return summary
    }

    enum Result {
        case unchanged
        case document(Data, WorkerProtocol.Reply)
        case failure(ErrorRecord)
    }

    /// A worker's outcome as what to write.
    func result(_ outcome: WorkerPool.Outcome, for input: BatchInput) -> Result {
        switch outcome {
        case .reply(let reply, let payload):
            switch reply.status {
            case .unchanged: return .unchanged
            case .document: return .document(payload, reply)
            case .split, .lines:
                return .failure(ErrorRecord(source: reply.source, error: .init(
                    code: .crashed, message: "the worker answered '\(reply.status.rawValue)', which was not asked for")))
            case .error:
                return .failure(ErrorRecord(source: reply.source, error: reply.error
                    ?? .init(code: .crashed, message: "the worker reported an error without a reason")))
            }
        case .crashed(let how):
            return .failure(ErrorRecord(source: Self.source(of: input.path), error: .init(code: .crashed, message: how)))
        case .timedOut:
            let limit = settings.timeout.map { String(format: "%g", $0) } ?? "?"
            return .failure(ErrorRecord(source: Self.source(of: input.path), error: .init(
                code: .timeout, message: "no result within \(limit) s (--timeout); the worker was stopped")))
        }
    }

    /// For records the parent makes itself (the worker died): what can be told of the file.
    static func source(of path: String) -> ErrorRecord.Source {
        guard let data = FileManager.default.contents(atPath: path) else { return .init(path: path) }
        return .init(path: path, sha256: SHA256.hex(data), format: try? InputDocument.sniff(data, path: path))
    }

    /// The resume records of inputs whose output can be kept if their bytes have not changed.
    private func keptRecords(_ tree: OutputTree) -> [Int: ResumeRecord] {
        guard !settings.force else { return [:] }
        var kept: [Int: ResumeRecord] = [:]
        for (index, input) in settings.inputs.enumerated() {
            if let record = tree.existingRecord(input.key),
               record.reusable(by: settings.producer, passwordGiven: settings.passwordGiven) {
                kept[index] = record
            }
        }
        return kept
    }

    private func deliver(_ data: Data, isError: Bool, input: BatchInput, sha256: String?, error: ExtractionError.Code?,
                         tree: OutputTree?, index: Int, pending: inout [Int: Data], nextLine: inout Int) throws {
        if let tree {
            let name = (isError ? tree.errorRecord(input.key) : tree.document(input.key)).lastPathComponent
            try tree.store(data, isError: isError, key: input.key,
                           record: ResumeRecord(producer: settings.producer, input: sha256, output: name, error: error))
            return
        }
        pending[index] = data
        while let line = pending.removeValue(forKey: nextLine) {
            try Self.writeStandardOutput(line)
            nextLine += 1
        }
    }

    private static func encode(_ record: ErrorRecord, compact: Bool) throws -> Data {
        try JSONOutput.encode(record, pretty: !compact)
    }

    private static func writeStandardOutput(_ data: Data) throws(ExtractionError) {
        if let failure = writeAll(STDOUT_FILENO, data) {
            throw ExtractionError(.output, path: "-", "cannot write to standard output (\(String(cString: strerror(failure))))")
        }
    }
}
