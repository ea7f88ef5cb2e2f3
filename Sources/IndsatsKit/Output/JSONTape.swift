/// An encoded value as `JSONTapeEncoder` collects it for `JSONWriter`: a
/// flat list of nodes in encoding order, each naming its parent (an object's
/// members and an array's elements are the later nodes that name it), every
/// scalar already as JSON text and every key as raw UTF-8. Nodes own no
/// memory, so building and walking the tape costs no allocation and no
/// reference counting per value.
final class JSONTape {
    enum Kind: UInt8 {
        /// A value that encoded nothing (yet): written as an empty object, as `JSONEncoder` does.
        case empty
        case scalar, object, array
    }

    struct Node {
        var parent: Int
        var kind: Kind = .empty
        /// In `keys`; meaningful for a member of an object only.
        var key: Range<Int>
        /// In `text`, for a scalar.
        var text: Range<Int> = 0..<0
    }

    // Only ever used by one encoder, one call at a time: the runtime's
    // exclusivity checks on every append cost more than the append.
    @exclusivity(unchecked) private(set) var nodes: [Node] = []
    @exclusivity(unchecked) private(set) var keys: [UInt8] = []
    @exclusivity(unchecked) private(set) var text: [UInt8] = []

    /// A new node of `parent` (-1 for the root), under `key` when the parent is an object.
    func add(parent: Int, key: String?) -> Int {
        let start = keys.count
        if let key { keys.append(contentsOf: key.utf8) }
        nodes.append(Node(parent: parent, key: start..<keys.count))
        return nodes.count - 1
    }

    func kind(of node: Int) -> Kind { nodes[node].kind }

    func setContainer(_ node: Int, _ kind: Kind) { nodes[node].kind = kind }

    func key(of node: Int) -> String { String(decoding: keys[nodes[node].key], as: UTF8.self) }

    /// The last member of `object` under `key` (as `String` compares: canonically).
    func lastMember(of object: Int, key: String) -> Int? {
        nodes.indices.reversed().prefix { $0 > object }.first { nodes[$0].parent == object && self.key(of: $0) == key }
    }

    // MARK: Scalars

    private func setText(_ node: Int, from start: Int) {
        nodes[node].kind = .scalar
        nodes[node].text = start..<text.count
    }

    func setString(_ node: Int, _ value: String) {
        let start = text.count
        var value = value
        value.withUTF8 { JSONWriter.appendQuoted($0, to: &text) }
        setText(node, from: start)
    }

    /// Numbers, `true`, `false`, `null`: already JSON.
    func setLiteral(_ node: Int, _ literal: some StringProtocol) {
        let start = text.count
        text.append(contentsOf: literal.utf8)
        setText(node, from: start)
    }

    func setInt(_ node: Int, _ value: Int) {
        let start = text.count
        if value < 0 { text.append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        repeat {
            text.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        text[(value < 0 ? start + 1 : start)...].reverse()
        setText(node, from: start)
    }

    /// As `JSONEncoder`: Swift's shortest round-trip form, an integral value without ".0".
    func setFloat(_ node: Int, _ description: String) {
        setLiteral(node, description.hasSuffix(".0") ? description.dropLast(2) : Substring(description))
    }
}
