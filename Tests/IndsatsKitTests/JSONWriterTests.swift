import Foundation
import Testing
@testable import IndsatsKit

/// `JSONOutput` against Foundation's `JSONEncoder` with the options it
/// replaced (sorted keys, unescaped slashes, pretty or compact, then LF),
/// byte for byte: every document the Corpus gives, the batch records, and
/// seeded random values full of awkward strings, numbers, keys and nesting.
@Suite struct JSONWriterTests {
    /// What `JSONOutput.encode` wrote before it had its own encoder.
    static func foundation<T: Encodable>(_ value: T, pretty: Bool) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                                          : [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// Records the first difference, with some context, when the bytes differ.
    static func expectSame<T: Encodable>(_ value: T, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for pretty in [true, false] {
            let ours = try JSONOutput.encode(value, pretty: pretty)
            let theirs = try foundation(value, pretty: pretty)
            guard ours != theirs else { continue }
            let (a, b) = (Array(ours), Array(theirs))
            let at = a.indices.first { $0 >= b.count || a[$0] != b[$0] } ?? b.count
            func around(_ bytes: [UInt8]) -> String {
                String(decoding: bytes[max(0, at - 60)..<min(bytes.count, at + 60)], as: UTF8.self).debugDescription
            }
            let message = "\(what) (pretty: \(pretty)): first difference at byte \(at) of \(a.count)/\(b.count)\n"
                + "ours:   \(around(a))\ntheirs: \(around(b))"
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        }
    }

    // MARK: What indsats writes

    static let corpus = GoldenTests.reports + [
        "Corpus/fixtures/hyphens.pdf", "Corpus/fixtures/justified.pdf", "Corpus/fixtures/landscape.pdf",
        "Corpus/fixtures/pages.pdf", "Corpus/fixtures/table.pdf", "Corpus/fixtures/unicode.pdf",
        "Corpus/fixtures/unknown-label-and-tight-label.pdf", "Corpus/fixtures/encrypted.pdf",
    ]

    /// Each Corpus file's document, or its error record when it has none.
    @Test(arguments: corpus) func corpusOutput(_ path: String) throws {
        do {
            let document = try Repo.extract(path)
            try Self.expectSame(document, path)
            for initiative in document.initiatives { try Self.expectSame(initiative, "\(path) \(initiative.id)") }
        } catch let error as ExtractionError {
            let record = ErrorRecord(source: .init(path: path, sha256: String(repeating: "ab", count: 32), format: .pdf),
                                     error: .init(code: error.code, message: error.reason))
            try Self.expectSame(record, "\(path) error record")
        }
    }

    /// The seed with everything a text input can carry that the Corpus does
    /// not: control characters, quotes, backslashes, slashes, non-BMP letters.
    @Test func awkwardTextInput() throws {
        let seed = try String(contentsOf: Repo.path("Corpus/statusredegoerelse-2009-bif.txt"), encoding: .utf8)
        let awkward = seed.replacingOccurrences(of: "Formål", with: "For\"mål\\/\u{1}\u{7F}\u{2028}😀")
            .replacingOccurrences(of: "kr.", with: "kr.\t\u{C}")
        let document = try Repo.extractText(awkward)
        #expect(document.initiatives.count > 10)
        try Self.expectSame(document, "awkward seed")
    }

    @Test func batchRecords() throws {
        for code in ExtractionError.Code.allCases {
            let record = ErrorRecord(source: .init(path: "a/b \"c\".pdf", sha256: code == .notFound ? nil : "00ff",
                                                   format: code == .notPDF ? nil : .pdf),
                                     error: .init(code: code, message: "why: \u{0}\n\\ \(code)"))
            try Self.expectSame(record, "error record \(code)")
            try Self.expectSame(WorkerProtocol.Reply(status: .error, source: record.source, error: record.error,
                                                     pages: 3, initiatives: 2, messages: 1, bytes: 99), "reply \(code)")
        }
        var summary = BatchSummary()
        try Self.expectSame(summary, "empty summary")
        summary.files = 12; summary.converted = 9; summary.failed = 2; summary.upToDate = 1
        summary.failures = ["damaged": 1, "not-pdf": 1, "timeout": 3]; summary.pages = 301
        summary.initiatives = 140; summary.seconds = 12.345678; summary.jobs = 2; summary.shard = "1/3"
        try Self.expectSame(summary, "summary")
        summary.seconds = 3
        try Self.expectSame(summary, "summary, whole seconds")
        let producer = ResumeRecord.Producer(indsats: "0.9.0", grammars: [ResumeRecord.GrammarStamp(Repo.grammar)], compact: true)
        try Self.expectSame(ResumeRecord(producer: producer, input: "ff", output: "x.json", error: .timeout), "resume record")
        try Self.expectSame(ResumeRecord(producer: producer, input: nil, output: "x.error.json", error: nil), "resume record, no input")
        try Self.expectSame(WorkerProtocol.Request(path: "/x/y.pdf", unlessSHA256: "ab", splitAbove: 100, pages: 3...9,
                                                   finishPageCount: 12, bytes: 7), "request")
        try Self.expectSame(WorkerProtocol.Request(path: "-"), "bare request")
    }

    // MARK: Values of every kind

    @Test func scalars() throws {
        let controls = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) })
        try Self.expectSame([controls, "\"\\/", "\u{7F}\u{80}\u{2028}\u{2029}\u{FEFF}\u{FFFF}", "😀𝄞", "é e\u{301} ø Å", "", "\r\n"], "strings")
        try Self.expectSame(Self.trickyDoubles, "doubles")
        try Self.expectSame(Self.trickyDoubles.map { Float($0) }.filter(\.isFinite), "floats")
        try Self.expectSame([Int.min, Int.max, 0, -1, 10, 1_000_000], "ints")
        try Self.expectSame(Scalars(), "integer widths, bool, nil, Data, URL, Date")
        try Self.expectSame(["6,9", "0.45", "-0.45", "1000000", "0", "1e30", "0.000001", "-12345678901234567890.123", "3.60"]
            .map { Decimal(string: $0.replacingOccurrences(of: ",", with: ".")) }, "decimals")
        try Self.expectSame("top-level string", "top-level string")
        try Self.expectSame(12.0, "top-level double")
        try Self.expectSame(Decimal(string: "6.9")!, "top-level decimal")
        try Self.expectSame(Optional<Int>.none, "top-level null")
    }

    static let trickyDoubles: [Double] = [
        0, -0.0, 1, -1, 0.1, 0.2 + 0.1, 1e-7, 1e-6, 123.456, 1e15, 1e16, 1e21, 1e22, 9007199254740992, 9007199254740994,
        123456789012345680, .leastNonzeroMagnitude, 2.2250738585072014e-308, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        100, 364.15, 2.5e-5, 1.0 / 3.0, 4.35, 0.01,
    ]

    struct Scalars: Encodable {
        var i8: Int8 = -128, i16: Int16 = 32767, i32: Int32 = -5, i64: Int64 = .min, i128: Int128 = .max
        var u: UInt = .max, u8: UInt8 = 255, u16: UInt16 = 0, u32: UInt32 = 7, u64: UInt64 = .max, u128: UInt128 = .max
        var yes = true, no = false, none: String? = nil, some: String? = "x"
        var data = Data([0, 1, 2, 250, 251, 252]), url = URL(string: "https://example.org/a b?c=d&e=/f")!
        var date = Date(timeIntervalSinceReferenceDate: 12.5), float: Float = 0.1
        var floats: [Float] = [1, 1e10, -0.0], optionals: [Int?] = [1, nil]

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(i8, forKey: .i8); try c.encode(i16, forKey: .i16); try c.encode(i32, forKey: .i32)
            try c.encode(i64, forKey: .i64); try c.encode(i128, forKey: .i128); try c.encode(u, forKey: .u)
            try c.encode(u8, forKey: .u8); try c.encode(u16, forKey: .u16); try c.encode(u32, forKey: .u32)
            try c.encode(u64, forKey: .u64); try c.encode(u128, forKey: .u128); try c.encode(yes, forKey: .yes)
            try c.encode(no, forKey: .no); try c.encode(none, forKey: .none); try c.encodeIfPresent(some, forKey: .some)
            try c.encode(data, forKey: .data); try c.encode(url, forKey: .url); try c.encode(date, forKey: .date)
            try c.encode(float, forKey: .float); try c.encode(floats, forKey: .floats); try c.encode(optionals, forKey: .optionals)
            var list = c.nestedUnkeyedContainer(forKey: .list)
            try list.encode(i8); try list.encode(u128); try list.encode(float); try list.encodeNil(); try list.encode(Int16(3))
            var one = c.nestedContainer(keyedBy: CodingKeys.self, forKey: .one)
            try one.encode(Int32(1), forKey: .i32); try one.encode(UInt8(2), forKey: .u8); try one.encodeNil(forKey: .none)
        }
        enum CodingKeys: String, CodingKey {
            case i8, i16, i32, i64, i128, u, u8, u16, u32, u64, u128, yes, no, none, some, data, url, date, float, floats
            case optionals, list, one
        }
    }

    /// Keys sort by UTF-8 bytes; a key encoded twice keeps its last value, and
    /// canonically equal keys ("é", "e\u{301}") count as one.
    @Test func keys() throws {
        let keys = ["a", "B", "_x", "a10", "a9", "ø", "é", "Z", "e\u{301}x", "", "~", "A", "😀", "\u{FFFF}", "a b", "a/b", "\"", "\\", "\u{1}"]
        try Self.expectSame(Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) }), "dictionary")
        try Self.expectSame(Tree.object([("b", .int(1)), ("a", .int(2)), ("b", .int(3)), ("a", .null)]), "repeated keys")
        try Self.expectSame(Tree.object([("é", .int(1)), ("x", .int(2)), ("e\u{301}", .int(3))]), "equivalent keys")
        try Self.expectSame(Tree.object([("e\u{301}", .int(1)), ("é", .int(2))]), "equivalent keys, decomposed first")
        try Self.expectSame([1: "a", 2: "b", 10: "c", -1: "d"], "Int keys")
        try Self.expectSame([[1]: "a"], "non-String keys: an array of pairs")
    }

    /// Containers reopened, super encoders, values that encode nothing, empty containers.
    @Test func containers() throws {
        try Self.expectSame(Shapes(), "shapes")
        try Self.expectSame([Nothing(), Nothing()], "nothing in an array")
        try Self.expectSame(["k": Nothing()], "nothing under a key")
        try Self.expectSame([[String]](), "empty array")
        try Self.expectSame([[[String: Int]()], []], "empty objects and arrays inside")
        #expect(throws: EncodingError.self) { try JSONOutput.encode(Nothing()) }
    }

    struct Nothing: Encodable { func encode(to encoder: Encoder) throws {} }

    struct Shapes: Encodable {
        enum Key: String, CodingKey { case one, two, three, super_ = "super", z }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            var one = c.nestedContainer(keyedBy: Key.self, forKey: .one)
            try one.encode("first", forKey: .z)
            var two = c.nestedUnkeyedContainer(forKey: .two)
            try two.encode(1)
            try c.encode(3, forKey: .three)
            var again = c.nestedContainer(keyedBy: Key.self, forKey: .one)
            try again.encode("second", forKey: .two)
            var twoAgain = c.nestedUnkeyedContainer(forKey: .two)
            try twoAgain.encode(2)
            try one.encode("late", forKey: .three)
            try Nothing().encode(to: c.superEncoder(forKey: .z))
            try "up".encode(to: c.superEncoder())
            var same = encoder.container(keyedBy: Key.self)
            try same.encode(true, forKey: .three)
            var list = two.nestedUnkeyedContainer()
            try list.encode("in")
            var object = two.nestedContainer(keyedBy: Key.self)
            try object.encodeNil(forKey: .one)
            try 4.encode(to: two.superEncoder())
            try two.encode(5)
        }
    }

    /// NaN and the infinities are refused, wherever they are.
    @Test func refusesNonConformingNumbers() {
        for bad in [Double.nan, .infinity, -.infinity] {
            #expect(throws: EncodingError.self) { try JSONOutput.encode(bad) }
            #expect(throws: EncodingError.self) { try JSONOutput.encode([bad]) }
            #expect(throws: EncodingError.self) { try JSONOutput.encode(["k": bad]) }
            #expect(throws: EncodingError.self) { try JSONOutput.encode(BBox(x0: 0, y0: bad, x1: 1, y1: 1)) }
            #expect(throws: EncodingError.self) { try JSONOutput.encode([Float(bad)]) }
        }
        #expect(throws: (any Error).self) { try Self.foundation([Double.nan], pretty: false) }
    }

    /// `JSONEncoder` refuses containers 512 deep; one less is written.
    @Test func depthLimit() throws {
        func nested(_ depth: Int) -> Tree { (1..<depth).reduce(Tree.object([])) { inner, _ in .object([("k", inner)]) } }
        try Self.expectSame(nested(511), "511 deep")
        #expect(throws: EncodingError.self) { try JSONOutput.encode(nested(512)) }
        #expect(throws: (any Error).self) { try Self.foundation(nested(512), pretty: false) }
    }

    // MARK: Random values

    /// A JSON value that encodes through every kind of container call.
    indirect enum Tree: Encodable {
        case string(String), int(Int), double(Double), float(Float), bool(Bool), null, decimal(Decimal)
        case array([Tree]), object([(String, Tree)])
        /// Through `nestedUnkeyedContainer` / `nestedContainer` instead of a nested `encode`.
        case nestedArray([Tree]), nestedObject([(String, Tree)])
        /// Plain Swift collections, which `JSONEncoder` may treat on paths of their own.
        case strings([String]), doubles([Double]), ints([Int]), dictionary([String: Tree])

        struct Key: CodingKey {
            var stringValue: String
            init(_ string: String) { stringValue = string }
            init?(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: Encoder) throws {
            switch self {
            case .string(let v): var c = encoder.singleValueContainer(); try c.encode(v)
            case .int(let v): var c = encoder.singleValueContainer(); try c.encode(v)
            case .double(let v): var c = encoder.singleValueContainer(); try c.encode(v)
            case .float(let v): var c = encoder.singleValueContainer(); try c.encode(v)
            case .bool(let v): var c = encoder.singleValueContainer(); try c.encode(v)
            case .null: var c = encoder.singleValueContainer(); try c.encodeNil()
            case .decimal(let v): var c = encoder.singleValueContainer(); try c.encode(v)
            case .array(let items):
                var c = encoder.unkeyedContainer()
                for item in items { try c.encode(item) }
            case .object(let members):
                var c = encoder.container(keyedBy: Key.self)
                for (key, value) in members { try c.encode(value, forKey: Key(key)) }
            case .nestedArray(let items):
                var c = encoder.unkeyedContainer()
                for item in items { try Self.put(item, into: &c) }
            case .nestedObject(let members):
                var c = encoder.container(keyedBy: Key.self)
                for (key, value) in Self.lastOfEach(members) { try Self.put(value, into: &c, key: Key(key)) }
            case .strings(let v): try v.encode(to: encoder)
            case .doubles(let v): try v.encode(to: encoder)
            case .ints(let v): try v.encode(to: encoder)
            case .dictionary(let v): try v.encode(to: encoder)
            }
        }

        /// Scalars through the container's own typed methods, containers nested in place.
        static func put(_ value: Tree, into c: inout any UnkeyedEncodingContainer) throws {
            switch value {
            case .string(let v): try c.encode(v)
            case .int(let v): try c.encode(v)
            case .double(let v): try c.encode(v)
            case .bool(let v): try c.encode(v)
            case .null: try c.encodeNil()
            case .array(let items), .nestedArray(let items):
                var nested = c.nestedUnkeyedContainer()
                for item in items { try put(item, into: &nested) }
            case .object(let members), .nestedObject(let members):
                var nested = c.nestedContainer(keyedBy: Key.self)
                for (key, value) in lastOfEach(members) { try put(value, into: &nested, key: Key(key)) }
            default: try c.encode(value)
            }
        }

        static func put(_ value: Tree, into c: inout KeyedEncodingContainer<Key>, key: Key) throws {
            switch value {
            case .string(let v): try c.encode(v, forKey: key)
            case .int(let v): try c.encode(v, forKey: key)
            case .double(let v): try c.encode(v, forKey: key)
            case .bool(let v): try c.encode(v, forKey: key)
            case .null: try c.encodeNil(forKey: key)
            case .array(let items), .nestedArray(let items):
                var nested = c.nestedUnkeyedContainer(forKey: key)
                for item in items { try put(item, into: &nested) }
            case .object(let members), .nestedObject(let members):
                var nested = c.nestedContainer(keyedBy: Key.self, forKey: key)
                for (key, value) in lastOfEach(members) { try put(value, into: &nested, key: Key(key)) }
            default: try c.encode(value, forKey: key)
            }
        }

        /// Each key once (`JSONEncoder` traps on a nested container of another kind under a used key).
        static func lastOfEach(_ members: [(String, Tree)]) -> [(String, Tree)] {
            members.enumerated().filter { at, member in !members[(at + 1)...].contains { $0.0 == member.0 } }.map(\.element)
        }
    }

    struct Generate {
        var rng: SplitMix64

        static let pieces = ["a", "Z", "0", "9", " ", "\"", "\\", "/", "\u{0}", "\u{1}", "\u{8}", "\t", "\n", "\u{B}", "\u{C}",
                             "\r", "\u{1F}", "\u{7F}", "\u{80}", "é", "e\u{301}", "ø", "Æ", "\u{2028}", "\u{2029}", "😀",
                             "\u{FEFF}", "\u{FFFF}", "𝄞", "\r\n", "kr.", "6,9", "<", "&", "'", "_", "-", "10", "~"]

        mutating func string(maxPieces: Int = 12) -> String {
            (0..<Int.random(in: 0...maxPieces, using: &rng)).map { _ in Self.pieces.randomElement(using: &rng)! }.joined()
        }

        mutating func double() -> Double {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: return trickyDoubles.randomElement(using: &rng)!
            case 1: return Double(Int.random(in: -1_000_000...1_000_000, using: &rng)) / 100
            case 2: return Double(Int.random(in: Int.min...Int.max, using: &rng))
            default:
                let bits = Double(bitPattern: rng.next())
                return bits.isFinite ? bits : 0.5
            }
        }

        mutating func decimal() -> Decimal {
            let digits = String(Int.random(in: 0...Int.max, using: &rng)).prefix(Int.random(in: 1...19, using: &rng))
            let exponent = Int.random(in: -20...20, using: &rng)
            return Decimal(string: (Bool.random(using: &rng) ? "-" : "") + digits + "e\(exponent)")!
        }

        mutating func members(_ depth: Int) -> [(String, Tree)] {
            // A small pool of keys, so that keys repeat.
            (0..<Int.random(in: 0...6, using: &rng)).map { _ in (string(maxPieces: 3), tree(depth + 1)) }
        }

        mutating func tree(_ depth: Int = 0) -> Tree {
            let kinds = depth > 4 ? 7 : 15
            switch Int.random(in: 0..<kinds, using: &rng) {
            case 0: return .string(string())
            case 1: return .int(Bool.random(using: &rng) ? Int.random(in: -1000...1000, using: &rng) : Int.random(in: .min ... .max, using: &rng))
            case 2: return .double(double())
            case 3: let f = Float(double()); return .float(f.isFinite ? f : 1.5)
            case 4: return .bool(Bool.random(using: &rng))
            case 5: return .null
            case 6: return .decimal(decimal())
            case 7: return .array((0..<Int.random(in: 0...6, using: &rng)).map { _ in tree(depth + 1) })
            case 8: return .object(members(depth))
            case 9: return .nestedArray((0..<Int.random(in: 0...6, using: &rng)).map { _ in tree(depth + 1) })
            case 10: return .nestedObject(members(depth))
            case 11: return .strings((0..<Int.random(in: 0...4, using: &rng)).map { _ in string() })
            case 12: return .doubles((0..<Int.random(in: 0...4, using: &rng)).map { _ in double() })
            case 13: return .ints((0..<Int.random(in: 0...4, using: &rng)).map { _ in Int.random(in: .min ... .max, using: &rng) })
            default: return .dictionary(Dictionary(members(depth), uniquingKeysWith: { _, last in last }))
            }
        }
    }

    @Test(arguments: 0..<40) func randomValues(_ seed: UInt64) throws {
        var generate = Generate(rng: SplitMix64(seed: seed))
        for index in 0..<25 {
            try Self.expectSame(generate.tree(), "seed \(seed), value \(index)")
        }
    }
}
