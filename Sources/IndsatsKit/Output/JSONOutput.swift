import Foundation

/// The one place documents become bytes: sorted keys and UTF-8, so the same
/// input gives byte-identical output. The bytes are exactly those of
/// Foundation's `JSONEncoder` (`.sortedKeys`, `.withoutEscapingSlashes`,
/// pretty or not) followed by a line feed, but made by our own encoder
/// (`JSONTapeEncoder` into a `JSONTape`, then `JSONWriter`): `JSONEncoder`
/// was a fifth of the CPU time of a large text input. JSONWriterTests keep
/// `JSONEncoder` as the reference, so a Foundation that writes otherwise is
/// noticed there rather than in the output.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = true) throws -> Data {
        var bytes = try JSONWriter.bytes(of: try JSONTapeEncoder.tape(value), pretty: pretty)
        bytes.append(0x0A)
        return Data(bytes)
    }
}
