/// Writes a `JSONValue` tree as UTF-8 bytes, exactly as Foundation's
/// `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes` (and
/// `.prettyPrinted` when asked) writes the same value on Linux: keys in the
/// order of their UTF-8 bytes, a key encoded twice written once with its
/// last value, only `"`, `\` and C0 controls escaped (`\b \f \n \r \t`, the
/// others `\u00xx` in lowercase hex), numbers as Swift's `description`
/// without a trailing ".0"; pretty: two spaces a level, `" : "`, and an
/// empty array or object still broken over two lines. Checked byte for byte
/// against `JSONEncoder` by JSONWriterTests.
struct JSONWriter {
    /// `JSONEncoder`'s limit: a container this deep is refused.
    static let maximumDepth = 512

    private(set) var bytes: [UInt8] = []
    private let pretty: Bool
    private var depth = 0

    init(pretty: Bool) { self.pretty = pretty }

    mutating func write(_ value: JSONValue) throws {
        switch value {
        case .string(let string): writeString(string)
        case .int(let int): writeInt(int)
        case .double(let double): writeDouble(double)
        case .number(let text): bytes.append(contentsOf: text.utf8)
        case .bool(let bool): append(bool ? "true" : "false")
        case .null: append("null")
        case .array(let box): try writeArray(box.items)
        case .object(let box): try writeObject(box)
        case .deferred(let encoder): try write(encoder.value ?? .object(JSONObjectBox()))
        }
    }

    private mutating func writeArray(_ items: [JSONValue]) throws {
        try open(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            separate(first: index == 0)
            try write(item)
        }
        close(UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ box: JSONObjectBox) throws {
        try open(UInt8(ascii: "{"))
        let members = box.members
        for (position, member) in Self.order(members).enumerated() {
            separate(first: position == 0)
            writeString(members[member.key].key)
            append(pretty ? " : " : ":")
            try write(members[member.value].value)
        }
        close(UInt8(ascii: "}"))
    }

    /// The members to write, in key order, each key once with its last
    /// value (indices into `members`). Keys compare by their UTF-8 bytes but
    /// are equal when Swift's `==` says so (canonical equivalence: "é" and
    /// "e\u{301}"), as in the `[String: …]` that `JSONEncoder` collects
    /// members in, where such a key keeps its first spelling. Only keys with
    /// non-ASCII can be equal with other bytes; others need no hashing.
    static func order(_ members: [(key: String, value: JSONValue)]) -> [(key: Int, value: Int)] {
        guard members.count > 1 else { return members.indices.map { ($0, $0) } }
        var order: [(key: Int, value: Int)] = []
        order.reserveCapacity(members.count)
        if members.contains(where: { $0.key.utf8.contains { $0 >= 0x80 } }) {
            var slotOf: [String: Int] = [:]
            for (index, member) in members.enumerated() {
                if let slot = slotOf[member.key] { order[slot].value = index; continue }
                slotOf[member.key] = order.count
                order.append((index, index))
            }
            order.sort { members[$0.key].key.utf8.lexicographicallyPrecedes(members[$1.key].key.utf8) }
            return order
        }
        // ASCII: `String`'s order is byte order, and fast.
        for index in members.indices { order.append((index, index)) }
        order.sort { a, b in
            members[a.key].key != members[b.key].key ? members[a.key].key < members[b.key].key : a.key < b.key
        }
        // A key encoded twice is now side by side in encoding order: keep the last.
        for at in order.indices.dropLast().reversed() where members[order[at].key].key == members[order[at + 1].key].key {
            order.remove(at: at)
        }
        return order
    }

    // MARK: Layout

    private mutating func open(_ bracket: UInt8) throws {
        depth += 1
        guard depth < Self.maximumDepth else {
            throw EncodingError.invalidValue(bracket, .init(codingPath: [], debugDescription: "Too many nested arrays or dictionaries."))
        }
        bytes.append(bracket)
        if pretty { bytes.append(0x0A) }
    }

    private mutating func separate(first: Bool) {
        if !first { append(pretty ? ",\n" : ",") }
        if pretty { indent() }
    }

    /// Pretty, an empty container is still "[\n\n]".
    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if pretty { bytes.append(0x0A); indent() }
        bytes.append(bracket)
    }

    private mutating func indent() {
        for _ in 0..<depth { bytes.append(0x20); bytes.append(0x20) }
    }

    // MARK: Scalars

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Swift's shortest round-trip form, an integral value without ".0" ("1", "-0", "1e+21").
    private mutating func writeDouble(_ value: Double) {
        var text = value.description
        text.withUTF8 { utf8 in
            let integral = utf8.count > 2 && utf8[utf8.count - 2] == UInt8(ascii: ".") && utf8[utf8.count - 1] == UInt8(ascii: "0")
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[..<(integral ? utf8.count - 2 : utf8.count)]))
        }
    }

    private mutating func writeInt(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        bytes[start...].reverse()
    }

    private mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var plain = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plain..<index]))
                escape(byte)
                plain = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plain...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append("\\\"")
        case UInt8(ascii: "\\"): append("\\\\")
        case 0x08: append("\\b")
        case 0x0C: append("\\f")
        case 0x0A: append("\\n")
        case 0x0D: append("\\r")
        case 0x09: append("\\t")
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            append("\\u00")
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0xF)])
        }
    }
}
