import Foundation

/// Turns source lines into tokens: heading, chapter and label candidates, and
/// plain text. Knows the grammar's patterns and labels, but no context: it
/// never decides that a candidate is real (that is `BlockStateMachine`'s job).
///
/// - Text input: a label is looked for at the start of every line, possibly
///   wrapped over the following lines; the rest of its last line is value text.
/// - PDF input: a label is looked for only in the label column, and its lines
///   must hold nothing but the label; the value column beside them is its value.
public struct Tokenizer: Sendable {
    public let grammar: Grammar
    private let matcher: LabelMatcher
    /// The longest label, in words, so in lines: how far to look ahead for a wrapped one.
    private let maxLabelLines: Int

    public init(grammar: Grammar) {
        self.grammar = grammar
        self.matcher = LabelMatcher(grammar: grammar)
        self.maxLabelLines = grammar.fields.flatMap(\.labels).map { LabelMatcher.words($0).count }.max() ?? 1
    }

    /// `columnar`: the lines come from a PDF whose table columns are known, so
    /// labels are looked for in the label column only. `threads`: a long
    /// document's lines are read in runs side by side (see `joined`).
    public func tokens(_ lines: [SourceLine], columnar: Bool, threads: Int = 1) -> [Token] {
        tokens(lines, columnar: columnar, threads: threads, linesPerRun: Self.linesPerRun)
    }

    /// Fewer lines than this are read by one thread.
    static let linesPerRun = 256

    func tokens(_ lines: [SourceLine], columnar: Bool, threads: Int, linesPerRun: Int) -> [Token] {
        let threads = min(threads, lines.count / max(1, linesPerRun))
        guard threads > 1 else {
            let references = Self.footnoteReferences(lines[...])
            return steps(lines, from: 0, until: lines.count, references: references, columnar: columnar).tokens
        }
        let references = Parallel.runs(count: lines.count, threads: threads) { Self.footnoteReferences(lines[$0]) }
            .reduce(into: [Int: Set<Int>]()) { all, run in all.merge(run.result) { $0.union($1) } }
        let runs = Parallel.runs(count: lines.count, threads: threads) { range in
            steps(lines, from: range.lowerBound, until: range.upperBound, references: references, columnar: columnar)
        }
        return joined(runs, lines, references: references, columnar: columnar)
    }

    /// The tokens of runs read side by side as the one reading from the first
    /// line gives them. A step at a line gives the same tokens whatever came
    /// before it, but a run began at its first line as if a step began there,
    /// while a label of the run before may have taken that line: then steps are
    /// read again from where the run before ended, up to a line where one of
    /// the run's own steps began, and the run is kept from there. A run whose
    /// lines made a pattern exceed its step budget is read again instead (it
    /// may have tried patterns on lines the one reading never gives them).
    private func joined(_ runs: [Parallel.Run<Steps>], _ lines: [SourceLine], references: [Int: Set<Int>], columnar: Bool) -> [Token] {
        var out: [Token] = []
        var next = 0
        for run in runs {
            let ahead = run.result
            if next == run.range.lowerBound {
                PatternBudget.adopt(run.budget)
                out += ahead.tokens
                next = ahead.next
                continue
            }
            let bridge = steps(lines, from: next, until: run.range.upperBound, references: references, columnar: columnar,
                               meeting: run.budget.isEmpty ? ahead.starts : [])
            out += bridge.tokens
            if let met = bridge.met {
                out += ahead.tokens[ahead.starts[met].token...]
                next = ahead.next
            } else {
                next = bridge.next
            }
        }
        return out
    }

    /// Tokens read step by step from line `start` until a step ends at or
    /// past `end`, or until a step would begin at a line of `meeting`.
    struct Steps: Sendable {
        var tokens: [Token] = []
        /// For each step, in order: its first line and the index of its first token.
        var starts: [(line: Int, token: Int)] = []
        /// The line after the last step.
        var next: Int
        /// The index in `meeting` of the step whose line the steps stopped at.
        var met: Int?
    }

    private func steps(_ lines: [SourceLine], from start: Int, until end: Int, references: [Int: Set<Int>],
                       columnar: Bool, meeting: [(line: Int, token: Int)] = []) -> Steps {
        var result = Steps(next: start)
        result.tokens.reserveCapacity(max(0, end - start))
        func text(_ part: SourceLine.Part, _ line: SourceLine) -> TextToken {
            var token = Self.textToken(part, line)
            if let n = token.leadingNumber { token.leadingNumberIsReferenced = references[line.page]?.contains(n) ?? false }
            return token
        }
        var i = start
        var ahead = 0  // the first step of `meeting` not before line i
        while i < end {
            while ahead < meeting.count, meeting[ahead].line < i { ahead += 1 }
            if ahead < meeting.count, meeting[ahead].line == i { result.met = ahead; break }
            result.starts.append((i, result.tokens.count))
            let line = lines[i]
            if line.role == .footnote {
                result.tokens.append(.footnote(Self.textToken(line.parts[0], line)))
                i += 1
                continue
            }
            if line.part(.value) == nil, let notes = grammar.notes, notes.firstMatch(in: line.text) != nil {
                result.tokens.append(.notes(Self.textToken(line.parts[0], line, text: line.text)))
                i += 1
                continue
            }
            if line.part(.value) == nil, let heading = heading(line) {
                result.tokens.append(heading)
                i += 1
                continue
            }
            if let (token, used) = label(at: i, in: lines, columnar: columnar) {
                result.tokens.append(.label(token))
                i += used
                continue
            }
            for part in line.parts { result.tokens.append(.text(text(part, line))) }
            i += 1
        }
        result.next = i
        return result
    }

    // MARK: Candidates

    private func heading(_ line: SourceLine) -> Token? {
        let text = line.text
        if let (number, title) = Self.capture(grammar.block, text) {
            return .heading(Heading(number: number, title: title, line: Self.textToken(line.parts[0], line, text: text)))
        }
        if let (number, title) = Self.capture(grammar.chapter, text) {
            return .chapter(Heading(number: number, title: title, line: Self.textToken(line.parts[0], line, text: text)))
        }
        return nil
    }

    /// A label starting at `lines[i]`, and how many lines it used.
    ///
    /// Text: the label's words continue over the next lines while there is no
    /// gap or page break. PDF: over the next lines that have text in the label
    /// column, skipping lines with text in the value column only (a tall value
    /// beside a wrapped label) and crossing a page break (a row split by it,
    /// label and all); the value column of every line used is the label's value.
    private func label(at i: Int, in lines: [SourceLine], columnar isPDF: Bool) -> (LabelToken, Int)? {
        let column: Column = isPDF ? .label : .full
        guard let first = lines[i].part(column), matcher.canStart(first.text) else { return nil }
        var run = [LabelMatcher.words(first.text)]
        var runLines = [i]
        // Enough words for the longest label end the run: further lines cannot change the match.
        var words = run[0].count
        var j = i + 1
        while j < lines.count, run.count < maxLabelLines, words < maxLabelLines, lines[j].role == .body {
            let line = lines[j]
            if isPDF {
                if let part = line.part(.label) {
                    run.append(LabelMatcher.words(part.text))
                    runLines.append(j)
                    words += run[run.count - 1].count
                } else if line.part(.value) == nil {
                    break
                }
            } else {
                guard !line.gapBefore, !line.startsPage, let part = line.part(.full) else { break }
                run.append(LabelMatcher.words(part.text))
                runLines.append(j)
                words += run[run.count - 1].count
            }
            j += 1
        }
        guard let match = matcher.match(run, wholeLines: isPDF) else { return nil }

        let end = runLines[match.lineCount - 1] + 1
        let used = Array(lines[i..<end])
        var value: [TextToken] = []
        if isPDF {
            value = used.compactMap { line in line.part(.value).map { Self.textToken($0, line) } }
        } else {
            let last = used[used.count - 1]
            let rest = LabelMatcher.words(last.parts[0].text).dropFirst(match.wordsOnLastLine).joined(separator: " ")
            if !rest.isEmpty { value = [Self.textToken(last.parts[0], last, text: rest)] }
        }
        let plain = used.flatMap { line in line.parts.map { Self.textToken($0, line) } }
        let token = LabelToken(field: match.field, label: match.label, at: first.at, value: value, plain: plain)
        return (token, end - i)
    }

    // MARK: Helpers

    static func textToken(_ part: SourceLine.Part, _ line: SourceLine, text: String? = nil) -> TextToken {
        let text = text ?? part.text
        return TextToken(text: text, column: part.column, at: part.at, gapBefore: line.gapBefore,
                         startsPage: line.startsPage, isBold: line.isBold, leadingNumber: leadingNumber(text),
                         markers: part.markers)
    }

    /// Per page, the numbers glued to the end of a word as footnote references
    /// (see `GluedMarkers`).
    static func footnoteReferences(_ lines: ArraySlice<SourceLine>) -> [Int: Set<Int>] {
        var result: [Int: Set<Int>] = [:]
        for line in lines {
            for (n, _) in GluedMarkers.markers(in: line.text) { result[line.page, default: []].insert(n) }
        }
        return result
    }

    /// 1–2 digits followed by a space at the start of the text.
    static func leadingNumber(_ text: String) -> Int? {
        var value = 0, digits = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                if digits > 2 { return nil }
            case UInt8(ascii: " "):
                return digits > 0 ? value : nil
            default:
                return nil
            }
        }
        return nil
    }

    /// The named groups `number` and `title` of a pattern matching the whole text.
    static func capture(_ pattern: Grammar.Pattern, _ text: String) -> (String, String)? {
        guard let m = pattern.firstMatch(in: text) else {
            return nil
        }
        let number = m.range(withName: "number"), title = m.range(withName: "title")
        guard number.location != NSNotFound, title.location != NSNotFound,
              let numberRange = Range(number, in: text), let titleRange = Range(title, in: text) else { return nil }
        return (String(text[numberRange]), trimmedOfSpaces(String(text[titleRange])))
    }

    /// `trimmingCharacters(in: .whitespaces)`, without bridging to NSString
    /// when the title starts and ends with a letter, a digit or ASCII other
    /// than a space or tab (no such character is in that set).
    static func trimmedOfSpaces(_ title: String) -> String {
        func kept(_ scalar: Unicode.Scalar?) -> Bool {
            guard let scalar else { return false }
            if scalar.isASCII { return scalar != " " && scalar != "\t" }
            return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
        if kept(title.unicodeScalars.first), kept(title.unicodeScalars.last) { return title }
        return title.trimmingCharacters(in: .whitespaces)
    }
}
