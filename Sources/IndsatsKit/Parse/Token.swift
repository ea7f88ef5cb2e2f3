/// What the tokenizer makes of the lines: candidates, not decisions. Whether a
/// heading or label candidate really is one is the state machine's call, with
/// context (see `BlockStateMachine`); each candidate carries its plain reading
/// as text for when it is not.
public enum Token: Hashable, Sendable {
    /// "2.1 Status for Jobpatruljer"
    case heading(Heading)
    /// "2. BIF’s enkelte indsatser i 2009, …"
    case chapter(Heading)
    /// A field label, with the value text that shares its lines.
    case label(LabelToken)
    case text(TextToken)
    /// Footnote text at the foot of a PDF page (its role is known from the layout).
    case footnote(TextToken)
    /// The heading of a block of notes at a section's end ("Noter"): the
    /// numbered lines after it are footnote texts.
    case notes(TextToken)
}

public struct Heading: Hashable, Sendable {
    public var number: String
    public var title: String
    /// The line as printed.
    public var line: TextToken
}

public struct LabelToken: Hashable, Sendable {
    /// Index of the field in the grammar.
    public var field: Int
    /// The label as printed.
    public var label: String
    public var at: Provenance
    /// Value text on the label's lines: the rest of the last line (text), or the
    /// value column beside each label line (PDF).
    public var value: [TextToken]
    /// The lines read as plain text, for when the label is not taken as one.
    public var plain: [TextToken]
}

public struct TextToken: Hashable, Sendable {
    public var text: String
    public var column: Column
    public var at: Provenance
    /// A blank line or paragraph gap comes before it.
    public var gapBefore: Bool
    public var startsPage: Bool
    public var isBold: Bool
    /// "3" for "3 Sprog og Integration er nedlagt …": a possible footnote, or just a number.
    public var leadingNumber: Int?
    /// The page also has a footnote reference with that number glued to a word
    /// ("pct.1", "Integration3"): the line may well be that footnote's text.
    public var leadingNumberIsReferenced: Bool = false
    /// Footnote reference markers taken out of `text` (PDF superscripts).
    public var markers: [String] = []
}
