import Foundation
import Testing

/// Runs the `indsats` executable with a watchdog, so that a crash shows as a
/// signal exit and a hang as a kill, never as the test runner dying or waiting.
enum Subprocess {
    struct Outcome {
        var status: Int32
        /// Ended by a signal (a crash, or the watchdog's kill).
        var signalled: Bool
        var timedOut: Bool
        var stdout: Data
        var stderr: String
        /// Exited on its own, without a signal and in time.
        var exitedNormally: Bool { !signalled && !timedOut }
    }

    /// A generous bound for "does not hang"; not a performance assertion.
    static let watchdog: TimeInterval = 60

    static func indsats(_ arguments: [String], stdin: Data? = nil, timeout: TimeInterval = watchdog) throws -> Outcome {
        try run(CLITests.executable, arguments, stdin: stdin, timeout: timeout)
    }

    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                    stdin: Data? = nil, timeout: TimeInterval = watchdog) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = Repo.root
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        let killed = Flag()
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
            if process.isRunning { killed.set(); kill(pid, SIGKILL) }
        }
        // Read both pipes at once so that neither can fill up and block the child.
        let stderrData = Box()
        let reader = Thread { stderrData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !stderrData.isSet { usleep(1000) }
        return Outcome(status: process.terminationStatus,
                       signalled: process.terminationReason == .uncaughtSignal,
                       timedOut: killed.isSet, stdout: stdout,
                       stderr: String(decoding: stderrData.value, as: UTF8.self))
    }

    private final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.withLock { value = true } }
        var isSet: Bool { lock.withLock { value } }
    }

    private final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var data: Data?
        func set(_ value: Data) { lock.withLock { data = value } }
        var isSet: Bool { lock.withLock { data != nil } }
        var value: Data { lock.withLock { data ?? Data() } }
    }
}
