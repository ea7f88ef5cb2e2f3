import Foundation

/// The `Encoder` behind `JSONOutput`: turns a value's Codable conformance
/// into a `JSONTape` with the same shape and the same number and string
/// forms as Foundation's `JSONEncoder` (Decimal, Data, URL included), but
/// without its per-value costs (a dictionary and a box per object, dynamic
/// casts, coding paths). One encoder serves every nested value: `node` is
/// the tape node the value being encoded fills.
///
/// `codingPath` is not tracked (always empty): no type of ours reads it.
final class JSONTapeEncoder: Encoder, SingleValueEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    let tape: JSONTape
    @exclusivity(unchecked) private(set) var node: Int

    private init(tape: JSONTape, node: Int) { self.tape = tape; self.node = node }

    /// The tape of `value`; throws for a value that encodes nothing, as `JSONEncoder` does.
    static func tape<T: Encodable>(_ value: T) throws -> JSONTape {
        let tape = JSONTape()
        let encoder = JSONTapeEncoder(tape: tape, node: tape.add(parent: -1, key: nil))
        try encoder.fill(value)
        guard tape.kind(of: 0) != .empty else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
        }
        return tape
    }

    /// Encodes `value` as a new node of `parent`.
    fileprivate func nested<T: Encodable>(_ value: T, parent: Int, key: String?) throws {
        let outer = node
        node = tape.add(parent: parent, key: key)
        defer { node = outer }
        try fill(value)
    }

    /// A sub-encoder for a node made now, filled whenever it is used
    /// (`superEncoder()`). Its place among its siblings is where it was made,
    /// as in `JSONEncoder`; a key used again after it wins over it here, but
    /// not there (which writes it when the sub-encoder is released).
    fileprivate func deferred(parent: Int, key: String?) -> JSONTapeEncoder {
        JSONTapeEncoder(tape: tape, node: tape.add(parent: parent, key: key))
    }

    /// The common scalars, arrays of them and `[String: String]` are written
    /// without their own `encode(to:)` (speed), and so are the types
    /// `JSONEncoder` writes in its own way: Decimal as a number, Data as
    /// Base64, URL as its absolute string. A metatype comparison is cheap where a dynamic cast is not;
    /// `unsafeBitCast` is then a no-op between equal types.
    private func fill<T: Encodable>(_ value: T) throws {
        if T.self == String.self { tape.setString(node, unsafeBitCast(value, to: String.self)) }
        else if T.self == Int.self { tape.setInt(node, unsafeBitCast(value, to: Int.self)) }
        else if T.self == Double.self { try encode(unsafeBitCast(value, to: Double.self)) }
        else if T.self == Bool.self { tape.setLiteral(node, unsafeBitCast(value, to: Bool.self) ? "true" : "false") }
        else if T.self == [Int].self { fillArray(unsafeBitCast(value, to: [Int].self), tape.setInt) }
        else if T.self == [String].self { fillArray(unsafeBitCast(value, to: [String].self), tape.setString) }
        else if T.self == [String: String].self {
            tape.setContainer(node, .object)
            for (key, text) in unsafeBitCast(value, to: [String: String].self) { tape.setString(tape.add(parent: node, key: key), text) }
        }
        else if T.self == Decimal.self { tape.setLiteral(node, unsafeBitCast(value, to: Decimal.self).description) }
        else if T.self == Data.self { tape.setString(node, unsafeBitCast(value, to: Data.self).base64EncodedString()) }
        else if T.self == URL.self { tape.setString(node, unsafeBitCast(value, to: URL.self).absoluteString) }
        else { try value.encode(to: self) }
    }

    private func fillArray<E>(_ items: [E], _ set: (Int, E) -> Void) {
        tape.setContainer(node, .array)
        for item in items { set(tape.add(parent: node, key: nil), item) }
    }

    fileprivate static func checkFinite<F: BinaryFloatingPoint>(_ value: F) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "Unable to encode \(F.self).\(value) directly in JSON."))
        }
    }

    // MARK: Encoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        open(.object)
        return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self, node: node))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        open(.array)
        return UnkeyedContainer(encoder: self, node: node)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    /// A second request for a container of the same kind continues the first, as in `JSONEncoder`.
    private func open(_ kind: JSONTape.Kind) {
        let current = tape.kind(of: node)
        precondition(current == .empty || current == kind, "a container requested where another kind of value was encoded")
        tape.setContainer(node, kind)
    }

    // MARK: SingleValueEncodingContainer

    /// The node, checked to be unused, as `JSONEncoder` checks.
    private var fresh: Int {
        precondition(tape.kind(of: node) == .empty, "a single value encoded twice")
        return node
    }

    func encodeNil() throws { tape.setLiteral(fresh, "null") }
    func encode(_ value: Bool) throws { tape.setLiteral(fresh, value ? "true" : "false") }
    func encode(_ value: String) throws { tape.setString(fresh, value) }
    func encode(_ value: Double) throws { try Self.checkFinite(value); tape.setFloat(fresh, value.description) }
    func encode(_ value: Float) throws { try Self.checkFinite(value); tape.setFloat(fresh, value.description) }
    func encode(_ value: Int) throws { tape.setInt(fresh, value) }
    func encode(_ value: Int8) throws { tape.setLiteral(fresh, value.description) }
    func encode(_ value: Int16) throws { tape.setLiteral(fresh, value.description) }
    func encode(_ value: Int32) throws { tape.setLiteral(fresh, value.description) }
    func encode(_ value: Int64) throws { tape.setLiteral(fresh, value.description) }
    func encode(_ value: Int128) throws { tape.setLiteral(fresh, value.description) }
    func encode(_ value: UInt) throws { tape.setLiteral(fresh, value.description) }
    func encode(_ value: UInt8) throws { tape.setLiteral(fresh, value.description) }
    func encode(_ value: UInt16) throws { tape.setLiteral(fresh, value.description) }
    func encode(_ value: UInt32) throws { tape.setLiteral(fresh, value.description) }
    func encode(_ value: UInt64) throws { tape.setLiteral(fresh, value.description) }
    func encode(_ value: UInt128) throws { tape.setLiteral(fresh, value.description) }
    func encode<T: Encodable>(_ value: T) throws { _ = fresh; try fill(value) }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONTapeEncoder
    let node: Int
    var codingPath: [any CodingKey] { [] }

    private func put<T: Encodable>(_ value: T, _ key: Key) throws { try encoder.nested(value, parent: node, key: key.stringValue) }

    mutating func encodeNil(forKey key: Key) throws { encoder.tape.setLiteral(encoder.tape.add(parent: node, key: key.stringValue), "null") }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int128, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt128, forKey key: Key) throws { try put(value, key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try put(value, key) }

    /// Reopening a key continues its object or array, as in `JSONEncoder`.
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, node: member(key, .object)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        UnkeyedContainer(encoder: encoder, node: member(key, .array))
    }

    private func member(_ key: Key, _ kind: JSONTape.Kind) -> Int {
        let tape = encoder.tape
        if let open = tape.lastMember(of: node, key: key.stringValue), tape.kind(of: open) == kind { return open }
        let member = tape.add(parent: node, key: key.stringValue)
        tape.setContainer(member, kind)
        return member
    }

    mutating func superEncoder() -> any Encoder { encoder.deferred(parent: node, key: "super") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder.deferred(parent: node, key: key.stringValue) }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: JSONTapeEncoder
    let node: Int
    var codingPath: [any CodingKey] { [] }
    private(set) var count = 0

    private mutating func put<T: Encodable>(_ value: T) throws {
        try encoder.nested(value, parent: node, key: nil)
        count += 1
    }

    mutating func encodeNil() throws {
        encoder.tape.setLiteral(encoder.tape.add(parent: node, key: nil), "null")
        count += 1
    }
    mutating func encode(_ value: Bool) throws { try put(value) }
    mutating func encode(_ value: String) throws { try put(value) }
    mutating func encode(_ value: Double) throws { try put(value) }
    mutating func encode(_ value: Float) throws { try put(value) }
    mutating func encode(_ value: Int) throws { try put(value) }
    mutating func encode(_ value: Int8) throws { try put(value) }
    mutating func encode(_ value: Int16) throws { try put(value) }
    mutating func encode(_ value: Int32) throws { try put(value) }
    mutating func encode(_ value: Int64) throws { try put(value) }
    mutating func encode(_ value: Int128) throws { try put(value) }
    mutating func encode(_ value: UInt) throws { try put(value) }
    mutating func encode(_ value: UInt8) throws { try put(value) }
    mutating func encode(_ value: UInt16) throws { try put(value) }
    mutating func encode(_ value: UInt32) throws { try put(value) }
    mutating func encode(_ value: UInt64) throws { try put(value) }
    mutating func encode(_ value: UInt128) throws { try put(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try put(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, node: element(.object)))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(encoder: encoder, node: element(.array))
    }

    private mutating func element(_ kind: JSONTape.Kind) -> Int {
        let element = encoder.tape.add(parent: node, key: nil)
        encoder.tape.setContainer(element, kind)
        count += 1
        return element
    }

    mutating func superEncoder() -> any Encoder {
        count += 1
        return encoder.deferred(parent: node, key: nil)
    }
}
