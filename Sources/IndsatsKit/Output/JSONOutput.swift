import Foundation

/// The one place documents become bytes: sorted keys and UTF-8, so the same
/// input gives byte-identical output. The bytes are exactly those of
/// Foundation's `JSONEncoder` (`.sortedKeys`, `.withoutEscapingSlashes`,
/// pretty or not) followed by a line feed, but written by our own encoder
/// (`JSONTreeEncoder`, `JSONWriter`): `JSONEncoder` was a fifth of the CPU
/// time of a large text input, and owning the writer also keeps the output
/// from changing with a Foundation release.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = true) throws -> Data {
        var writer = JSONWriter(pretty: pretty)
        try writer.write(try JSONTreeEncoder.tree(value))
        var data = Data(capacity: writer.bytes.count + 1)
        data.append(contentsOf: writer.bytes)
        data.append(0x0A)
        return data
    }
}
