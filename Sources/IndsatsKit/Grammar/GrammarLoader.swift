import Foundation
import Yams

/// Why a grammar file was rejected, pointing at the line to fix.
public struct GrammarError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The grammar file (or the grammar's name when it was not read from a file).
    public var path: String
    /// 1-based line of the offending node; nil when the problem is the whole
    /// file (unreadable, not UTF-8).
    public var line: Int?
    /// The reason, for a person; no trailing period.
    public var reason: String

    public init(path: String, line: Int?, reason: String) {
        self.path = path; self.line = line; self.reason = reason
    }

    /// `FILE:LINE: reason`, the form editors and compilers use; `FILE: reason`
    /// when there is no line.
    public var description: String {
        if let line { "\(path):\(line): \(reason)" } else { "\(path): \(reason)" }
    }
}

extension Grammar {
    /// The form labels and keywords are compared in: NFC, every run of white
    /// space (line breaks and no-break spaces too) made one space, trimmed.
    /// Text from a PDF must go through the same function before matching.
    public static func normalize(_ text: String) -> String {
        var text = text
        if let plain = text.withUTF8({ PlainText.isPlain($0) ? normalizePlain($0) : nil }) { return plain }
        return normalizeCharacters(text)
    }

    /// `normalize` of plain text (NFC already, a scalar per `Character`), on its bytes.
    static func normalizePlain(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            var n = 0
            var pendingSpace = false
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                var width = 1
                let space: Bool
                if b < 0x80 {
                    space = b == 0x20 || (0x09...0x0D).contains(b)
                } else {
                    let (scalar, w) = PlainText.decode(bytes, at: i)
                    width = w
                    space = PlainText.isWhitespace(scalar)
                }
                if space {
                    pendingSpace = n > 0
                } else {
                    if pendingSpace { out[n] = 0x20; n += 1; pendingSpace = false }
                    for k in 0..<width { out[n + k] = bytes[i + k] }
                    n += width
                }
                i += width
            }
            return n
        }
    }

    /// `normalize` by `Character`s: the general path.
    static func normalizeCharacters(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for character in text.precomposedStringWithCanonicalMapping {
            if character.isWhitespaceFast {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(character)
            }
        }
        return out
    }
}

/// Reads grammar files (format: `Grammars/README.md`). The YAML is composed
/// into a node tree and walked by hand rather than decoded with Codable, so
/// that every error can name the line it is about.
public enum GrammarLoader {
    /// Loads the grammar in `url`; its name is the file name without extension.
    public static func load(contentsOf url: URL) throws(GrammarError) -> Grammar {
        let path = url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            let missing = !FileManager.default.fileExists(atPath: path)
            throw GrammarError(path: path, line: nil, reason: missing ? "no such file" : "cannot read file")
        }
        guard let yaml = String(data: data, encoding: .utf8) else {
            throw GrammarError(path: path, line: nil, reason: "not UTF-8 text")
        }
        return try load(yaml: yaml, name: url.deletingPathExtension().lastPathComponent, path: path)
    }

    /// Loads a grammar from YAML text. `path` is recorded in the grammar and
    /// used in errors; without it errors name the grammar.
    public static func load(yaml: String, name: String, path: String?) throws(GrammarError) -> Grammar {
        let file = path ?? name
        let root: Node?
        // UTF-8 named, not `.default`, which reads the environment on every call
        // (a sixth of a small grammar's loading time) and lets it change the parse.
        do { root = try Yams.compose(yaml: yaml, .default, .default, .utf8) } catch {
            throw syntaxError(error, yaml: yaml, path: file)
        }
        guard let root else { throw GrammarError(path: file, line: 1, reason: "empty grammar file") }
        return try GrammarReader(path: file).grammar(root, name: name, path: path)
    }

    // MARK: YAML syntax errors

    /// Yams' error as a one-line reason at its line.
    static func syntaxError(_ error: any Error, yaml: String, path: String) -> GrammarError {
        guard let error = error as? YamlError else {
            return GrammarError(path: path, line: nil, reason: "YAML error: \(error)")
        }
        func withContext(_ context: YamlError.Context?, _ problem: String) -> String {
            guard let context else { return problem }
            return "\(context.text) (line \(context.mark.line)): \(problem)"
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return GrammarError(path: path, line: mark.line, reason: "YAML syntax error: " + withContext(context, problem))
        case let .reader(problem, offset, _, _):
            let line = offset.map { yaml.prefix($0).count(where: { $0 == "\n" }) + 1 }
            return GrammarError(path: path, line: line, reason: "YAML syntax error: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            // Yams rejects duplicate keys itself but points at the first
            // occurrence; the line to fix is the repeated one.
            let key = duplicates.first ?? "?"
            let first = context.mark
            if let again = repeatedKeyLine(key, after: first, in: yaml) {
                return GrammarError(path: path, line: again,
                                    reason: "duplicate key '\(key)' (first at line \(first.line))")
            }
            return GrammarError(path: path, line: first.line, reason: "duplicate key '\(key)'")
        default:
            return GrammarError(path: path, line: nil, reason: "YAML error: \(error)")
        }
    }

    /// The line where `key`, first written at `mark`, is written again in the
    /// same block mapping: a later line indented exactly as far, before any
    /// line that is indented less. Nil for flow mappings (`{a: 1, a: 2}`).
    static func repeatedKeyLine(_ key: String, after mark: Mark, in yaml: String) -> Int? {
        let indent = mark.column - 1
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        var number = mark.line
        for line in lines.dropFirst(mark.line) {
            number += 1
            let text = line.drop(while: { $0 == " " })
            if text.isEmpty || text.hasPrefix("#") { continue }
            let column = line.count - text.count
            if column < indent { return nil }
            guard column == indent else { continue }
            for spelling in [key, "'\(key)'", "\"\(key)\""] where text.hasPrefix(spelling) {
                if text.dropFirst(spelling.count).drop(while: { $0 == " " }).hasPrefix(":") { return number }
            }
        }
        return nil
    }
}

/// Walks a composed YAML tree into a `Grammar`, failing on the first problem.
struct GrammarReader {
    let path: String

    static let topKeys = ["description", "keywords", "title", "chapter", "block", "furniture", "notes", "lineEndHyphens", "fields", "tables"]
    static let hyphenKeys = ["join", "notBefore"]
    static let titleKeys = ["start", "end", "maxLines"]
    static let fieldKeys = ["key", "labels", "required"]
    static let maxLinesRange = 1...10

    func grammar(_ root: Node, name: String, path grammarPath: String?) throws(GrammarError) -> Grammar {
        let top = try mapping(root, "the grammar", allowed: Self.topKeys,
                              required: ["description", "keywords", "chapter", "block", "fields"])
        let description = try string(top["description"]!.value, "description")
        let keywords = try keywordList(top["keywords"]!.value)
        let title = try top["title"].map { entry throws(GrammarError) in try titleRule(entry.value) }
        let chapter = try headingPattern(top["chapter"]!.value, "chapter")
        let block = try headingPattern(top["block"]!.value, "block")
        var furniture: [Grammar.Pattern] = []
        if let entry = top["furniture"] {
            for item in try sequence(entry.value, "furniture", allowEmpty: true) {
                furniture.append(try pattern(item, "furniture"))
            }
        }
        let hyphens = try top["lineEndHyphens"].map { entry throws(GrammarError) in try lineEndHyphens(entry.value) } ?? .keep
        let fields = try fieldList(top["fields"]!.value)
        let tables = try top["tables"].map { entry throws(GrammarError) in try tableRules(entry.value) } ?? .init()
        let notes = try top["notes"].map { entry throws(GrammarError) in try pattern(entry.value, "notes") }
        return Grammar(name: name, description: description, path: grammarPath, keywords: keywords,
                       title: title, chapter: chapter, block: block, furniture: furniture, fields: fields,
                       lineEndHyphens: hyphens, tables: tables, notes: notes)
    }

    // MARK: Sections

    func keywordList(_ node: Node) throws(GrammarError) -> [String] {
        var keywords: [String] = []
        for item in try sequence(node, "keywords", allowEmpty: false) {
            let keyword = try string(item, "a keyword")
            if keywords.contains(keyword) { throw fail(item, "keyword '\(keyword)' is listed twice") }
            keywords.append(keyword)
        }
        return keywords
    }

    func titleRule(_ node: Node) throws(GrammarError) -> Grammar.TitleRule {
        let map = try mapping(node, "title", allowed: Self.titleKeys, required: Self.titleKeys)
        let start = try pattern(map["start"]!.value, "title.start")
        let end = try pattern(map["end"]!.value, "title.end")
        let maxNode = map["maxLines"]!.value
        guard let maxLines = integer(maxNode), Self.maxLinesRange.contains(maxLines) else {
            throw fail(maxNode, "title.maxLines must be a whole number from \(Self.maxLinesRange.lowerBound) to "
                + "\(Self.maxLinesRange.upperBound), not '\(maxNode.scalar?.string ?? "?")'")
        }
        return Grammar.TitleRule(start: start, end: end, maxLines: maxLines)
    }

    /// `join` turns joining on; `notBefore`, the words that mark a suspended
    /// compound, is then required, since without it "Kultur-" / "og" would join.
    func lineEndHyphens(_ node: Node) throws(GrammarError) -> Grammar.LineEndHyphens {
        let map = try mapping(node, "lineEndHyphens", allowed: Self.hyphenKeys, required: ["join"])
        let joinNode = map["join"]!.value
        guard let join = boolean(joinNode) else {
            throw fail(joinNode, "lineEndHyphens.join must be true or false, not '\(joinNode.scalar?.string ?? "?")'")
        }
        var words: Set<String> = []
        if let entry = map["notBefore"] {
            for item in try sequence(entry.value, "lineEndHyphens.notBefore", allowEmpty: false) {
                let word = try string(item, "a word of lineEndHyphens.notBefore")
                guard word.allSatisfy(\.isLetter) else {
                    throw fail(item, "lineEndHyphens.notBefore: '\(word)' is not one word of letters")
                }
                if words.contains(word) { throw fail(item, "lineEndHyphens.notBefore: '\(word)' is listed twice") }
                words.insert(word)
            }
        } else if join {
            throw fail(node, "lineEndHyphens lacks the key 'notBefore', the words after a suspended compound's hyphen "
                + "(e.g. [og, eller]), which join: true needs")
        }
        return Grammar.LineEndHyphens(join: join, notBefore: words)
    }

    func fieldList(_ node: Node) throws(GrammarError) -> [Grammar.Field] {
        var fields: [Grammar.Field] = []
        var keyLines: [String: Int] = [:]
        var labelOwners: [String: (key: String, line: Int)] = [:]
        for item in try sequence(node, "fields", allowEmpty: false) {
            let map = try mapping(item, "a field", allowed: Self.fieldKeys, required: ["key", "labels"])
            let keyNode = map["key"]!.value
            let key = try string(keyNode, "key")
            guard Grammar.Field.canonicalKeys.contains(key) else {
                throw fail(keyNode, "unknown field key '\(key)' (known: "
                    + Grammar.Field.canonicalKeys.joined(separator: ", ") + ")")
            }
            if let first = keyLines[key] {
                throw fail(keyNode, "duplicate field key '\(key)' (first at line \(first))")
            }
            keyLines[key] = line(keyNode)
            var labels: [String] = []
            for labelNode in try sequence(map["labels"]!.value, "labels of '\(key)'", allowEmpty: false) {
                let label = try string(labelNode, "a label")
                if let owner = labelOwners[label] {
                    throw fail(labelNode, owner.key == key
                        ? "label '\(label)' is listed twice in field '\(key)'"
                        : "label '\(label)' is listed under both '\(owner.key)' (line \(owner.line)) and '\(key)'")
                }
                labelOwners[label] = (key, line(labelNode))
                labels.append(label)
            }
            var required = false
            if let entry = map["required"] {
                guard let value = boolean(entry.value) else {
                    throw fail(entry.value, "required must be true or false, not '\(entry.value.scalar?.string ?? "?")'")
                }
                required = value
            }
            fields.append(Grammar.Field(key: key, labels: labels, required: required))
        }
        return fields
    }

    // MARK: Patterns

    func pattern(_ node: Node, _ what: String) throws(GrammarError) -> Grammar.Pattern {
        guard case let .scalar(scalar) = node, resolvedTag(node) != .null, !scalar.string.isEmpty else {
            throw fail(node, "\(what) must be a non-empty pattern (a string)")
        }
        // NFC like the lines it is matched against: a decomposed "å" would never match.
        let source = scalar.string.precomposedStringWithCanonicalMapping
        let regex: NSRegularExpression
        do { regex = try NSRegularExpression(pattern: source) } catch {
            throw fail(node, "\(what): pattern '\(source)' does not compile")
        }
        if let problem = PatternSafety.problem(in: source) {
            throw fail(node, "\(what): pattern '\(source)' \(problem) (see 'The regular-expression engine' in Grammars/README.md)")
        }
        return Grammar.Pattern(source: source, regex: regex, line: line(node))
    }

    /// A chapter or block pattern: it must capture `number` and `title`.
    func headingPattern(_ node: Node, _ what: String) throws(GrammarError) -> Grammar.Pattern {
        let pattern = try pattern(node, what)
        try requireGroups(["number", "title"], in: pattern, node, what)
        return pattern
    }

    func requireGroups(_ names: [String], in pattern: Grammar.Pattern, _ node: Node, _ what: String) throws(GrammarError) {
        let missing = names.filter { !Self.groupNames(in: pattern.source).contains($0) }
        guard missing.isEmpty else {
            throw fail(node, "\(what): pattern '\(pattern.source)' lacks the named group"
                + (missing.count == 1 ? " " : "s ") + missing.map { "(?<\($0)>…)" }.joined(separator: " and "))
        }
    }

    /// Names of the `(?<name>…)` groups in an ICU pattern. NSRegularExpression
    /// cannot list them, so the source is scanned, skipping escapes, character
    /// classes and look-behinds (`(?<=`, `(?<!`).
    static func groupNames(in pattern: String) -> Set<String> {
        var names: Set<String> = []
        let chars = Array(pattern)
        var i = 0, inClass = false
        while i < chars.count {
            switch chars[i] {
            case "\\": i += 1
            case "[": inClass = true
            case "]": inClass = false
            case "(" where !inClass && chars[i...].starts(with: "(?<"):
                let nameStart = i + 3
                var end = nameStart
                while end < chars.count, chars[end].isLetter || chars[end].isNumber { end += 1 }
                if end > nameStart, end < chars.count, chars[end] == ">" {
                    names.insert(String(chars[nameStart..<end]))
                }
            default: break
            }
            i += 1
        }
        return names
    }

    // MARK: Typed access to nodes

    /// A mapping whose keys are all `allowed` and include `required`; keyed by name.
    func mapping(_ node: Node, _ what: String, allowed: [String], required: [String])
        throws(GrammarError) -> [String: (key: Node, value: Node)] {
        guard case let .mapping(mapping) = node else {
            throw fail(node, "\(what) must be a mapping (key: value lines), not \(kind(of: node))")
        }
        var entries: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard case let .scalar(scalar) = key else { throw fail(key, "expected a key name, not \(kind(of: key))") }
            guard allowed.contains(scalar.string) else {
                throw fail(key, "unknown key '\(scalar.string)' in \(what) (allowed: \(allowed.joined(separator: ", ")))")
            }
            entries[scalar.string] = (key, value)
        }
        if let absent = required.first(where: { entries[$0] == nil }) {
            throw fail(node, "\(what) lacks the required key '\(absent)'")
        }
        return entries
    }

    func sequence(_ node: Node, _ what: String, allowEmpty: Bool) throws(GrammarError) -> [Node] {
        guard case let .sequence(sequence) = node else {
            throw fail(node, "\(what) must be a list, not \(kind(of: node))")
        }
        let items = Array(sequence)
        if items.isEmpty && !allowEmpty { throw fail(node, "\(what) must not be empty") }
        return items
    }

    /// A non-empty string in normalised form (see `Grammar.normalize`).
    /// Plain scalars YAML reads as numbers or booleans count as their text.
    func string(_ node: Node, _ what: String) throws(GrammarError) -> String {
        guard case let .scalar(scalar) = node else {
            throw fail(node, "\(what) must be a string, not \(kind(of: node))")
        }
        let text = resolvedTag(node) == .null ? "" : Grammar.normalize(scalar.string)
        if text.isEmpty { throw fail(node, "\(what) must not be an empty string") }
        return text
    }

    func integer(_ node: Node) -> Int? {
        guard case let .scalar(scalar) = node, resolvedTag(node) == .int else { return nil }
        return Int.construct(from: scalar)
    }

    func boolean(_ node: Node) -> Bool? {
        guard case let .scalar(scalar) = node, resolvedTag(node) == .bool else { return nil }
        return Bool.construct(from: scalar)
    }

    func kind(of node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        case let .scalar(scalar): resolvedTag(node) == .null ? "nothing" : "'\(scalar.string)'"
        }
    }

    /// The node's YAML type (`Tag.name` is internal to Yams).
    func resolvedTag(_ node: Node) -> Tag.Name { Tag.Name(rawValue: node.tag.description) }

    func line(_ node: Node) -> Int { node.mark?.line ?? 1 }

    func fail(_ node: Node, _ reason: String) -> GrammarError {
        GrammarError(path: path, line: line(node), reason: reason)
    }
}
