import Foundation
import Testing
@testable import IndsatsKit

/// A JSON value, numbers kept exact (integers as Int, others as Decimal).
indirect enum JSONValue: Decodable, Equatable {
    case null, bool(Bool), int(Int), number(Decimal), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let v = try? c.decode(Bool.self) { self = .bool(v) }
        else if let v = try? c.decode(Int.self) { self = .int(v) }
        else if let v = try? c.decode(Decimal.self) { self = .number(v) }
        else if let v = try? c.decode(String.self) { self = .string(v) }
        else if let v = try? c.decode([JSONValue].self) { self = .array(v) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    static func parse(_ data: Data) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: data) }

    var object: [String: JSONValue]? { if case .object(let o) = self { o } else { nil } }
    var string: String? { if case .string(let s) = self { s } else { nil } }
    var strings: [String]? {
        if case .array(let a) = self { a.compactMap(\.string) } else { nil }
    }
}

/// Checks a JSON value against the subset of JSON Schema the shipped schema
/// uses. Any other keyword is an error, so the schema cannot gain a rule
/// this check silently ignores. Records which properties and enum values
/// the instance used, so a test can ask whether the schema allows more than
/// the encoder writes.
struct SchemaCheck {
    static let keywords: Set<String> = [
        "$schema", "title", "description", "$defs", "$ref", "type", "properties", "required",
        "additionalProperties", "items", "enum", "const", "minimum", "maximum", "minLength", "pattern",
        "minItems", "maxItems",
    ]

    let root: [String: JSONValue]
    var errors: [String] = []

    static func decimal(_ value: JSONValue?) -> Decimal? {
        switch value {
        case .int(let n): Decimal(n)
        case .number(let d): d
        default: nil
        }
    }
    /// Schema locations of properties present in the instance: "#/$defs/source/properties/path".
    var usedProperties: Set<String> = []
    /// Schema location → enum values the instance used.
    var usedEnumValues: [String: Set<String>] = [:]

    init(schema: JSONValue) { root = schema.object ?? [:] }

    mutating func check(_ value: JSONValue) { check(value, .object(root), path: "", location: "#") }

    private mutating func check(_ value: JSONValue, _ schemaValue: JSONValue, path: String, location: String) {
        guard let schema = schemaValue.object else { errors.append("\(location): not a schema"); return }
        for key in schema.keys where !Self.keywords.contains(key) {
            errors.append("\(location): keyword '\(key)' is unknown to this check")
        }
        let at = path.isEmpty ? "(document)" : path
        if let ref = schema["$ref"]?.string {
            let name = ref.replacingOccurrences(of: "#/$defs/", with: "")
            guard let target = root["$defs"]?.object?[name] else { errors.append("\(location): no \(ref)"); return }
            check(value, target, path: path, location: "#/$defs/\(name)")
        }
        if let type = schema["type"] {
            let allowed = type.strings ?? [type.string ?? "?"]
            if !allowed.contains(where: { Self.value(value, is: $0) }) { errors.append("\(at): not \(allowed)") }
        }
        if let constant = schema["const"], value != constant { errors.append("\(at): not the const \(constant)") }
        if let choices = schema["enum"] {
            if case .array(let options) = choices, !options.contains(value) { errors.append("\(at): \(value) not in enum") }
            if let s = value.string { usedEnumValues[location, default: []].insert(s) }
        }
        if let minimum = Self.decimal(schema["minimum"]), let n = Self.decimal(value), n < minimum {
            errors.append("\(at): \(n) < \(minimum)")
        }
        if let maximum = Self.decimal(schema["maximum"]), let n = Self.decimal(value), n > maximum {
            errors.append("\(at): \(n) > \(maximum)")
        }
        if case .array(let items) = value {
            if case .int(let minItems) = schema["minItems"], items.count < minItems { errors.append("\(at): fewer than \(minItems) items") }
            if case .int(let maxItems) = schema["maxItems"], items.count > maxItems { errors.append("\(at): more than \(maxItems) items") }
        }
        if case .int(let minLength) = schema["minLength"], let s = value.string, s.unicodeScalars.count < minLength {
            errors.append("\(at): shorter than \(minLength)")
        }
        if let pattern = schema["pattern"]?.string, let s = value.string {
            let regex = try? NSRegularExpression(pattern: pattern)
            if regex?.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) == nil {
                errors.append("\(at): '\(s)' does not match \(pattern)")
            }
        }
        if case .object(let members) = value {
            let properties = schema["properties"]?.object ?? [:]
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                if let sub = properties[key] {
                    usedProperties.insert("\(location)/properties/\(key)")
                    check(member, sub, path: "\(path)/\(key)", location: "\(location)/properties/\(key)")
                } else if schema["additionalProperties"] == .bool(false) {
                    errors.append("\(at): key '\(key)' is not allowed")
                } else if let sub = schema["additionalProperties"], sub.object != nil {
                    check(member, sub, path: "\(path)/\(key)", location: "\(location)/additionalProperties")
                } else if schema["additionalProperties"] != nil {
                    errors.append("\(location): additionalProperties must be false or a schema")
                }
            }
            for key in schema["required"]?.strings ?? [] where members[key] == nil {
                errors.append("\(at): required key '\(key)' is missing")
            }
        }
        if case .array(let items) = value, let itemSchema = schema["items"] {
            for (i, item) in items.enumerated() {
                check(item, itemSchema, path: "\(path)/\(i)", location: "\(location)/items")
            }
        }
    }

    static func value(_ value: JSONValue, is type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("integer", .int), ("number", .int), ("number", .number),
             ("string", .string), ("array", .array), ("object", .object): true
        default: false
        }
    }

    /// Every property location and every enum of the schema.
    static func declared(in schema: JSONValue) -> (properties: Set<String>, enums: [String: Set<String>]) {
        var properties: Set<String> = [], enums: [String: Set<String>] = [:]
        func walk(_ node: JSONValue, _ location: String) {
            guard let object = node.object else { return }
            if let values = object["enum"]?.strings { enums[location] = Set(values) }
            for (key, sub) in object["properties"]?.object ?? [:] {
                properties.insert("\(location)/properties/\(key)")
                walk(sub, "\(location)/properties/\(key)")
            }
            for (name, sub) in object["$defs"]?.object ?? [:] { walk(sub, "#/$defs/\(name)") }
            if let items = object["items"] { walk(items, "\(location)/items") }
        }
        walk(schema, "#")
        return (properties, enums)
    }
}

@Suite struct SchemaTests {
    static func schema() throws -> JSONValue { try JSONValue.parse(try DocumentSchema.data()) }

    /// A document with every optional value set and every warning code.
    static func fullDocument(format: ReportDocument.Source.Format) -> ReportDocument {
        let fields = Dictionary(uniqueKeysWithValues: Grammar.Field.canonicalKeys.map { ($0, "tekst for \($0)") })
        let span = format == .pdf ? Span(page: 7, bbox: BBox(x0: 200, y0: 100, x1: 540, y1: 160))
                                  : Span(page: 7, lines: [276, 281])
        let spans = Dictionary(uniqueKeysWithValues: Grammar.Field.canonicalKeys.map { ($0, [span]) })
        let initiative = ReportDocument.Initiative(
            id: "0123456789ab:2.1~2", number: "2.1", heading: "Status for Jobpatruljer",
            chapter: "2. BIF’s enkelte indsatser", fields: fields,
            amounts: [Amount(text: "6,9 mio. kr.", dkk: 6_900_000)],
            footnoteRefs: Dictionary(uniqueKeysWithValues: Grammar.Field.canonicalKeys.map { ($0, ["1"]) }),
            pages: .init(first: 7, last: 8), spans: spans, confidence: 0.95,
            warnings: [Warning(.emptyValue, "tom", page: 7, line: 12)])
        var budgeted = initiative
        budgeted.budget = ["2009": Decimal(string: "6.9"), "2010": nil]
        let unnumbered = ReportDocument.Initiative(
            id: "0123456789ab:#2", number: nil, heading: nil, chapter: nil, fields: [:], amounts: [], footnoteRefs: [:],
            pages: .init(first: 9, last: 9), spans: [:], confidence: 1, warnings: [])
        let pages = ReportDocument.Pages(first: 24, last: 25)
        let row = ReportDocument.TextRow(cells: ["1.", "54,40 pct."], percentages: [nil, Decimal(string: "54.4")],
                                         footnoteRefs: ["Mål": ["2"]], page: 1)
        let tables = ReportDocument.Tables(
            budget: .init(caption: "Økonomisk oversigt i mio. kr.", unit: "mio. kr.", columns: ["2009", "I alt"], rows: [
                .init(kind: .item, number: "2.1", label: "Jobpatruljer", cells: ["6,9", "-"], values: [Decimal(string: "6.9"), nil],
                      footnoteRefs: ["label": ["3"]], page: 24),
                .init(kind: .group, number: nil, label: "Projekter", cells: ["1,0", "1,0"], values: [1, 1], footnoteRefs: [:], page: 24),
                .init(kind: .total, number: nil, label: "I ALT", cells: ["7,9", "1,0"], values: [Decimal(string: "7.9"), 1],
                      footnoteRefs: [:], page: 25),
            ], pages: pages),
            indicators: .init(caption: "Startmåling", columns: ["Nr.", "Startmåling"], rows: [row], pages: pages),
            goals: .init(caption: "Statusskema", columns: ["Mål", "Status"], rows: [row], pages: pages),
            projects: .init(rows: [.init(label: "Antal projekter", text: "7", value: 7, dkk: nil),
                                   .init(label: "Samlet", text: "6.105.606 kr.", value: 6_105_606, dkk: 6_105_606)],
                            pages: pages))
        return ReportDocument(
            source: .init(path: "report.\(format.rawValue)", sha256: String(repeating: "0123456789abcdef", count: 4),
                          format: format, pages: 27),
            grammar: "kk-integration-status",
            report: .init(title: "Statusredegørelse for integrationsindsats 2009", year: 2009, furniture: ["Side #"]),
            initiatives: [budgeted, unnumbered],
            tables: tables,
            footnotes: [.init(marker: "1", text: "En fodnote.", page: 1)],
            warnings: Warning.Code.allCases.map { Warning($0, "besked", page: 3, line: 40) })
    }

    static func encoded(_ document: ReportDocument) throws -> JSONValue {
        try JSONValue.parse(try JSONOutput.encode(document))
    }

    /// Every key the encoder writes is allowed, every required key is written,
    /// and every key and enum value the schema declares is written by some document.
    @Test func encoderAndSchemaAgree() throws {
        let schema = try Self.schema()
        var check = SchemaCheck(schema: schema)
        for format in ReportDocument.Source.Format.allCases {
            check.check(try Self.encoded(Self.fullDocument(format: format)))
        }
        #expect(check.errors == [])
        let declared = SchemaCheck.declared(in: schema)
        #expect(declared.properties.subtracting(check.usedProperties).sorted() == [], "declared but never written")
        for (location, values) in declared.enums {
            #expect(values.subtracting(check.usedEnumValues[location] ?? []).sorted() == [], "\(location)")
        }
    }

    @Test func enumsAndConstantsMatchTheCode() throws {
        let root = try #require(try Self.schema().object)
        let defs = try #require(root["$defs"]?.object)
        func property(_ def: String, _ key: String) -> [String: JSONValue]? {
            defs[def]?.object?["properties"]?.object?[key]?.object
        }
        #expect(Set(property("warning", "code")?["enum"]?.strings ?? []) == Set(Warning.Code.allCases.map(\.rawValue)))
        #expect(property("warning", "code")?["enum"]?.strings?.count == Warning.Code.allCases.count)
        #expect(Set(property("source", "format")?["enum"]?.strings ?? [])
                == Set(ReportDocument.Source.Format.allCases.map(\.rawValue)))
        #expect(Set(property("initiative", "fields")?["properties"]?.object?.keys.map { $0 } ?? [])
                == Set(Grammar.Field.canonicalKeys))
        #expect(root["properties"]?.object?["schemaVersion"]?.object?["const"] == .string(ReportDocument.schemaVersion))
    }

    /// The outputs of every rendition of the seed, as extracted now.
    @Test(arguments: GoldenTests.reports)
    func corpusOutputsConform(_ report: String) throws {
        var check = SchemaCheck(schema: try Self.schema())
        check.check(try Self.encoded(try Repo.extract(report)))
        #expect(check.errors == [])
    }

    /// The check can fail: hand-broken documents are rejected, each for its reason.
    @Test func brokenDocumentsAreRejected() throws {
        let schema = try Self.schema()
        guard case .object(let good) = try Self.encoded(Self.fullDocument(format: .pdf)) else {
            Issue.record("not an object"); return
        }
        func errors(_ change: (inout [String: JSONValue]) -> Void) -> [String] {
            var document = good
            change(&document)
            var check = SchemaCheck(schema: schema)
            check.check(.object(document))
            return check.errors
        }
        func editFirstInitiative(_ doc: inout [String: JSONValue], _ edit: (inout [String: JSONValue]) -> Void) {
            guard case .array(var list) = doc["initiatives"], var first = list.first?.object else { return }
            edit(&first)
            list[0] = .object(first)
            doc["initiatives"] = .array(list)
        }
        #expect(errors { _ in } == [])
        #expect(errors { $0["source"] = nil } == ["(document): required key 'source' is missing"])
        #expect(errors { doc in
            editFirstInitiative(&doc) { i in
                var fields = i["fields"]?.object ?? [:]
                fields["økonomi"] = fields.removeValue(forKey: "economy")
                i["fields"] = .object(fields)
            }
        } == ["/initiatives/0/fields: key 'økonomi' is not allowed"])
        #expect(errors { doc in
            editFirstInitiative(&doc) { $0["pages"] = .object(["first": .int(0), "last": .int(1)]) }
        } == ["/initiatives/0/pages/first: 0 < 1"])
        #expect(errors { $0["warnings"] = .array([.object(["code": .string("no-such-code"), "message": .string("")])]) }
                == ["/warnings/0/code: string(\"no-such-code\") not in enum"])
        #expect(errors { doc in editFirstInitiative(&doc) { $0["id"] = .string("2.1") } }
                == ["/initiatives/0/id: '2.1' does not match ^[0-9a-f]{12}:(#[1-9][0-9]*|[^#~\\s][^~]*)(~([2-9]|[1-9][0-9]+))?$"])
        #expect(errors { doc in editFirstInitiative(&doc) { $0["amounts"] = .array([.object(["text": .string("6,9 mio. kr.")])]) } }
                == ["/initiatives/0/amounts/0: required key 'dkk' is missing"])
        #expect(errors { doc in editFirstInitiative(&doc) { $0["budget"] = .object(["2009": .string("6,9")]) } }
                == ["/initiatives/0/budget/2009: not [\"number\", \"null\"]"])
        #expect(errors { doc in
            var tables = doc["tables"]?.object ?? [:]
            tables["budget"] = nil
            tables["budgets"] = .array([])
            doc["tables"] = .object(tables)
        } == ["/tables: key 'budgets' is not allowed"])
    }

    /// `indsats schema` prints the shipped file byte for byte.
    @Test func schemaCommandPrintsTheFile() throws {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("indsats"),
            Repo.path(".build/debug/indsats"),
        ]
        let executable = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) })
        let run = try Self.run(executable, ["schema"])
        #expect(run.status == 0)
        #expect(run.stdout == (try Data(contentsOf: Repo.path("Sources/IndsatsKit/Resources/indsats-document.schema.json"))))
    }

    /// The first Python that has jsonschema: the one on PATH, or Debian's
    /// (where `apt-get install python3-jsonschema` puts it).
    static let pythonWithJSONSchema: String? = ["python3", "/usr/bin/python3"].first { python in
        (try? run(URL(fileURLWithPath: "/usr/bin/env"), [python, "-c", "import jsonschema"]).status) == 0
    }

    /// CI's validation with a well-known validator: every Corpus/expected/*.json
    /// validates and hand-broken copies are rejected (scripts/validate-schema.py).
    @Test(.enabled(if: pythonWithJSONSchema != nil,
                   "no python3 with the jsonschema package (python3 -m pip install jsonschema; .ci/run installs it)"))
    func corpusValidatesWithJSONSchema() throws {
        let run = try Self.run(URL(fileURLWithPath: "/usr/bin/env"), [Self.pythonWithJSONSchema!, "scripts/validate-schema.py"])
        #expect(run.status == 0, "\(String(decoding: run.stdout, as: UTF8.self))\(run.stderr)")
    }

    static func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = Repo.root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, stdout, String(decoding: stderr, as: UTF8.self))
    }
}
