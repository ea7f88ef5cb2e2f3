import Foundation

/// Bytes of a text input as a string, with what the reader should know about
/// how they were read. UTF-8 first (a byte order mark dropped); text that is
/// not UTF-8 is read as Windows-1252, never patched with replacement
/// characters; what is neither is an `invalid-text` error.
enum TextDecoder {
    static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func decode(_ data: Data, path: String) throws(ExtractionError) -> (text: String, warnings: [Warning]) {
        var bytes = data[...]
        if bytes.starts(with: utf8BOM) { bytes = bytes.dropFirst(utf8BOM.count) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw ExtractionError(.invalidText, path: path,
                                  "the text is UTF-16 (byte order mark); convert it to UTF-8 first")
        }
        if bytes.withUnsafeBytes({ $0.contains(0) }) {
            throw ExtractionError(.unknownType, path: path, "the file holds binary data (NUL bytes), not text")
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return (text, Mojibake.find(in: text).map { [mojibakeWarning($0)] } ?? [])
        }
        let firstInvalid = firstInvalidUTF8(bytes)
        switch Windows1252.decode(bytes) {
        case .success(let text):
            let line = lineNumber(of: firstInvalid, in: bytes)
            return (text, [Warning(.decodedWindows1252, "the text is not valid UTF-8 (byte "
                + hex(bytes[bytes.startIndex + firstInvalid]) + " at line \(line)); read as Windows-1252", line: line)])
        case .failure(let undefined):
            throw ExtractionError(.invalidText, path: path, "the text is neither UTF-8 nor Windows-1252 (byte "
                + "\(hex(undefined.byte)) at line \(lineNumber(of: undefined.offset, in: bytes)))")
        }
    }

    static func mojibakeWarning(_ finding: Mojibake.Finding) -> Warning {
        let times = finding.count == 1 ? "once" : "\(finding.count) times"
        return Warning(.mojibake, "the text looks double-encoded (UTF-8 read as Windows-1252): '\(finding.text)' "
            + "for '\(finding.meant)', \(times), first at line \(finding.line)", line: finding.line)
    }

    /// Offset of the first byte that does not belong to a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: some Collection<UInt8>) -> Int {
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput, .error: return offset
            }
        }
    }

    private static func lineNumber(of offset: Int, in bytes: some Collection<UInt8>) -> Int {
        bytes.prefix(offset).count(where: { $0 == 0x0A }) + 1
    }

    private static func hex(_ byte: UInt8) -> String { "0x" + String(byte, radix: 16, uppercase: true) }
}
