/// The lines after a caption as a table reader sees them, each made into a
/// `TableLine` only when the reader first reaches it: a reader stops at its
/// table's end, usually a few dozen lines into a window of hundreds, and
/// making every line of every window was most of the tables' cost.
struct TableLines: RandomAccessCollection {
    private let source: ArraySlice<SourceLine>
    private let footnotes: Set<String>
    private let made: Made

    /// The lines made so far, shared by the copies a reader passes around.
    private final class Made {
        var lines: [TableLine?]
        init(count: Int) { lines = Array(repeating: nil, count: count) }
    }

    init(_ source: ArraySlice<SourceLine>, footnotes: Set<String>) {
        self.source = source; self.footnotes = footnotes
        made = Made(count: source.count)
    }

    var startIndex: Int { 0 }
    var endIndex: Int { source.count }

    subscript(position: Int) -> TableLine {
        if let line = made.lines[position] { return line }
        let line = TableLine(source[source.startIndex + position], footnotes: footnotes)
        made.lines[position] = line
        return line
    }
}

/// Its lines are made on a shared cache without a lock: for one reader on one thread only.
@available(*, unavailable)
extension TableLines: Sendable {}
