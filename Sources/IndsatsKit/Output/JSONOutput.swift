import Foundation

/// The one place documents become bytes: sorted keys and UTF-8, so the same
/// input gives byte-identical output. The bytes are exactly those of
/// Foundation's `JSONEncoder` (`.sortedKeys`, `.withoutEscapingSlashes`,
/// pretty or not) followed by a line feed, but written by our own encoder
/// (`JSONTreeEncoder` into a `JSONTape`, then `JSONWriter`): `JSONEncoder` was a fifth of the CPU
/// time of a large text input, and owning the writer also keeps the output
/// from changing with a Foundation release.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = true) throws -> Data {
        var bytes = try JSONWriter.bytes(of: try JSONTreeEncoder.tape(value), pretty: pretty)
        bytes.append(0x0A)
        return Data(bytes)
    }
}
