/// Finds UTF-8 that was read as Windows-1252 and saved again as UTF-8
/// ("Ã¸" for "ø", "â€“" for "–"). Such text is valid UTF-8, so only its shape
/// gives it away: characters whose Windows-1252 bytes form a UTF-8 sequence
/// for a letter or punctuation mark of Latin text.
enum Mojibake {
    struct Finding: Equatable {
        /// The mangled characters as they stand in the text, e.g. "Ã¸".
        var text: String
        /// What they were meant to be, e.g. "ø".
        var meant: String
        /// 1-based line of the first finding.
        var line: Int
        var count: Int
    }

    /// The first mangled sequence and how many there are; nil for clean text.
    static func find(in text: String) -> Finding? {
        var text = text
        return text.withUTF8(find(in:))
    }

    /// `find` on the bytes of valid UTF-8, scalar by scalar.
    private static func find(in bytes: UnsafeBufferPointer<UInt8>) -> Finding? {
        var first: Finding?
        var count = 0
        var line = 1
        var pending: [Unicode.Scalar] = []
        var i = 0
        while i < bytes.count {
            // Fast path: ASCII neither starts nor continues a sequence.
            if bytes[i] < 0x80 {
                if bytes[i] == 0x0A { line += 1 }
                if !pending.isEmpty { pending.removeAll(keepingCapacity: true) }
                i += 1
                continue
            }
            let (scalar, width) = PlainText.decode(bytes, at: i)
            i += width
            pending.append(scalar)
            switch match(pending) {
            case .partial:
                continue
            case .complete(let meant):
                count += 1
                if first == nil {
                    first = Finding(text: String(String.UnicodeScalarView(pending)), meant: String(meant), line: line, count: 0)
                }
                pending.removeAll()
            case .none:
                // The scalar that broke the sequence may start a new one.
                pending = match([scalar]) == .none ? [] : [scalar]
            }
        }
        first?.count = count
        return first
    }

    private enum Match: Equatable { case none, partial, complete(Unicode.Scalar) }

    /// Whether `scalars`, as Windows-1252 bytes, are (the start of) a two- or
    /// three-byte UTF-8 sequence for a plausible character.
    private static func match(_ scalars: [Unicode.Scalar]) -> Match {
        let bytes = scalars.compactMap(Windows1252.byte)
        guard bytes.count == scalars.count, let lead = bytes.first else { return .none }
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE2: length = 3 // General Punctuation and €: "â€“", "â€™"
        default: return .none
        }
        guard bytes.dropFirst().allSatisfy({ (0x80...0xBF).contains($0) }) else { return .none }
        if bytes.count < length { return .partial }
        let value = bytes.dropFirst().reduce(UInt32(lead & (length == 2 ? 0x1F : 0x0F))) { $0 << 6 | UInt32($1 & 0x3F) }
        guard let meant = Unicode.Scalar(value), plausible(meant) else { return .none }
        return .complete(meant)
    }

    /// Latin letters and signs (U+00A0–U+024F), general punctuation, the euro sign.
    private static func plausible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xA0...0x24F, 0x2010...0x206F, 0x20AC: true
        default: false
        }
    }
}
