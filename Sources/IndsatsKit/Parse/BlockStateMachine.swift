/// Builds initiative blocks from the token stream.
///
/// States (`Phase`), and what moves between them:
///
/// | state        | token                                   | next state, effect                              |
/// |--------------|-----------------------------------------|-------------------------------------------------|
/// | any          | heading after a gap, numbered after the open block | `heading`; the open block is finished |
/// | any          | chapter after a gap, numbered after the open block | `outside`; block finished, chapter remembered |
/// | any          | any other heading or chapter            | read as text (a value line such as "3. Opfølgning …") |
/// | any          | label of the grammar's first field      | `field`; a block that already has fields is finished and a new one, without heading, begins |
/// | `outside`    | any other label                         | read as text (a table that is not an initiative) |
/// | `outside`    | text                                    | `outside` (prose, other tables: not ours)        |
/// | `heading`    | label                                   | `field`                                         |
/// | `heading`    | text right under the heading            | `heading`; the heading wraps: title continues   |
/// | `heading`    | other text                              | `heading`; `stray-text` warning                  |
/// | `heading`    | another heading                         | `heading`; the first had no table (a contents list) and is dropped |
/// | `field`      | label accepted (see below)              | `field` of that label                           |
/// | `field`      | value text (PDF: value column)          | `field`; appended to the value                  |
/// | `field`      | PDF: full-width text                    | `tableEnded`                                    |
/// | `field`      | PDF: label-column text that is no label | `strayRow`; `unknown-label` warning             |
/// | `strayRow`   | PDF: value text                         | `strayRow`; `stray-text` warning (the row has no known label, so its value belongs to no field) |
/// | `tableEnded` | text                                    | `tableEnded`; `stray-text` warning               |
/// | `tableEnded`, `strayRow` | label                       | `field`: the table goes on                       |
///
/// A label is accepted in a PDF whenever its column says so (out of the
/// grammar's order or repeated, it gets a warning). In text, with no columns,
/// the grammar's order decides: a label is accepted only for a field after the
/// current one, only when the text after it on its line does not start with a
/// lowercase letter (a value cell starts its own phrase, while a label word
/// inside running text is followed by the rest of the sentence), and not when
/// it would skip a field whose label comes further down the same block (then
/// it is a value line that starts with a label word: "… jf." / "Mål 2 i
/// integrationspolitikken" before "Beskriv aktiviteterne"). So in "Mål Målet
/// for 2009 …" the first word is the label, and "Mål for 2010 er …" in the
/// status field is text.
///
/// Notes blocks: a line matching the grammar's `notes` pattern ("Noter")
/// closes the open block; the lines after it, up to the next heading or
/// chapter, are footnote texts, each starting with its number, on any page.
///
/// Footnotes (orthogonal to the phase). In a PDF they arrive as `.footnote`
/// tokens. In text, a line that starts with the next footnote number after a
/// blank line or at a page start ("3 Sprog og Integration er nedlagt …"),
/// on a page that has a reference glued to a word ("Integration3"), begins a
/// run of footnotes; the next number continues the run; a footnote's text goes
/// on until a page break or a blank line; the field it interrupted then goes on.
public struct BlockStateMachine: Sendable {
    public struct FieldValue: Hashable, Sendable {
        public var field: Int
        public var texts: [String] = []
        public var at: [Provenance] = []
        /// Footnote markers the layout took out of the texts (PDF superscripts).
        public var markers: [String] = []
    }

    public struct Block: Hashable, Sendable {
        public var number: String?
        public var title: String?
        public var chapter: String?
        public var at: Provenance?
        public var fields: [FieldValue] = []
        public var warnings: [Warning] = []
        public var firstPage: Int
        public var lastPage: Int
    }

    public struct Result: Sendable {
        public var blocks: [Block]
        public var footnotes: [ReportDocument.Footnote]
        public var warnings: [Warning]
    }

    enum Phase: Equatable { case outside, heading, field(Int), strayRow, tableEnded }

    private let grammar: Grammar
    private let columnar: Bool
    private var phase = Phase.outside
    private var block: Block?
    /// The heading line just read, while its title may still continue on the next line.
    private var openHeading: TextToken?
    private var chapter: Heading?
    private var blocks: [Block] = []
    private var footnotes: [ReportDocument.Footnote] = []
    private var inFootnote = false
    /// After a notes heading ("Noter"), until the next heading, chapter or label.
    private var inNotes = false
    private var warnings: [Warning] = []
    /// Text input: fields whose labels come later in the block (see `run`).
    var labelsAhead = Set<Int>()

    public init(grammar: Grammar, columnar: Bool) {
        self.grammar = grammar
        self.columnar = columnar
    }

    public static func run(_ tokens: [Token], grammar: Grammar, columnar: Bool) -> Result {
        var machine = BlockStateMachine(grammar: grammar, columnar: columnar)
        for (i, token) in tokens.enumerated() {
            if !columnar, case .label = token { machine.labelsAhead = Self.labelsAhead(tokens, after: i) }
            machine.consume(token)
        }
        return machine.finish()
    }

    /// The fields whose labels come after `i` in the same block (up to the
    /// next heading or chapter, at most `lookahead` tokens on).
    static let lookahead = 500
    static func labelsAhead(_ tokens: [Token], after i: Int) -> Set<Int> {
        var fields = Set<Int>()
        for token in tokens[(i + 1)..<min(tokens.count, i + 1 + lookahead)] {
            switch token {
            case .label(let l): fields.insert(l.field)
            case .heading, .chapter, .notes: return fields
            case .text, .footnote: continue
            }
        }
        return fields
    }

    public mutating func finish() -> Result {
        closeBlock()
        return Result(blocks: blocks, footnotes: footnotes, warnings: warnings)
    }

    public mutating func consume(_ token: Token) {
        switch token {
        case .heading(let h):
            guard opensNewBlock(h) else { return text(h.line) }
            closeBlock()
            block = Block(number: h.number, title: LineJoin.join([h.title]), chapter: chapterText(for: h.number),
                          at: h.line.at, firstPage: h.line.at.page, lastPage: h.line.at.page)
            phase = .heading
            openHeading = h.line
            inFootnote = false
            inNotes = false
        case .chapter(let h):
            guard opensNewBlock(h, chapterLevel: true) else { return text(h.line) }
            closeBlock()
            chapter = h
            phase = .outside
            inFootnote = false
            inNotes = false
        case .label(let l):
            // A note may go on with a label word; only a heading ends the notes.
            if inNotes { return l.plain.forEach { text($0) } }
            if inFootnote, !columnar {
                // Footnote text may start with a label word; a page break or gap ends the footnote.
                guard l.plain[0].gapBefore || l.plain[0].startsPage else { return l.plain.forEach { text($0) } }
                inFootnote = false
            }
            guard accepts(l) else { return l.plain.forEach { text($0) } }
            startField(l)
            l.value.forEach { append($0) }
        case .text(let t):
            text(t)
        case .footnote(let t):
            footnote(t)
        case .notes:
            // The notes end the block they follow; their numbered lines are footnotes.
            closeBlock()
            inNotes = true
            inFootnote = false
        }
    }

    // MARK: Decisions

    /// Inside a block, a heading or chapter needs a gap before it and a number
    /// after the block's, so that a value line that happens to look like one
    /// ("3. Opfølgning med virksomheder") stays in its value.
    private func opensNewBlock(_ h: Heading, chapterLevel: Bool = false) -> Bool {
        guard let open = block, !open.fields.isEmpty else { return true }
        guard h.line.gapBefore else { return false }
        guard let current = open.number else { return true }
        let a = Self.components(h.number), b = Self.components(current)
        if chapterLevel { return (a.first ?? 0) > (b.first ?? 0) }
        return b.lexicographicallyPrecedes(a)
    }

    private func accepts(_ l: LabelToken) -> Bool {
        // Outside a block only the first field opens one, so that another
        // table's "Mål | Status" header does not make an initiative.
        if phase == .outside || l.field == 0 { return l.field == 0 && startsValue(l) }
        if columnar { return true }
        guard startsValue(l) else { return false }
        switch phase {
        case .outside, .tableEnded, .strayRow: return false
        case .heading: return !skipsFieldAhead(after: -1, to: l.field)
        case .field(let current): return l.field > current && !skipsFieldAhead(after: current, to: l.field)
        }
    }

    /// Text: the rest of the label's line does not start with a lowercase letter.
    private func startsValue(_ l: LabelToken) -> Bool {
        columnar || !(l.value.first?.text.unicodeScalars.first?.properties.isLowercase ?? false)
    }

    /// A field strictly between the two in the grammar's order has its label further down the block.
    private func skipsFieldAhead(after current: Int, to field: Int) -> Bool {
        field > current + 1 && labelsAhead.contains { $0 > current && $0 < field }
    }

    // MARK: Effects

    private mutating func startField(_ l: LabelToken) {
        // The first field again: the next initiative's table, even without a heading of its own.
        if l.field == 0, let open = block, !open.fields.isEmpty { closeBlock() }
        if block == nil || phase == .outside {
            closeBlock()
            block = Block(firstPage: l.at.page, lastPage: l.at.page)
        }
        let key = grammar.fields[l.field].key
        if let existing = block!.fields.firstIndex(where: { $0.field == l.field }) {
            block!.warnings.append(Warning(.duplicateField, "field '\(key)' appears again (label '\(l.label)'); its texts are joined", at: l.at))
            // Move it last so that the text that follows lands in it.
            let value = block!.fields.remove(at: existing)
            block!.fields.append(value)
        } else {
            if let last = block!.fields.map(\.field).max(), last > l.field {
                block!.warnings.append(Warning(.fieldOutOfOrder, "field '\(key)' comes after '\(grammar.fields[last].key)', against the grammar's order", at: l.at))
            }
            block!.fields.append(FieldValue(field: l.field))
        }
        touch(l.at.page)
        phase = .field(l.field)
        openHeading = nil
    }

    private mutating func text(_ t: TextToken) {
        if inNotes { return note(t) }
        if !columnar, footnoteText(t) { return }
        switch phase {
        case .outside:
            return
        case .tableEnded:
            stray(t, "text after the table")
        case .heading:
            if let heading = openHeading, !t.gapBefore, !t.startsPage, t.column != .value,
               !columnar || t.isBold == heading.isBold {
                block!.title = LineJoin.join([block!.title, t.text].compactMap { $0 }, hyphens: grammar.lineEndHyphens)
            } else {
                openHeading = nil
                stray(t, "text between the heading and its table")
            }
        case .field, .strayRow:
            guard columnar else { return append(t) }
            switch t.column {
            case .value where phase == .strayRow: stray(t, "value of a row whose label is no label of the grammar")
            case .value: append(t)
            case .full: phase = .tableEnded
            case .label:
                block!.warnings.append(Warning(.unknownLabel, "text in the label column is no label of the grammar: '\(t.text)'", at: t.at))
                phase = .strayRow
            }
        }
    }

    /// Text inside a block that belongs to no field: kept in a warning, one per run.
    private mutating func stray(_ t: TextToken, _ what: String) {
        let prefix = "\(what), in no field: '"
        if let last = block!.warnings.indices.last, block!.warnings[last].code == .strayText,
           block!.warnings[last].message.hasPrefix(prefix) {
            block!.warnings[last].message.removeLast()
            block!.warnings[last].message += " \(t.text)'"
        } else {
            block!.warnings.append(Warning(.strayText, prefix + t.text + "'", at: t.at))
        }
    }

    private mutating func append(_ t: TextToken) {
        guard block != nil, let i = block!.fields.indices.last else { return }
        block!.fields[i].texts.append(t.text)
        block!.fields[i].at.append(t.at)
        block!.fields[i].markers += t.markers
        touch(t.at.page)
    }

    private mutating func touch(_ page: Int) {
        block!.firstPage = min(block!.firstPage, page)
        block!.lastPage = max(block!.lastPage, page)
    }

    /// Text input: starts, continues or ends a footnote; true when `t` was footnote text.
    private mutating func footnoteText(_ t: TextToken) -> Bool {
        let next = (footnotes.last.flatMap { Int($0.marker) } ?? 0) + 1
        if t.leadingNumber == next, inFootnote || ((t.gapBefore || t.startsPage) && t.leadingNumberIsReferenced) {
            footnote(t)
            inFootnote = true
            return true
        }
        if inFootnote, !t.gapBefore, !t.startsPage {
            footnote(t)
            return true
        }
        inFootnote = false
        return false
    }

    /// A line of a notes block: one that starts with a number begins that
    /// note, whatever its page; any other continues the last note.
    private mutating func note(_ t: TextToken) {
        if let n = t.leadingNumber {
            let text = LineJoin.join([String(t.text.drop { $0 != " " })], hyphens: grammar.lineEndHyphens)
            footnotes.append(.init(marker: String(n), text: text, page: t.at.page))
        } else if let last = footnotes.indices.last {
            footnotes[last].text = LineJoin.join([footnotes[last].text, t.text], hyphens: grammar.lineEndHyphens)
        } else {
            warnings.append(Warning(.strayText, "text in the notes before the first numbered note: '\(t.text)'", at: t.at))
        }
    }

    /// A line that starts with a number begins a footnote when the number is
    /// the next one, or when there is no footnote on its page to continue;
    /// otherwise it continues the last footnote ("… men derimod" / "64 %. Det …").
    private mutating func footnote(_ t: TextToken) {
        let next = (footnotes.last.flatMap { Int($0.marker) } ?? 0) + 1
        let continues = footnotes.last?.page == t.at.page
        if let n = t.leadingNumber, n == next || !continues {
            let text = LineJoin.join([String(t.text.drop { $0 != " " })], hyphens: grammar.lineEndHyphens)
            footnotes.append(.init(marker: String(n), text: text, page: t.at.page))
        } else if let last = footnotes.indices.last, footnotes[last].page == t.at.page {
            footnotes[last].text = LineJoin.join([footnotes[last].text, t.text], hyphens: grammar.lineEndHyphens)
        } else {
            warnings.append(Warning(.strayText, "footnote text without a marker: '\(t.text)'", at: t.at))
        }
    }

    private mutating func closeBlock() {
        defer { block = nil; phase = .outside; openHeading = nil }
        guard var b = block, !b.fields.isEmpty else { return }
        for (i, field) in grammar.fields.enumerated() where field.required && !b.fields.contains(where: { $0.field == i }) {
            b.warnings.append(Warning(.missingField, "the block has no '\(field.key)' field (\(field.labels[0]))",
                                      at: b.at ?? Provenance(page: b.firstPage)))
        }
        for value in b.fields where value.texts.isEmpty {
            b.warnings.append(Warning(.emptyValue, "field '\(grammar.fields[value.field].key)' has no text",
                                      at: value.at.first ?? b.at ?? Provenance(page: b.firstPage)))
        }
        blocks.append(b)
    }

    private func chapterText(for number: String) -> String? {
        guard let chapter, Self.components(chapter.number).first == Self.components(number).first else { return nil }
        return LineJoin.join([chapter.line.text])
    }

    static func components(_ number: String) -> [Int] {
        number.split(separator: ".").compactMap { Int($0) }
    }
}
