import Foundation

/// Text whose every scalar is a grapheme cluster of its own and already in
/// NFC: ASCII (but CR, which joins a following LF), and the Latin letters,
/// punctuation and spaces of Danish reports (`plainRanges`). On such text a
/// `Character` is one scalar, so the text stages can work on UTF-8 bytes and
/// give exactly what their `Character` code gives; any other text (combining
/// marks, decomposed letters, CR LF, emoji) takes the `Character` code.
/// `PlainTextTests` checks the ranges against the Unicode data.
enum PlainText {
    /// Non-ASCII scalars that are plain: NFC quick check Yes, combining class
    /// 0, never the second part of a composition, and a grapheme boundary on
    /// either side whatever stands there (bar combining marks after them).
    static let plainRanges: [ClosedRange<UInt32>] = [
        0x80...0x2FF,     // Latin-1, Latin Extended-A and -B, IPA, spacing modifiers
        0x2002...0x200B,  // spaces (2000 and 2001 decompose to 2002 and 2003)
        0x2010...0x2029,  // dashes, quotation marks, bullets, ellipsis, line/paragraph separators
        0x202F...0x205F,  // no-break space, per mille, primes, guillemets
        0x20AC...0x20AC,  // euro sign
    ]

    @inline(__always) static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return v != 0x0D }
        if v <= 0x2FF { return true }
        return plainRanges.dropFirst().contains { $0.contains(v) }
    }

    /// Whether every scalar of `bytes` (valid UTF-8) is plain.
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        while i < n {
            // Eight bytes at a time while they are ASCII without a carriage return.
            while i + 8 <= n {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let cr = word ^ 0x0D0D_0D0D_0D0D_0D0D
                let hasCR = (cr &- 0x0101_0101_0101_0101) & ~cr & 0x8080_8080_8080_8080 != 0
                guard word & 0x8080_8080_8080_8080 == 0, !hasCR else { break }
                i += 8
            }
            guard i < n else { break }
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0D { return false }
                i += 1
                continue
            }
            let (scalar, width) = decode(bytes, at: i)
            if !isPlain(scalar) { return false }
            i += width
        }
        return true
    }

    static func isPlain(_ text: some StringProtocol) -> Bool {
        var text = String(text)
        return text.withUTF8 { isPlain($0) }
    }

    /// The scalar starting at `i` (a lead byte of valid UTF-8) and its width in bytes.
    @inline(__always) static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let b = UInt32(bytes[i])
        let value: UInt32, width: Int
        switch b {
        case 0..<0x80: value = b; width = 1
        case 0xC0..<0xE0: value = (b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F); width = 2
        case 0xE0..<0xF0:
            value = (b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F); width = 3
        default:
            value = (b & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                | UInt32(bytes[i + 3] & 0x3F); width = 4
        }
        return (Unicode.Scalar(value)!, width)
    }

    /// The scalar that ends just before `end` and its width in bytes.
    @inline(__always) static func decode(_ bytes: UnsafeBufferPointer<UInt8>, endingAt end: Int) -> (Unicode.Scalar, Int) {
        var start = end - 1
        while bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return decode(bytes, at: start)
    }

    /// `Character.isWhitespace` of a plain scalar.
    @inline(__always) static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return v == 0x20 || (0x09...0x0D).contains(v) }
        return Character(scalar).isWhitespace
    }

    /// NFC, as `precomposedStringWithCanonicalMapping` gives it, without a
    /// copy for plain text (which is NFC already).
    static func nfc(_ text: String) -> String {
        isPlain(text) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// A string of `bytes` (valid UTF-8).
    @inline(__always) static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}

extension PlainText {
    /// `Character.isLetter` of a plain scalar.
    @inline(__always) static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) }
        return Character(scalar).isLetter
    }

    /// `Character.isNumber` of a plain scalar.
    @inline(__always) static func isNumber(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return (0x30...0x39).contains(v) }
        return Character(scalar).isNumber
    }

    /// The byte offsets of `text`'s scalars as string indices.
    @inline(__always) static func index(_ text: some StringProtocol, _ offset: Int) -> String.Index {
        text.utf8.index(text.utf8.startIndex, offsetBy: offset)
    }
}
