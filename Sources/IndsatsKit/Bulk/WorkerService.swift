#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The worker's side of `WorkerProtocol`: converts one input per request, in
/// its own process, so that a crash or hang in poppler costs only that input.
public struct WorkerService {
    public var extractor: Extractor
    /// Compact JSON (for NDJSON and `--compact`) or indented, as `indsats extract` prints it.
    public var compact: Bool
    /// Test hooks: abort, or hang, on an input of this file name. Read from
    /// INDSATS_WORKER_ABORT_ON and INDSATS_WORKER_HANG_ON by the worker only,
    /// so the batch's crash and timeout handling can be tested with real processes.
    public var abortOn: String?
    public var hangOn: String?

    public init(extractor: Extractor, compact: Bool, environment: [String: String]) {
        self.extractor = extractor; self.compact = compact
        abortOn = environment["INDSATS_WORKER_ABORT_ON"]
        hangOn = environment["INDSATS_WORKER_HANG_ON"]
    }

    /// Serves requests from standard input until it closes.
    public func serve() {
        Self.exitWhenOrphaned()
        while let line = readLine(strippingNewline: true) {
            let message: Data
            do {
                let request = try JSONDecoder().decode(WorkerProtocol.Request.self, from: Data(line.utf8))
                let (reply, payload) = handle(request)
                message = try WorkerProtocol.line(reply) + payload
            } catch {
                FileHandle.standardError.write(Data("indsats worker: bad request: \(error)\n".utf8))
                exit(2)
            }
            FileHandle.standardOutput.write(message)
        }
    }

    /// One request's reply and payload.
    public func handle(_ request: WorkerProtocol.Request) -> (WorkerProtocol.Reply, Data) {
        let path = request.path
        // Before any check of the contents: an unchanged empty or non-PDF file is up to date too.
        if let expected = request.unlessSHA256, let data = FileManager.default.contents(atPath: path),
           SHA256.hex(data) == expected {
            return (.init(status: .unchanged, source: .init(path: path, sha256: expected)), Data())
        }
        let input: InputDocument
        do {
            input = try InputDocument.load(path: path)
        } catch {
            return failure(error, source: .init(path: path, sha256: Self.readableSHA256(path)))
        }
        let name = (path as NSString).lastPathComponent
        if name == abortOn { abort() }
        if name == hangOn { while true { sleep(1000) } }
        do {
            let document = try extractor.extract(input)
            let payload = try JSONOutput.encode(document, pretty: !compact)
            let reply = WorkerProtocol.Reply(
                status: .document, source: .init(path: path, sha256: document.source.sha256, format: input.format),
                pages: document.source.pages, initiatives: document.initiatives.count, bytes: payload.count)
            return (reply, payload)
        } catch let error as ExtractionError {
            return failure(error, source: .init(path: path, sha256: SHA256.hex(input.data), format: input.format))
        } catch {
            return failure(ExtractionError(.output, path: path, "cannot encode the document (\(error))"),
                           source: .init(path: path, sha256: SHA256.hex(input.data), format: input.format))
        }
    }

    private func failure(_ error: ExtractionError, source: ErrorRecord.Source) -> (WorkerProtocol.Reply, Data) {
        (.init(status: .error, source: source, error: .init(code: error.code, message: error.reason)), Data())
    }

    /// The SHA-256 of a file that exists and can be read, for error records.
    static func readableSHA256(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return SHA256.hex(data)
    }

    /// A worker whose parent died (killed, say) must not go on converting for
    /// nobody: a watchdog thread ends it when it is re-parented.
    static func exitWhenOrphaned() {
        let parent = getppid()
        Thread.detachNewThread {
            while getppid() == parent { usleep(200_000) }
            _exit(3)
        }
    }
}
