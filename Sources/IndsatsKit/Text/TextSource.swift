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
        var text = lines(of: decoded.precomposedStringWithCanonicalMapping)
        text.warnings = warnings + text.warnings
        return text
    }

    /// Splits normalised text into lines, pages and blank-line gaps.
    static func lines(of text: String) -> SourceText {
        var result: [SourceLine] = []
        var page = 1
        var pendingBreaks = 0
        var pendingGap = false

        func append(_ text: Substring, _ lineNumber: Int) {
            let trimmed = String(text.trimmingWhitespace)
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

        var lineNumber = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = raw
            if line.last == "\r" { line = line.dropLast() }
            // A form feed starts a new page wherever it stands in the line.
            while let ff = line.firstIndex(of: "\u{0C}") {
                append(line[..<ff], lineNumber)
                line = line[line.index(after: ff)...]
                pendingBreaks += 1
            }
            if line.first == " ", line.dropFirst().first != " " {
                pendingBreaks += 1
                line = line.dropFirst()
            }
            append(line, lineNumber)
        }
        return SourceText(lines: result, pageCount: page)
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
