#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One `indsats worker` child process and its three pipes, driven by
/// `WorkerPool` from one thread: requests go to its stdin, replies are read
/// from its stdout, and its stderr is kept (the tail) to explain a crash.
final class WorkerProcess {
    let pid: pid_t
    let requests: Int32   // parent's end of the child's stdin
    let replies: Int32    // parent's end of the child's stdout
    let diagnostics: Int32  // parent's end of the child's stderr
    var replyBuffer = Data()
    var stderrTail = Data()

    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `executable arguments…` with a backtrace-free environment (the
    /// Swift runtime's crash backtracer would make a crash take seconds).
    init(executable: String, arguments: [String], environment extra: [String: String]) throws {
        var stdinPipe: [Int32] = [0, 0], stdoutPipe: [Int32] = [0, 0], stderrPipe: [Int32] = [0, 0]
        guard Self.closeOnExecPipe(&stdinPipe), Self.closeOnExecPipe(&stdoutPipe), Self.closeOnExecPipe(&stderrPipe)
        else { throw SpawnError(description: "cannot create pipes: \(String(cString: strerror(errno)))") }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)

        var environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        environment["SWIFT_BACKTRACE"] = "enable=no"
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        close(stdinPipe[0]); close(stdoutPipe[1]); close(stderrPipe[1])
        guard status == 0 else {
            close(stdinPipe[1]); close(stdoutPipe[0]); close(stderrPipe[0])
            throw SpawnError(description: "cannot start a worker (\(executable)): \(String(cString: strerror(status)))")
        }
        self.pid = pid
        requests = stdinPipe[1]; replies = stdoutPipe[0]; diagnostics = stderrPipe[0]
    }

    /// A pipe whose ends later workers do not inherit (dup2 onto 0, 1 and 2
    /// clears the flag for the child's own ends). The pool spawns from one
    /// thread, so pipe(2) then fcntl(2) cannot race another spawn.
    private static func closeOnExecPipe(_ fds: inout [Int32]) -> Bool {
        guard pipe(&fds) == 0 else { return false }
        return fds.allSatisfy { fcntl($0, F_SETFD, FD_CLOEXEC) == 0 }
    }

    /// Sends one request; false when the worker is gone (its stdin closed).
    func send(_ message: Data) -> Bool {
        writeAll(requests, message) == nil
    }

    /// Whether the worker's stderr is still open (at its end poll would report it forever).
    private(set) var diagnosticsOpen = true

    /// Reads what is available of the replies; false at end of file (the worker is gone).
    func drainReplies() -> Bool {
        guard let chunk = Self.readAvailable(replies) else { return false }
        replyBuffer.append(chunk)
        return true
    }

    func drainDiagnostics() {
        guard let chunk = Self.readAvailable(diagnostics) else { diagnosticsOpen = false; return }
        stderrTail.append(chunk)
        if stderrTail.count > 4096 { stderrTail = Data(stderrTail.suffix(4096)) }
    }

    /// What one read(2) gives; nil at end of file or on an error other than an interruption.
    private static func readAvailable(_ fd: Int32) -> Data? {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 { return Data(chunk[0..<count]) }
            if count < 0 && errno == EINTR { continue }
            return nil
        }
    }

    /// The last line the worker wrote to stderr, if any.
    var lastDiagnostic: String? {
        String(decoding: stderrTail, as: UTF8.self)
            .split(whereSeparator: \.isNewline).last.map { $0.trimmingCharacters(in: .whitespaces) }
            .flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Kills the worker (if `force`) or lets it end at end of input, reaps it
    /// and keeps the rest of its stderr: how it ended, for the `crashed` record.
    @discardableResult
    func stop(force: Bool) -> String {
        if force { kill(pid, SIGKILL) }
        close(requests)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // Reaped, so the pipe has no writer left: reading it to its end cannot block.
        while diagnosticsOpen { drainDiagnostics() }
        close(replies); close(diagnostics)
        let signal = status & 0x7f
        if signal != 0 { return "was killed by signal \(signal) (\(Self.signalName(signal)))" }
        return "exited with status \((status >> 8) & 0xff)"
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGABRT: "SIGABRT"
        case SIGSEGV: "SIGSEGV"
        case SIGBUS: "SIGBUS"
        case SIGKILL: "SIGKILL"
        case SIGFPE: "SIGFPE"
        case SIGILL: "SIGILL"
        case SIGTERM: "SIGTERM"
        default: "signal \(signal)"
        }
    }
}
