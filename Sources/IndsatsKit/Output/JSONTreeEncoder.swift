import Foundation

/// A value as `JSONTreeEncoder` collects it, before `JSONWriter` writes it.
/// Objects and arrays are boxes so that a container can go on filling one
/// after it has been stored in its parent.
enum JSONValue {
    case string(String)
    case int(Int)
    /// Finite: NaN and the infinities are refused when encoded.
    case double(Double)
    /// Any other number, already as JSON text (other integer types, Float, Decimal).
    case number(String)
    case bool(Bool)
    case null
    case array(JSONArrayBox)
    case object(JSONObjectBox)
    /// What a `superEncoder()` encoded, read when written: an empty object if nothing.
    case deferred(JSONTreeEncoder)
}

final class JSONArrayBox {
    var items: [JSONValue] = []
}

/// Members in the order encoded; a key encoded twice keeps its last value
/// (the writer sorts and drops the earlier ones).
final class JSONObjectBox {
    var members: [(key: String, value: JSONValue)] = []

    init() { members.reserveCapacity(8) }

    func append(_ key: String, _ value: JSONValue) { members.append((key, value)) }
}

/// The `Encoder` behind `JSONOutput`: turns a value's Codable conformance
/// into a `JSONValue` tree with the same shape and the same number and
/// string forms as Foundation's `JSONEncoder` (Decimal, Data, URL included),
/// but without its per-value costs (a hashed dictionary per object, dynamic
/// casts, coding paths). One encoder is reused for every nested value; a
/// value is encoded through it into `value`, then taken out.
///
/// `codingPath` is not tracked (always empty): no type of ours reads it.
final class JSONTreeEncoder: Encoder, SingleValueEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// What the value being encoded has become so far.
    fileprivate(set) var value: JSONValue?

    /// The tree of `value`; throws for a value that encodes nothing, as
    /// `JSONEncoder` does at the top level.
    static func tree<T: Encodable>(_ value: T) throws -> JSONValue {
        let encoder = JSONTreeEncoder()
        if let special = try encoder.special(value) { return special }
        try value.encode(to: encoder)
        guard let tree = encoder.value else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
        }
        return tree
    }

    /// A nested value's tree: an empty object when it encodes nothing.
    fileprivate func nested<T: Encodable>(_ value: T) throws -> JSONValue {
        if let special = try special(value) { return special }
        let outer = self.value
        self.value = nil
        defer { self.value = outer }
        try value.encode(to: self)
        return self.value ?? .object(JSONObjectBox())
    }

    /// The types written without their own `encode(to:)`: the common scalars
    /// and arrays of them (speed), and those `JSONEncoder` writes in its own way (Decimal as a
    /// number, Data as Base64, URL as its absolute string). A metatype
    /// comparison is cheap where a dynamic cast is not; `unsafeBitCast` is
    /// then a no-op between equal types.
    private func special<T: Encodable>(_ value: T) throws -> JSONValue? {
        if T.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if T.self == Int.self { return .int(unsafeBitCast(value, to: Int.self)) }
        if T.self == Double.self { return try Self.double(unsafeBitCast(value, to: Double.self)) }
        if T.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
        if T.self == [String].self { return Self.array(unsafeBitCast(value, to: [String].self).map(JSONValue.string)) }
        if T.self == [Int].self { return Self.array(unsafeBitCast(value, to: [Int].self).map(JSONValue.int)) }
        if T.self == Decimal.self { return .number(unsafeBitCast(value, to: Decimal.self).description) }
        if T.self == Data.self { return .string(unsafeBitCast(value, to: Data.self).base64EncodedString()) }
        if T.self == URL.self { return .string(unsafeBitCast(value, to: URL.self).absoluteString) }
        return nil
    }

    private static func array(_ items: [JSONValue]) -> JSONValue {
        let box = JSONArrayBox()
        box.items = items
        return .array(box)
    }

    fileprivate static func double(_ value: Double) throws -> JSONValue {
        guard value.isFinite else { throw nonConforming(value) }
        return .double(value)
    }

    /// As `JSONEncoder`: the shortest round-trip form, an integral value without ".0".
    fileprivate static func float(_ value: Float) throws -> JSONValue {
        guard value.isFinite else { throw nonConforming(value) }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }

    private static func nonConforming(_ value: some BinaryFloatingPoint) -> EncodingError {
        .invalidValue(value, .init(codingPath: [], debugDescription: "Unable to encode \(type(of: value)).\(value) directly in JSON."))
    }

    // MARK: Encoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedContainer<Key>(encoder: self, box: objectBox()))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(encoder: self, box: arrayBox())
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    /// A second request for a container of the same kind continues the first, as in `JSONEncoder`.
    private func objectBox() -> JSONObjectBox {
        switch value {
        case .object(let box)?: return box
        case nil: let box = JSONObjectBox(); value = .object(box); return box
        default: preconditionFailure("a keyed container requested after another value was encoded here")
        }
    }

    private func arrayBox() -> JSONArrayBox {
        switch value {
        case .array(let box)?: return box
        case nil: let box = JSONArrayBox(); value = .array(box); return box
        default: preconditionFailure("an unkeyed container requested after another value was encoded here")
        }
    }

    // MARK: SingleValueEncodingContainer

    private func set(_ new: JSONValue) {
        precondition(value == nil, "a single value encoded twice")
        value = new
    }

    func encodeNil() throws { set(.null) }
    func encode(_ value: Bool) throws { set(.bool(value)) }
    func encode(_ value: String) throws { set(.string(value)) }
    func encode(_ value: Double) throws { set(try Self.double(value)) }
    func encode(_ value: Float) throws { set(try Self.float(value)) }
    func encode(_ value: Int) throws { set(.int(value)) }
    func encode(_ value: Int8) throws { set(.number(value.description)) }
    func encode(_ value: Int16) throws { set(.number(value.description)) }
    func encode(_ value: Int32) throws { set(.number(value.description)) }
    func encode(_ value: Int64) throws { set(.number(value.description)) }
    func encode(_ value: Int128) throws { set(.number(value.description)) }
    func encode(_ value: UInt) throws { set(.number(value.description)) }
    func encode(_ value: UInt8) throws { set(.number(value.description)) }
    func encode(_ value: UInt16) throws { set(.number(value.description)) }
    func encode(_ value: UInt32) throws { set(.number(value.description)) }
    func encode(_ value: UInt64) throws { set(.number(value.description)) }
    func encode(_ value: UInt128) throws { set(.number(value.description)) }
    func encode<T: Encodable>(_ value: T) throws { set(try nested(value)) }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONTreeEncoder
    let box: JSONObjectBox
    var codingPath: [any CodingKey] { [] }

    private func put(_ value: JSONValue, _ key: Key) { box.append(key.stringValue, value) }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(try JSONTreeEncoder.double(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(try JSONTreeEncoder.float(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(.int(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(.number(value.description), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(.number(value.description), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(.number(value.description), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(.number(value.description), key) }
    mutating func encode(_ value: Int128, forKey key: Key) throws { put(.number(value.description), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(.number(value.description), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.number(value.description), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.number(value.description), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.number(value.description), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(.number(value.description), key) }
    mutating func encode(_ value: UInt128, forKey key: Key) throws { put(.number(value.description), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { put(try encoder.nested(value), key) }

    /// Reopening a key continues its object or array, as in `JSONEncoder`.
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested: JSONObjectBox
        if case .object(let open)? = last(key) { nested = open } else { nested = JSONObjectBox(); put(.object(nested), key) }
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, box: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested: JSONArrayBox
        if case .array(let open)? = last(key) { nested = open } else { nested = JSONArrayBox(); put(.array(nested), key) }
        return UnkeyedContainer(encoder: encoder, box: nested)
    }

    private func last(_ key: Key) -> JSONValue? {
        box.members.last { $0.key == key.stringValue }?.value
    }

    mutating func superEncoder() -> any Encoder { deferred("super") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { deferred(key.stringValue) }

    private func deferred(_ key: String) -> any Encoder {
        let sub = JSONTreeEncoder()
        box.append(key, .deferred(sub))
        return sub
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: JSONTreeEncoder
    let box: JSONArrayBox
    var codingPath: [any CodingKey] { [] }
    var count: Int { box.items.count }

    private func put(_ value: JSONValue) { box.items.append(value) }

    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { put(try JSONTreeEncoder.double(value)) }
    mutating func encode(_ value: Float) throws { put(try JSONTreeEncoder.float(value)) }
    mutating func encode(_ value: Int) throws { put(.int(value)) }
    mutating func encode(_ value: Int8) throws { put(.number(value.description)) }
    mutating func encode(_ value: Int16) throws { put(.number(value.description)) }
    mutating func encode(_ value: Int32) throws { put(.number(value.description)) }
    mutating func encode(_ value: Int64) throws { put(.number(value.description)) }
    mutating func encode(_ value: Int128) throws { put(.number(value.description)) }
    mutating func encode(_ value: UInt) throws { put(.number(value.description)) }
    mutating func encode(_ value: UInt8) throws { put(.number(value.description)) }
    mutating func encode(_ value: UInt16) throws { put(.number(value.description)) }
    mutating func encode(_ value: UInt32) throws { put(.number(value.description)) }
    mutating func encode(_ value: UInt64) throws { put(.number(value.description)) }
    mutating func encode(_ value: UInt128) throws { put(.number(value.description)) }
    mutating func encode<T: Encodable>(_ value: T) throws { put(try encoder.nested(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObjectBox()
        put(.object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, box: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = JSONArrayBox()
        put(.array(nested))
        return UnkeyedContainer(encoder: encoder, box: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let sub = JSONTreeEncoder()
        put(.deferred(sub))
        return sub
    }
}
