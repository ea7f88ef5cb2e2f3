#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs requests on up to `jobs` worker processes from one thread, with
/// poll(2): each worker has one request at a time; a worker that dies costs
/// its request (`crashed`) and is replaced; one that overruns the time
/// limit is killed (`timedOut`) and replaced. Results are reported in the
/// order they finish; the caller puts them in input order where that matters.
final class WorkerPool {
    struct Settings {
        var executable: String
        var arguments: [String]
        /// Added to this process's environment (a password is not put on a command line, where ps shows it).
        var environment: [String: String]
        var jobs: Int
        /// Seconds per input; nil for none.
        var timeout: Double?
    }

    enum Outcome {
        case reply(WorkerProtocol.Reply, payload: Data)
        /// How the worker ended, and the last thing it wrote on stderr.
        case crashed(String)
        case timedOut
    }

    private struct Slot {
        var worker: WorkerProcess?
        var job: Int?
        var deadline: UInt64 = .max
    }

    let settings: Settings
    init(_ settings: Settings) { self.settings = settings }

    /// Runs every request; `finished(index, outcome)` is called once per request.
    func run(_ requests: [WorkerProtocol.Request], finished: (Int, Outcome) throws -> Void) throws {
        var slots = [Slot](repeating: Slot(), count: max(1, min(settings.jobs, requests.count)))
        defer { for slot in slots { slot.worker?.stop(force: slot.job != nil) } }
        var next = 0
        while true {
            for i in slots.indices where slots[i].job == nil && next < requests.count {
                let message = try WorkerProtocol.line(requests[next])
                if slots[i].worker == nil { slots[i].worker = try spawn() }
                if !slots[i].worker!.send(message) {
                    // It died between requests (nothing of ours was lost): start another.
                    slots[i].worker!.stop(force: true)
                    slots[i].worker = try spawn()
                    guard slots[i].worker!.send(message) else {
                        throw WorkerProcess.SpawnError(description: "a new worker closed its input at once")
                    }
                }
                slots[i].job = next
                slots[i].deadline = settings.timeout.map { Self.now() + UInt64($0 * 1e9) } ?? .max
                next += 1
            }
            let busy = slots.indices.filter { slots[$0].job != nil }
            if busy.isEmpty { return }

            var fds: [pollfd] = []
            for i in busy {
                let worker = slots[i].worker!
                fds.append(pollfd(fd: worker.replies, events: Int16(POLLIN), revents: 0))
                if worker.diagnosticsOpen { fds.append(pollfd(fd: worker.diagnostics, events: Int16(POLLIN), revents: 0)) }
            }
            let wait = busy.map { slots[$0].deadline }.min()!
            let now = Self.now()
            let milliseconds = wait == .max ? -1 : Int32(clamping: wait > now ? (wait - now) / 1_000_000 + 1 : 0)
            if poll(&fds, nfds_t(fds.count), milliseconds) < 0 && errno != EINTR {
                throw WorkerProcess.SpawnError(description: "poll failed: \(String(cString: strerror(errno)))")
            }
            let ready = Set(fds.filter { $0.revents != 0 }.map(\.fd))

            for i in busy {
                let worker = slots[i].worker!
                if worker.diagnosticsOpen, ready.contains(worker.diagnostics) { worker.drainDiagnostics() }
                guard ready.contains(worker.replies) else { continue }
                let open = worker.drainReplies()
                let job = slots[i].job!
                let reply: (WorkerProtocol.Reply, Data)?
                do {
                    reply = try WorkerProtocol.takeReply(from: &worker.replyBuffer)
                } catch {
                    slots[i].worker = nil; slots[i].job = nil
                    let ended = worker.stop(force: true)
                    try finished(job, .crashed("the worker sent a malformed reply and was stopped (\(ended))"))
                    continue
                }
                if let (header, payload) = reply {
                    slots[i].job = nil
                    try finished(job, .reply(header, payload: payload))
                } else if !open {
                    slots[i].worker = nil; slots[i].job = nil
                    let ended = worker.stop(force: true)
                    let said = worker.lastDiagnostic.map { ": \($0)" } ?? ""
                    try finished(job, .crashed("the worker process \(ended) while converting this file\(said)"))
                }
            }
            let after = Self.now()
            for i in busy where slots[i].job != nil && slots[i].deadline <= after {
                let job = slots[i].job!
                slots[i].worker!.stop(force: true)
                slots[i].worker = nil; slots[i].job = nil
                try finished(job, .timedOut)
            }
        }
    }

    private func spawn() throws -> WorkerProcess {
        try WorkerProcess(executable: settings.executable, arguments: settings.arguments, environment: settings.environment)
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}
