#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs jobs on up to `jobs` worker processes from one thread, with
/// poll(2): each worker has one request at a time; a worker that dies costs
/// its request (`crashed`) and is replaced; one that overruns the time
/// limit is killed (`timedOut`) and replaced. Results are reported in the
/// order they finish; the caller puts them in input order where that matters,
/// and may answer a result with more jobs (the parts of a split document),
/// which run before the jobs not yet started.
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

    /// A request for the input numbered `input`, with its payload.
    struct Job {
        var input: Int
        var request: WorkerProtocol.Request
        var payload = Data()
    }

    private struct Slot {
        var worker: WorkerProcess?
        var job: Job?
        var deadline: UInt64 = .max
    }

    let settings: Settings
    init(_ settings: Settings) { self.settings = settings }

    /// Runs every job, and the jobs `finished(job, outcome)` returns; that is
    /// called once per job.
    func run(_ jobs: [Job], finished: (Job, Outcome) throws -> [Job]) throws {
        // Workers start when a slot first has a job: a batch of fewer inputs than
        // jobs may still use every slot for the parts of a split document.
        var slots = [Slot](repeating: Slot(), count: max(1, settings.jobs))
        defer { for slot in slots { slot.worker?.stop(force: slot.job != nil) } }
        var queue = Array(jobs.reversed())  // the next job last
        func report(_ job: Job, _ outcome: Outcome) throws {
            queue += try finished(job, outcome).reversed()
        }
        while true {
            for i in slots.indices where slots[i].job == nil && !queue.isEmpty {
                var job = queue.removeLast()
                var request = job.request
                request.bytes = job.payload.count
                // Header and payload written one after the other: a payload is
                // the lines of a whole document, not to be copied once more.
                let header = try WorkerProtocol.line(request)
                if slots[i].worker == nil { slots[i].worker = try spawn() }
                if !(slots[i].worker!.send(header) && slots[i].worker!.send(job.payload)) {
                    // It died between requests (nothing of ours was lost): start another.
                    slots[i].worker!.stop(force: true)
                    slots[i].worker = try spawn()
                    guard slots[i].worker!.send(header) && slots[i].worker!.send(job.payload) else {
                        throw WorkerProcess.SpawnError(description: "a new worker closed its input at once")
                    }
                }
                job.payload = Data()  // sent; a job is never sent again
                slots[i].job = job
                slots[i].deadline = settings.timeout.map { Self.now() + UInt64($0 * 1e9) } ?? .max
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
                    try report(job, .crashed("the worker sent a malformed reply and was stopped (\(ended))"))
                    continue
                }
                if let (header, payload) = reply {
                    slots[i].job = nil
                    try report(job, .reply(header, payload: payload))
                } else if !open {
                    slots[i].worker = nil; slots[i].job = nil
                    let ended = worker.stop(force: true)
                    let said = worker.lastDiagnostic.map { ": \($0)" } ?? ""
                    try report(job, .crashed("the worker process \(ended) while converting this file\(said)"))
                }
            }
            let after = Self.now()
            for i in busy where slots[i].job != nil && slots[i].deadline <= after {
                let job = slots[i].job!
                slots[i].worker!.stop(force: true)
                slots[i].worker = nil; slots[i].job = nil
                try report(job, .timedOut)
            }
        }
    }

    private func spawn() throws -> WorkerProcess {
        try WorkerProcess(executable: settings.executable, arguments: settings.arguments, environment: settings.environment)
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}
