/// Writes a `JSONTape` as UTF-8 bytes, exactly as Foundation's `JSONEncoder`
/// with `.sortedKeys` and `.withoutEscapingSlashes` (and `.prettyPrinted`
/// when asked) writes the same value on Linux: keys in the order of their
/// UTF-8 bytes, a key encoded twice written once with its last value, only
/// `"`, `\` and C0 controls escaped (`\b \f \n \r \t`, the others `\u00xx`
/// in lowercase hex); pretty: two spaces a level, `" : "`, and an empty
/// array or object still broken over two lines. Checked byte for byte
/// against `JSONEncoder` by JSONWriterTests.
struct JSONWriter {
    /// `JSONEncoder`'s limit: a container this deep is refused.
    static let maximumDepth = 512

    private(set) var bytes: [UInt8] = []
    private let pretty: Bool
    private let tape: JSONTape
    private let nodes: [JSONTape.Node]
    private let keys: [UInt8]
    private let text: [UInt8]
    private var depth = 0
    /// Per node: its first child and its next sibling (-1: none), in tape order.
    private var firstChild: [Int]
    private var nextSibling: [Int]
    /// The members of the objects being written, innermost last.
    private var order: [(key: Int, value: Int)] = []

    static func bytes(of tape: JSONTape, pretty: Bool) throws -> [UInt8] {
        var writer = JSONWriter(tape: tape, pretty: pretty)
        try writer.write(0)
        return writer.bytes
    }

    private init(tape: JSONTape, pretty: Bool) {
        self.tape = tape
        self.pretty = pretty
        (nodes, keys, text) = (tape.nodes, tape.keys, tape.text)
        firstChild = Array(repeating: -1, count: nodes.count)
        nextSibling = Array(repeating: -1, count: nodes.count)
        var lastChild = Array(repeating: -1, count: nodes.count)
        for (index, node) in nodes.enumerated() where node.parent >= 0 {
            if lastChild[node.parent] < 0 { firstChild[node.parent] = index } else { nextSibling[lastChild[node.parent]] = index }
            lastChild[node.parent] = index
        }
        bytes.reserveCapacity(text.count + keys.count + 4 * nodes.count)
    }

    private mutating func write(_ node: Int) throws {
        let this = nodes[node]
        switch this.kind {
        case .scalar: bytes.append(contentsOf: text[this.text])
        case .array: try writeArray(node)
        case .object, .empty: try writeObject(node)
        }
    }

    private mutating func writeArray(_ node: Int) throws {
        try open(UInt8(ascii: "["))
        var child = firstChild[node]
        while child >= 0 {
            separate(first: child == firstChild[node])
            try write(child)
            child = nextSibling[child]
        }
        close(UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ node: Int) throws {
        try open(UInt8(ascii: "{"))
        let base = order.count
        sortMembers(of: node)
        for at in base..<order.count {
            separate(first: at == base)
            let member = order[at]
            keys[nodes[member.key].key].withUnsafeBufferPointer { Self.appendQuoted($0, to: &bytes) }
            append(pretty ? " : " : ":")
            try write(member.value)
        }
        order.removeSubrange(base...)
        close(UInt8(ascii: "}"))
    }

    /// Appends the members of `object` to `order`: in key order, each key
    /// once with its last value. Keys compare by their UTF-8 bytes but are
    /// equal when Swift's `==` says so (canonical equivalence: "é" and
    /// "e\u{301}"), as in the `[String: …]` that `JSONEncoder` collects
    /// members in, where such a key keeps its first spelling. Only keys with
    /// non-ASCII can be equal with other bytes; others need no hashing.
    private mutating func sortMembers(of object: Int) {
        let base = order.count
        var child = firstChild[object]
        var ascii = true
        while child >= 0 {
            order.append((child, child))
            ascii = ascii && !keys[nodes[child].key].contains { $0 >= 0x80 }
            child = nextSibling[child]
        }
        guard order.count - base > 1 else { return }
        if !ascii {
            var slotOf: [String: Int] = [:]
            var kept = base
            for at in base..<order.count {
                let key = tape.key(of: order[at].key)
                if let slot = slotOf[key] { order[slot].value = order[at].value; continue }
                slotOf[key] = kept
                order[kept] = order[at]
                kept += 1
            }
            order.removeSubrange(kept...)
        }
        // Ties (equal bytes) keep tape order, so that the last value of a key comes last.
        order[base...].sort { a, b in
            keys[nodes[a.key].key].lexicographicallyPrecedes(keys[nodes[b.key].key]) || (a.key < b.key && keys[nodes[a.key].key].elementsEqual(keys[nodes[b.key].key]))
        }
        for at in (base..<(order.count - 1)).reversed() where keys[nodes[order[at].key].key].elementsEqual(keys[nodes[order[at + 1].key].key]) {
            order.remove(at: at)
        }
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

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    // MARK: Strings

    /// `utf8` as a JSON string: quoted, with `"`, `\` and C0 controls escaped.
    static func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var plain = 0
        for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plain..<index]))
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            default: bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hexDigit(byte >> 4), hexDigit(byte & 0xF)])
            }
            plain = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plain...]))
        bytes.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
