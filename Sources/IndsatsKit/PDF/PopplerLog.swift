import CPopplerCore
import Foundation

/// Routes what poppler logs to the read that caused it instead of the terminal.
///
/// Poppler reports every problem (syntax errors, bad streams, missing fonts …)
/// through one process-wide callback, which would print it. Ours collects it
/// into the sink bound to the current task or thread; since poppler logs
/// synchronously on the thread that called it, several documents can be read
/// on different threads at once and each read gets exactly its own messages.
enum PopplerLog {
    /// Runs `body`, returning its result and what was logged meanwhile, in order.
    static func collecting<T>(_ body: () -> T) -> (T, [String]) {
        _ = handlerInstalled
        let sink = Sink()
        let result = $sink.withValue(sink, operation: body)
        return (result, sink.messages)
    }

    /// Adds a note of our own to the current read, in order with poppler's messages.
    static func note(_ message: String) {
        sink?.append(message)
    }

    @TaskLocal private static var sink: Sink?

    /// `static let` initialisation is thread-safe and runs once.
    private static let handlerInstalled: Void = {
        indsats_set_log { message in
            // Outside a read nobody asked for the message: drop it rather than print it.
            guard let message else { return }
            PopplerLog.sink?.append(clean(String(cString: message)))
        }
    }()

    /// Poppler escapes a message's own trailing newline as "<0a>".
    private static func clean(_ message: String) -> String {
        var text = Substring(message)
        while text.hasSuffix("<0a>") { text = text.dropLast(4) }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Messages of one read. Damaged files can make poppler log without end,
    /// so only the first `limit` are kept, followed by a count of the rest.
    private final class Sink: @unchecked Sendable {
        private static let limit = 1000
        private let lock = NSLock()
        private var kept: [String] = []
        private var dropped = 0

        func append(_ message: String) {
            lock.withLock {
                if kept.count < Self.limit { kept.append(message) } else { dropped += 1 }
            }
        }

        var messages: [String] {
            lock.withLock {
                dropped == 0 ? kept : kept + ["\(dropped) more messages not kept"]
            }
        }
    }
}
