import Foundation

/// Reads `pdftotext` output (the default, non-layout mode) into source lines.
///
/// Page breaks are a form feed, or — as in text that went through a tool that
/// dropped the form feeds — a line that starts with exactly one space. Text is
/// decoded as strict UTF-8 and normalised to NFC, so precomposed and decomposed
/// "ø" read the same.
public enum TextSource {
    public static func read(data: Data, path: String) throws(ExtractionError) -> SourceText {
        guard !data.isEmpty else { throw ExtractionError(.empty, path: path, "the file is empty") }
        guard let decoded = String(validatingUTF8Data: data) else {
            throw ExtractionError(.invalidText, path: path, "the text is not valid UTF-8")
        }
        if decoded.unicodeScalars.contains("\0") {
            throw ExtractionError(.unknownType, path: path, "the file holds binary data (NUL bytes), not text")
        }
        return lines(of: decoded.precomposedStringWithCanonicalMapping)
    }

    /// Splits normalised text into lines, pages and blank-line gaps.
    static func lines(of text: String) -> SourceText {
        var result: [SourceLine] = []
        var page = 1
        var pendingBreaks = 0
        var pendingGap = false

        func append(_ text: Substring, _ lineNumber: Int) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
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

extension String {
    /// Strict UTF-8 decoding: nil for any invalid byte sequence.
    init?(validatingUTF8Data data: Data) {
        guard let s = String(validating: data, as: UTF8.self) else { return nil }
        self = s
    }
}
