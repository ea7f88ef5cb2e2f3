import Foundation

/// A report template as data: how to recognise the document, its headings and
/// the labels of its initiative tables. Loaded from a YAML file in `Grammars/`
/// by `GrammarLoader`; see `Grammars/README.md` for the file format.
public struct Grammar: Sendable {
    /// One field of an initiative table.
    public struct Field: Sendable, Equatable {
        /// Canonical key in the output (`name`, `economy`, …): a contract, never renamed.
        public var key: String
        /// Every printed form of the label, e.g. "Status ift. målopfyldelse" and
        /// "Status på indsatsen". A label matches word by word, exactly (case
        /// included), with any white space, line breaks too, between its words.
        public var labels: [String]
        /// A block without this field gets a `missing-field` warning.
        public var required: Bool

        public init(key: String, labels: [String], required: Bool) {
            self.key = key; self.labels = labels; self.required = required
        }

        /// Every key a grammar may use, in the output's order. The output
        /// contract: a grammar file naming any other key is rejected.
        public static let canonicalKeys = [
            "name", "economy", "basis", "targetGroup", "activities",
            "goal", "contribution", "followUp", "status",
        ]
    }

    /// A regular expression from the grammar file with the line it was written on.
    public struct Pattern: @unchecked Sendable {
        public var source: String
        public var regex: NSRegularExpression
        public var line: Int
        /// The ASCII bytes a match may start with (`PatternPrefilter`); nil: any.
        let firstBytes: [Bool]?
        /// The UTF-8 bytes every match starts with (`PatternPrefilter`); empty: any.
        let literalPrefix: [UInt8]

        public init(source: String, regex: NSRegularExpression, line: Int) {
            self.source = source; self.regex = regex; self.line = line
            self.firstBytes = PatternPrefilter.firstBytes(of: source)
            self.literalPrefix = PatternPrefilter.literalPrefix(of: source)
        }
    }

    /// How the report title is found: a first line matching `start`, continued
    /// over at most `maxLines` lines until a line matches `end`.
    public struct TitleRule: Sendable {
        public var start: Pattern
        public var end: Pattern
        public var maxLines: Int

        public init(start: Pattern, end: Pattern, maxLines: Int) {
            self.start = start; self.end = end; self.maxLines = maxLines
        }
    }

    /// Whether a word hyphenated at a line end is joined ("integrations-" /
    /// "indsatsen" → "integrationsindsatsen"); see `LineJoin`.
    public struct LineEndHyphens: Sendable, Equatable {
        /// Off by default: the text is kept as printed.
        public var join: Bool
        /// Words that, first on the next line, show a suspended compound
        /// ("Kultur-" / "og Fritidsforvaltningen"): never joined.
        public var notBefore: Set<String>

        public init(join: Bool, notBefore: Set<String>) {
            self.join = join; self.notBefore = notBefore
        }

        public static let keep = LineEndHyphens(join: false, notBefore: [])
    }

    /// Short identifier (the file name without extension).
    public var name: String
    public var description: String
    /// File the grammar was read from; nil for grammars built in code (tests).
    public var path: String?
    /// All of these must occur in the document for the grammar to be chosen.
    public var keywords: [String]
    public var title: TitleRule?
    /// A chapter heading ("2. BIF’s enkelte indsatser …"); named groups `number`, `title`.
    public var chapter: Pattern
    /// A block heading ("2.1 Status for Jobpatruljer"); named groups `number`, `title`.
    public var block: Pattern
    /// Lines that are page furniture in every document of this template.
    public var furniture: [Pattern]
    /// The heading of a block of notes at a section's end ("Noter"), if the template has them.
    public var notes: Pattern?
    /// The table's fields, in the order the template prints them.
    public var fields: [Field]
    public var lineEndHyphens: LineEndHyphens
    /// Tables outside the initiative blocks (budget overview, indicators, …).
    public var tables: TableRules

    public init(name: String, description: String, path: String?, keywords: [String],
                title: TitleRule?, chapter: Pattern, block: Pattern,
                furniture: [Pattern], fields: [Field], lineEndHyphens: LineEndHyphens = .keep,
                tables: TableRules = TableRules(), notes: Pattern? = nil) {
        self.name = name; self.description = description; self.path = path
        self.keywords = keywords; self.title = title; self.chapter = chapter
        self.block = block; self.furniture = furniture; self.fields = fields
        self.lineEndHyphens = lineEndHyphens; self.tables = tables; self.notes = notes
    }
}
