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
    /// Test hooks: abort, or hang, on an input of this file name ("NAME"), or
    /// only on a request for a page range of it ("NAME:pages"). Read from
    /// INDSATS_WORKER_ABORT_ON and INDSATS_WORKER_HANG_ON by the worker only,
    /// so the batch's crash and timeout handling can be tested with real processes.
    public var abortOn: String?
    public var hangOn: String?
    /// The PDF whose page ranges this worker reads, kept open from one range
    /// to the next (see `PDFSource.OpenDocument`; each request still reads
    /// and hashes the file, and the document is used only for the same
    /// bytes); a request for anything else closes it, and so does the end of
    /// the batch (an idle worker keeps it until then).
    private let parts = PartDocument()

    private final class PartDocument {
        var document: PDFSource.OpenDocument?
    }

    public init(extractor: Extractor, compact: Bool, environment: [String: String]) {
        self.extractor = extractor; self.compact = compact
        abortOn = environment["INDSATS_WORKER_ABORT_ON"]
        hangOn = environment["INDSATS_WORKER_HANG_ON"]
    }

    /// Serves requests from standard input until it closes.
    public func serve() {
        Self.exitWhenOrphaned()
        // One buffered stream for header lines and the payloads after them.
        guard let input = fdopen(STDIN_FILENO, "r") else { exit(2) }
        while let line = Self.readLine(input) {
            let message: Data
            do {
                let request = try JSONDecoder().decode(WorkerProtocol.Request.self, from: line)
                let (reply, payload) = handle(request, payload: try Self.readPayload(request.bytes, from: input))
                message = try WorkerProtocol.line(reply) + payload
            } catch {
                FileHandle.standardError.write(Data("indsats worker: bad request: \(error)\n".utf8))
                exit(2)
            }
            FileHandle.standardOutput.write(message)
        }
    }

    struct TruncatedRequest: Error {}

    /// A request's header line, without its newline; nil at the end of input.
    private static func readLine(_ input: UnsafeMutablePointer<FILE>) -> Data? {
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        let length = getline(&buffer, &capacity, input)
        guard length > 0, let buffer else { return nil }
        let end = buffer[length - 1] == 0x0A ? length - 1 : length
        return Data(bytes: buffer, count: end)
    }

    /// The `count` bytes after a request's header line, read straight into
    /// the array the lines are decoded from (no copy of a large document's lines).
    private static func readPayload(_ count: Int, from input: UnsafeMutablePointer<FILE>) throws -> [UInt8] {
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        guard fread(&bytes, 1, count, input) == count else { throw TruncatedRequest() }
        return bytes
    }

    /// One request's reply and payload: a document (or error) for an input; for
    /// a PDF split by pages, its page count, a page range's lines, or the
    /// document finished from all its pages' lines (see `WorkerProtocol`).
    /// Consumes `payload`: the lines of a large PDF's pages are freed as soon as they are decoded.
    public func handle(_ request: WorkerProtocol.Request, payload: consuming [UInt8] = []) -> (WorkerProtocol.Reply, Data) {
        if request.pageRange == nil || parts.document?.path != request.path { parts.document = nil }
        let path = request.path
        let data: Data
        do {
            data = try InputDocument.bytes(path: path)
        } catch {
            return failure(error, source: .init(path: path, sha256: Self.readableSHA256(path)))
        }
        let sha256 = SHA256.hex(data)
        // Before any check of the contents: an unchanged empty or non-PDF file is up to date too.
        if let expected = request.unlessSHA256, sha256 == expected {
            return (.init(status: .unchanged, source: .init(path: path, sha256: expected)), Data())
        }
        let input: InputDocument
        do {
            input = InputDocument(path: path, data: data, format: try InputDocument.sniff(data, path: path), sha256: sha256)
        } catch {
            return failure(error, source: .init(path: path, sha256: sha256))
        }
        let name = (path as NSString).lastPathComponent
        let hooked = request.pageRange == nil ? [name] : [name, name + ":pages"]
        if let abortOn, hooked.contains(abortOn) { abort() }
        if let hangOn, hooked.contains(hangOn) { while true { sleep(1000) } }
        let source = ErrorRecord.Source(path: path, sha256: input.sha256, format: input.format)
        var extractor = self.extractor
        do {
            var pdfLines: PDFPages<PDFPageLines>?
            if input.format == .pdf {
                if let range = request.pageRange {
                    let lines = extractor.pdfLines(try openForParts(input), pages: range)
                    let payload = PageLinesCodec.encode(lines.pages)
                    return (.init(status: .lines, source: source, pages: lines.pageCount,
                                  messages: lines.messages.count, bytes: payload.count), payload)
                }
                if let pageCount = request.finishPageCount {
                    extractor.threads = max(1, request.threads ?? 1)
                    let partSizes = request.finishParts ?? [payload.count]
                    do {
                        let pages = try PageLinesCodec.decode(consume payload, partSizes: partSizes, threads: extractor.threads)
                        pdfLines = PDFPages(pageCount: pageCount, pages: pages, messages: [])
                    } catch {
                        return failure(ExtractionError(.crashed, path: path, "the lines of its pages, read in parts, "
                                                       + "came back unreadable (\(error))"), source: source)
                    }
                } else if let limit = request.splitAbove {
                    let pageCount = try extractor.pageCount(input)
                    if pageCount > limit { return (.init(status: .split, source: source, pages: pageCount), Data()) }
                }
            }
            let document = try extractor.extract(input, pdfLines: consume pdfLines)
            let payload = try JSONOutput.encode(document, pretty: !compact)
            let reply = WorkerProtocol.Reply(
                status: .document, source: source,
                pages: document.source.pages, initiatives: document.initiatives.count, bytes: payload.count)
            return (reply, payload)
        } catch let error as ExtractionError {
            return failure(error, source: source)
        } catch {
            return failure(ExtractionError(.output, path: path, "cannot encode the document (\(error))"), source: source)
        }
    }

    /// The input's document as this worker holds it open for its page
    /// ranges: the one open already when it is the same file (path and
    /// bytes) with the same password, else newly opened.
    private func openForParts(_ input: InputDocument) throws(ExtractionError) -> PDFSource.OpenDocument {
        if let open = parts.document, open.path == input.path, open.sha256 == input.sha256, open.password == extractor.password {
            return open
        }
        parts.document = nil  // closed before the next one is opened
        let document = try PDFSource.OpenDocument(input, password: extractor.password)
        parts.document = document
        return document
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
