import Foundation

/// How grammar patterns are run on the document's lines, with two bounds so
/// that no pattern can make indsats hang (see Grammars/README.md):
/// - a line longer than `maxLineLength` UTF-16 units is matched by no pattern
///   (headings, titles and furniture are short lines);
/// - a match may take at most `stepBudget` of ICU's progress ticks (each
///   about 10,000 steps of the matching engine, counted, not timed, so the
///   outcome is the same on every machine and every run). A pattern that
///   exceeds it is given up on for the rest of the document (on threads
///   already at work beside it, from their next overrun of it), and the
///   extraction fails with a `grammar` error naming the pattern.
extension Grammar.Pattern {
    public static let maxLineLength = 1_000
    public static let stepBudget = 100

    /// The first match in `text`; nil when there is none or the bounds say no.
    public func firstMatch(in text: String) -> NSTextCheckingResult? {
        guard !rulesOut(text) else { return nil }
        let length = (text as NSString).length
        guard length <= Self.maxLineLength, !PatternBudget.hasOverrun(self) else { return nil }
        var found: NSTextCheckingResult?
        var ticks = 0
        regex.enumerateMatches(in: text, options: .reportProgress, range: NSRange(location: 0, length: length)) {
            match, flags, stop in
            if let match {
                found = match
                stop.pointee = true
            } else if flags.contains(.progress) {
                ticks += 1
                if ticks > Self.stepBudget { stop.pointee = true }
            }
        }
        guard ticks <= Self.stepBudget else {
            PatternBudget.recordOverrun(self, text: text)
            return nil
        }
        return found
    }
}

extension Grammar.Pattern {
    /// Whether the start of `text` alone says the pattern cannot match (an
    /// anchored pattern fails at once on such a line, within any budget).
    func rulesOut(_ text: String) -> Bool {
        if !literalPrefix.isEmpty, !text.utf8.starts(with: literalPrefix) { return true }
        guard let firstBytes else { return false }
        guard let first = text.utf8.first else { return true }
        return first < 0x80 && !firstBytes[Int(first)]
    }
}

/// Collects, per extraction, the patterns that exceeded their step budget.
/// Bound to the current task or thread like `PopplerLog`, so extractions
/// running at once never see each other's overruns.
enum PatternBudget {
    struct Overrun: Equatable, Sendable {
        var source: String
        /// The pattern's line in its grammar file.
        var line: Int
        /// The start of the document line it gave up on.
        var text: String
    }

    /// Runs `body`; returns its result and the first overrun, if any.
    static func collecting<T>(_ body: () -> T) -> (T, Overrun?) {
        let sink = Sink()
        let result = $sink.withValue(sink, operation: body)
        return (result, sink.first)
    }

    /// The current extraction's budget, to carry to work on other threads,
    /// where it is not bound; nil outside an extraction.
    static func inherited() -> Inherited? {
        sink.map { Inherited(patterns: $0.patterns) }
    }

    /// What `body` collected with a sink of its own, for work that runs on
    /// another thread (`Parallel`): one that knows the patterns already given
    /// up on, or none outside an extraction, as on the caller's thread.
    static func isolated<T>(_ inherited: Inherited?, _ body: () -> T) -> (T, Collected) {
        let own = inherited.map { Sink(givenUp: $0.patterns) }
        return ($sink.withValue(own, operation: body), Collected(sink: own ?? Sink(givenUp: [])))
    }

    struct Inherited: Sendable {
        fileprivate let patterns: Set<ObjectIdentifier>
    }

    /// Records what `isolated` collected in the current sink. Adopted in the
    /// order of the work, the first overrun is the one a serial run would meet
    /// first; later lines differ only in being tried again, and any overrun
    /// fails the extraction.
    static func adopt(_ collected: Collected) {
        guard let sink else { return }
        for (id, overrun) in collected.sink.entries { sink.add(id, overrun) }
    }

    struct Collected: Sendable {
        fileprivate let sink: Sink
        var isEmpty: Bool { sink.first == nil }
    }

    static func hasOverrun(_ pattern: Grammar.Pattern) -> Bool {
        sink?.contains(ObjectIdentifier(pattern.regex)) ?? false
    }

    static func recordOverrun(_ pattern: Grammar.Pattern, text: String) {
        sink?.add(ObjectIdentifier(pattern.regex),
                  Overrun(source: pattern.source, line: pattern.line, text: String(text.prefix(60))))
    }

    @TaskLocal private static var sink: Sink?

    fileprivate final class Sink: @unchecked Sendable {
        private let lock = NSLock()
        private var givenUp: Set<ObjectIdentifier>
        private var overruns: [(ObjectIdentifier, Overrun)] = []

        init(givenUp: Set<ObjectIdentifier> = []) { self.givenUp = givenUp }

        func add(_ id: ObjectIdentifier, _ overrun: Overrun) {
            lock.withLock { if givenUp.insert(id).inserted { overruns.append((id, overrun)) } }
        }
        func contains(_ id: ObjectIdentifier) -> Bool { lock.withLock { givenUp.contains(id) } }
        var first: Overrun? { lock.withLock { overruns.first?.1 } }
        var entries: [(ObjectIdentifier, Overrun)] { lock.withLock { overruns } }
        var patterns: Set<ObjectIdentifier> { lock.withLock { givenUp } }
    }
}
