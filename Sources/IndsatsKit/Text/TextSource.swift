import Foundation

/// Reads `pdftotext` output (the default, non-layout mode) into source lines.
///
/// Page breaks are a form feed, or — as in text that went through a tool that
/// dropped the form feeds — a line that starts with exactly one space. The
/// bytes are decoded by `TextDecoder` (UTF-8, else Windows-1252, with a
/// warning) and normalised to NFC, so precomposed and decomposed "ø" read the same.
public enum TextSource {
    public static func read(data: Data, path: String) throws(ExtractionError) -> SourceText {
        guard !data.isEmpty else { throw ExtractionError(.empty, path: path, "the file is empty") }
        let (decoded, warnings) = try TextDecoder.decode(data, path: path)
        var text = lines(of: PlainText.nfc(decoded))
        text.warnings = warnings + text.warnings
        return text
    }

    /// Splits normalised text into lines, pages and blank-line gaps.
    ///
    /// Lines end at a line feed, a carriage return and line feed (Windows
    /// exports) or a lone carriage return; the break is not part of the line.
    /// A plain line (see `PlainText`) is cut and trimmed on its bytes; any
    /// other line by its `Character`s, with the same result.
    static func lines(of text: String) -> SourceText {
        var splitter = LineSplitter()
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            var lineNumber = 0
            func line(_ end: Int) {
                lineNumber += 1
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if PlainText.isPlain(raw) {
                    splitter.plainLine(raw, lineNumber)
                } else {
                    splitter.line(Substring(PlainText.string(bytes, start..<end)), lineNumber)
                }
            }
            var i = 0
            while i < bytes.count {
                if bytes[i] == 0x0A {
                    line(i > start && bytes[i - 1] == 0x0D ? i - 1 : i)
                    start = i + 1
                } else if bytes[i] == 0x0D, i + 1 == bytes.count || bytes[i + 1] != 0x0A {
                    line(i)
                    start = i + 1
                }
                i += 1
            }
            line(bytes.count)
        }
        return SourceText(lines: splitter.result, pageCount: splitter.page)
    }
}

/// The lines of a text, one at a time, into source lines with pages and gaps.
private struct LineSplitter {
    var result: [SourceLine] = []
    var page = 1
    var pendingBreaks = 0
    var pendingGap = false

    /// `line` trimmed: empty, it makes a gap; else a source line.
    mutating func append(trimmed: String, _ lineNumber: Int) {
        guard !trimmed.isEmpty else {
            pendingGap = true
            return
        }
        // Breaks before the first text, and a trailing break, open no page.
        let startsPage = result.isEmpty || pendingBreaks > 0
        if !result.isEmpty { page += pendingBreaks }
        let at = Provenance(page: page, line: lineNumber)
        result.append(SourceLine(page: page, parts: [.init(column: .full, text: trimmed, at: at)],
                                 gapBefore: pendingGap || startsPage, startsPage: startsPage))
        pendingBreaks = 0
        pendingGap = false
    }

    /// One line between line feeds, by its `Character`s.
    mutating func line(_ raw: Substring, _ lineNumber: Int) {
        var line = raw
        if line.last == "\r" { line = line.dropLast() }
        // A form feed starts a new page wherever it stands in the line.
        while let ff = line.firstIndex(of: "\u{0C}") {
            append(trimmed: String(line[..<ff].trimmingWhitespace), lineNumber)
            line = line[line.index(after: ff)...]
            pendingBreaks += 1
        }
        if line.first == " ", line.dropFirst().first != " " {
            pendingBreaks += 1
            line = line.dropFirst()
        }
        append(trimmed: String(line.trimmingWhitespace), lineNumber)
    }

    /// The same for a plain line, on its bytes (it holds no carriage return).
    mutating func plainLine(_ line: UnsafeBufferPointer<UInt8>, _ lineNumber: Int) {
        var start = 0
        var i = 0
        while i < line.count {
            if line[i] == 0x0C {
                append(trimmed: Self.trimmed(line, start..<i), lineNumber)
                pendingBreaks += 1
                start = i + 1
            }
            i += 1
        }
        if start < line.count, line[start] == 0x20, start + 1 == line.count || line[start + 1] != 0x20 {
            pendingBreaks += 1
            start += 1
        }
        append(trimmed: Self.trimmed(line, start..<line.count), lineNumber)
    }

    /// The plain bytes in `range` without white space at either end.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper {
            let (scalar, width) = PlainText.decode(bytes, at: lower)
            guard PlainText.isWhitespace(scalar) else { break }
            lower += width
        }
        while lower < upper {
            let (scalar, width) = PlainText.decode(bytes, endingAt: upper)
            guard PlainText.isWhitespace(scalar) else { break }
            upper -= width
        }
        return lower == upper ? "" : PlainText.string(bytes, lower..<upper)
    }
}

extension Substring {
    /// Without white space at either end; native, where Foundation's trimming
    /// bridges every line through NSString.
    var trimmingWhitespace: Substring {
        guard let first = firstIndex(where: { !$0.isWhitespaceFast }) else { return self[endIndex...] }
        let last = lastIndex(where: { !$0.isWhitespaceFast })!
        return self[first...last]
    }
}
