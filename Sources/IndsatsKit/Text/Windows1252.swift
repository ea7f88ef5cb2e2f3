/// Windows-1252, the encoding of most old Danish text exports: Latin-1 with
/// printable characters in 0x80–0x9F, five of which are undefined.
enum Windows1252 {
    /// 0x80–0x9F; nil where the code page defines nothing.
    static let high: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
        nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]

    /// The scalar a byte stands for; nil for the five undefined bytes.
    static func scalar(_ byte: UInt8) -> Unicode.Scalar? {
        (0x80...0x9F).contains(byte) ? high[Int(byte - 0x80)] : Unicode.Scalar(byte)
    }

    /// The byte that encodes `scalar`; nil when the code page has none.
    static func byte(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0..<0x80, 0xA0...0xFF: UInt8(scalar.value)
        default: reverse[scalar]
        }
    }

    private static let reverse: [Unicode.Scalar: UInt8] = Dictionary(uniqueKeysWithValues:
        high.enumerated().compactMap { index, scalar in scalar.map { ($0, UInt8(0x80 + index)) } })

    /// Decodes every byte; on an undefined byte, its offset.
    static func decode(_ bytes: some Collection<UInt8>) -> Result<String, UndefinedByte> {
        // As UTF-8 bytes: appending to a UnicodeScalarView costs a call per scalar.
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count + bytes.count / 4)
        for (offset, byte) in bytes.enumerated() {
            if byte < 0x80 {
                utf8.append(byte)
                continue
            }
            guard let scalar = scalar(byte) else { return .failure(UndefinedByte(byte: byte, offset: offset)) }
            utf8.append(contentsOf: scalar.utf8)
        }
        return .success(String(decoding: utf8, as: UTF8.self))
    }

    struct UndefinedByte: Error, Equatable {
        var byte: UInt8
        var offset: Int
    }
}
