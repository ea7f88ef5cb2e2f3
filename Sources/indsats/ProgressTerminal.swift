import Foundation
import IndsatsKit

/// The progress line of a batch on a terminal's stderr, redrawn in place at
/// most ten times a second; other messages are printed above it.
final class ProgressTerminal {
    let enabled: Bool
    let total: Int
    private let started = Date()
    private var lastDrawn = Date.distantPast
    private var line = ""

    init(enabled: Bool, total: Int) { self.enabled = enabled; self.total = total }

    func show(_ summary: BatchSummary) {
        guard enabled else { return }
        let now = Date()
        guard summary.done == total || now.timeIntervalSince(lastDrawn) >= 0.1 else { return }
        lastDrawn = now
        line = Self.text(summary, total: total, elapsed: now.timeIntervalSince(started))
        write("\r" + line + "\u{1B}[K")
    }

    /// A line of its own, with the progress line redrawn below it.
    func print(_ message: String) {
        write((enabled && !line.isEmpty ? "\r\u{1B}[K" : "") + message + "\n" + (enabled ? line : ""))
    }

    func finish() {
        if enabled && !line.isEmpty { write("\r\u{1B}[K") }
        line = ""
    }

    /// "37/120 files · 14.2 pages/s · 2 failed · 1m12s left"
    static func text(_ summary: BatchSummary, total: Int, elapsed: Double) -> String {
        var parts = ["\(summary.done)/\(total) files"]
        parts.append(String(format: "%.1f pages/s", elapsed > 0 ? Double(summary.pages) / elapsed : 0))
        parts.append("\(summary.failureCount) failed")
        if summary.done > 0 && summary.done < total {
            let left = elapsed / Double(summary.done) * Double(total - summary.done)
            parts.append(duration(left) + " left")
        }
        return parts.joined(separator: " · ")
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        return whole >= 60 ? "\(whole / 60)m\(String(format: "%02d", whole % 60))s" : "\(whole)s"
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
