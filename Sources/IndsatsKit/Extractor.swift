import Foundation

/// The whole pipeline for one input:
/// source (PDF through poppler, or text) → lines and columns → tokens →
/// blocks → `ReportDocument`. Pure apart from poppler's reading of the bytes.
public struct Extractor: Sendable {
    /// Installed grammars to choose from by their keywords.
    public var grammars: [Grammar]
    /// Use this grammar whatever the document says (`--grammar`).
    public var grammar: Grammar?
    /// Password for encrypted PDFs.
    public var password: String?
    /// The stages that work page by page, run of lines by run of lines, or
    /// initiative by initiative (a PDF's layout, tokens, the initiatives'
    /// fields and amounts) may run on this many threads; the document is the
    /// same whatever the number.
    public var threads: Int = 1

    public init(grammars: [Grammar], grammar: Grammar? = nil, password: String? = nil) {
        self.grammars = grammars; self.grammar = grammar; self.password = password
    }

    public func extract(_ input: InputDocument) throws(ExtractionError) -> ReportDocument {
        try extract(input, pdfLines: nil)
    }

    /// The per-page stage of a PDF: `pages` (nil: all) read by poppler and
    /// made into lines, page by page.
    public func pdfLines(_ input: InputDocument, pages: ClosedRange<Int>? = nil) throws(ExtractionError) -> PDFPages<PDFPageLines> {
        try PDFSource.read(data: input.data, path: input.path, password: password, pages: pages, transform: PDFPageLines.init)
    }

    /// The same from a document kept open between page ranges.
    public func pdfLines(_ document: PDFSource.OpenDocument, pages: ClosedRange<Int>) -> PDFPages<PDFPageLines> {
        document.read(pages: pages, transform: PDFPageLines.init)
    }

    /// The number of pages of a PDF input.
    public func pageCount(_ input: InputDocument) throws(ExtractionError) -> Int {
        try PDFSource.pageCount(data: input.data, path: input.path, password: password)
    }

    /// The document, from the lines of all pages of a PDF input when they were
    /// read already (`pdfLines`, possibly in parts). Consumes them: pass them
    /// with `consume` so that each page's words are freed once laid out.
    public func extract(_ input: InputDocument, pdfLines: consuming PDFPages<PDFPageLines>?) throws(ExtractionError) -> ReportDocument {
        var lines = consume pdfLines
        let (result, overrun) = PatternBudget.collecting {
            Result { () throws(ExtractionError) in try extractWithinBudget(input, pdfLines: lines.take()) }
        }
        if let overrun {
            let used = grammar ?? (try? result.get()).flatMap { document in grammars.first { $0.name == document.grammar } }
            let file = used.map { $0.path ?? $0.name } ?? "the grammar"
            throw ExtractionError(.grammar, path: input.path, "the pattern '\(overrun.source)' at \(file):\(overrun.line) "
                + "exceeded its step budget on the line '\(overrun.text)' (it backtracks too much): simplify it "
                + "(see Grammars/README.md)")
        }
        return try result.get()
    }

    private func extractWithinBudget(_ input: InputDocument, pdfLines: consuming PDFPages<PDFPageLines>?) throws(ExtractionError) -> ReportDocument {
        let (text, grammar, selectionWarnings) = try read(input, pdfLines: consume pdfLines)
        let tokens = Tokenizer(grammar: grammar).tokens(text.lines, columnar: input.format == .pdf, threads: threads)
        let result = BlockStateMachine.run(tokens, grammar: grammar, columnar: input.format == .pdf)
        let sha = input.sha256
        var warnings = selectionWarnings + text.warnings + result.warnings
        if result.blocks.isEmpty {
            warnings.append(Warning(.noInitiatives, "no initiative table was found with grammar '\(grammar.name)'"))
        }
        let footnotes = Set(result.footnotes.map(\.marker))
        let tables = TableReader(grammar: grammar, footnotes: result.footnotes, columnar: input.format == .pdf).read(text.lines)
        warnings += tables.warnings
        var initiatives = Self.initiatives(result.blocks, grammar: grammar, idPrefix: String(sha.prefix(12)),
                                           footnotes: footnotes, gluedMarkers: input.format == .text, threads: threads)
        if let budget = tables.tables.budget {
            for i in initiatives.indices {
                guard let number = initiatives[i].number,
                      let row = budget.rows.first(where: { $0.kind == .item && $0.number == number }) else { continue }
                initiatives[i].budget = Dictionary(uniqueKeysWithValues: zip(budget.columns, row.values))
                // Doubts about its row are doubts about the initiative's budget.
                let doubts = tables.warnings.filter { $0.budgetRow == number }
                if !doubts.isEmpty {
                    initiatives[i].warnings += doubts
                    initiatives[i].confidence = Confidence.of(initiatives[i].warnings)
                }
            }
        }
        initiatives = Self.carryingRowDoubts(initiatives, text.warnings)
        return ReportDocument(
            source: .init(path: input.path, sha256: sha, format: input.format == .pdf ? .pdf : .text, pages: text.pageCount),
            grammar: grammar.name,
            report: report(text, grammar: grammar),
            initiatives: initiatives,
            tables: tables.tables,
            footnotes: result.footnotes,
            warnings: warnings)
    }

    /// The field keys of the grammar a document was read with, in printed order.
    public func fieldOrder(of document: ReportDocument) -> [String] {
        let used = grammar ?? grammars.first { $0.name == document.grammar }
        return used?.fields.map(\.key) ?? Grammar.Field.canonicalKeys
    }

    /// Reads the source and chooses the grammar (the PDF layout needs the grammar's labels).
    private func read(_ input: InputDocument, pdfLines: consuming PDFPages<PDFPageLines>?) throws(ExtractionError) -> (SourceText, Grammar, [Warning]) {
        switch input.format {
        case .text:
            let text = try TextSource.read(data: input.data, path: input.path)
            let (grammar, warnings) = try choose(for: text.lines.lazy.map(\.text), path: input.path)
            return (TextFurniture.remove(from: text, patterns: grammar.furniture), grammar, warnings)
        case .pdf:
            var given = consume pdfLines
            if let lines = given.take() { return try layOut(consume lines, path: input.path) }
            return try layOut(try self.pdfLines(input), path: input.path)
        }
    }

    /// Consumes the lines, so that when nothing else holds them each page's
    /// words are freed as soon as the page is laid out: they are most of the
    /// memory a large PDF takes.
    private func layOut(_ pdf: consuming PDFPages<PDFPageLines>, path: String) throws(ExtractionError) -> (SourceText, Grammar, [Warning]) {
        let heights = pdf.pages.map(\.height), pageCount = pdf.pageCount
        let messages = pdf.messages.map { Warning(.pdfMessage, "poppler: \($0)") }
        let pages = pdf.pages.map(\.lines)
        _ = consume pdf
        guard pages.contains(where: { !$0.isEmpty }) else {
            throw ExtractionError(.noText, path: path, "the PDF has no text layer (scanned or image-only?): it needs OCR first")
        }
        let (grammar, warnings) = try choose(for: pages.joined().lazy.map(\.text), path: path)
        var text = PDFLayout.sourceText(consume pages, heights: heights, pageCount: pageCount, grammar: grammar, threads: threads)
        text.warnings = messages + text.warnings
        return (text, grammar, warnings)
    }

    private func choose(for lines: some Collection<String>, path: String) throws(ExtractionError) -> (Grammar, [Warning]) {
        if let grammar { return (grammar, []) }
        let selection = GrammarSelector.select(from: grammars, lines: lines)
        if let chosen = selection.grammar { return (chosen, []) }
        guard let fallback = grammars.first else {
            throw ExtractionError(.grammar, path: path, "no grammar is installed (see 'indsats grammars')")
        }
        return (fallback, [Warning(.grammarFallback, "\(selection.reason); read with '\(fallback.name)'")])
    }

    /// Finished blocks as output initiatives, with ids, values joined and the economy field's amounts.
    /// `footnotes`: the markers of the document's footnotes. `gluedMarkers`:
    /// text input, where a reference is digits glued to a word; in a PDF the
    /// layout has already taken superscript markers out.
    static func initiatives(_ blocks: [BlockStateMachine.Block], grammar: Grammar, idPrefix: String,
                            footnotes: Set<String>, gluedMarkers: Bool, threads: Int = 1) -> [ReportDocument.Initiative] {
        var seen: [String: Int] = [:]
        let ids = blocks.enumerated().map { index, block in
            var id = "\(idPrefix):\(block.number ?? "#\(index + 1)")"
            seen[id, default: 0] += 1
            if let n = seen[id], n > 1 { id += "~\(n)" }
            return id
        }
        return Parallel.map(Array(zip(ids, blocks)), threads: threads) { id, block in
            var fields: [String: String] = [:]
            var spans: [String: [Span]] = [:]
            var refs: [String: [String]] = [:]
            var warnings = block.warnings
            var economyLines: [String] = []  // as joined into the field's text, where its ranges were found
            for value in block.fields {
                let key = grammar.fields[value.field].key
                var texts = value.texts, markers = value.markers
                if gluedMarkers {
                    for i in texts.indices {
                        let stripped = GluedMarkers.strip(texts[i], known: footnotes)
                        texts[i] = stripped.text
                        markers += stripped.markers
                    }
                }
                fields[key] = LineJoin.join(texts, hyphens: grammar.lineEndHyphens)
                if key == "economy" { economyLines = texts }
                spans[key] = Span.spans(value.at)
                if !markers.isEmpty { refs[key] = markers }
                for marker in markers where !footnotes.contains(marker) {
                    warnings.append(Warning(.footnoteWithoutText, "field '\(key)' refers to footnote \(marker), which has no text", at: value.at.first))
                }
            }
            let money = fields["economy"].map { AmountParser.read($0) } ?? .init()
            let economy = block.fields.first { grammar.fields[$0.field].key == "economy" }
            for range in money.ranges {
                // The line it starts on (the field's first if not found).
                let line = LineJoin.line(holding: range, in: economyLines, hyphens: grammar.lineEndHyphens) ?? 0
                let at = economy.flatMap { $0.at.indices.contains(line) ? $0.at[line] : $0.at.first }
                warnings.append(Warning(.amountUnread, "field 'economy' states '\(range)', which is not one amount "
                    + "(a range, or a dash that may be a minus): left out of amounts", at: at))
            }
            return .init(id: id, number: block.number, heading: block.title, chapter: block.chapter,
                         fields: fields, amounts: money.amounts.map(\.amount),
                         footnoteRefs: refs, pages: .init(first: block.firstPage, last: block.lastPage),
                         spans: spans, confidence: Confidence.of(warnings), warnings: warnings)
        }
    }

    /// The initiatives, each also carrying the `row-boundary-guessed` warnings
    /// of its own table rows: a label placed on a guess is a doubt about its
    /// values. A row is the initiative's whose value beside the label (a
    /// field's span on the label's page) reaches across the label's middle;
    /// the rows `RowAligner` guesses lie inside one initiative's table.
    static func carryingRowDoubts(_ initiatives: [ReportDocument.Initiative], _ warnings: [Warning]) -> [ReportDocument.Initiative] {
        var initiatives = initiatives
        for warning in warnings where warning.code == .rowBoundaryGuessed {
            guard let page = warning.page, let box = warning.box else { continue }
            let middle = (box.y0 + box.y1) / 2
            let beside = initiatives.firstIndex { initiative in
                initiative.spans.values.joined().contains { span in
                    span.page == page && span.bbox.map { $0.y0 <= middle && middle <= $0.y1 } == true
                }
            }
            guard let i = beside else { continue }
            initiatives[i].warnings.append(warning)
            initiatives[i].confidence = Confidence.of(initiatives[i].warnings)
        }
        return initiatives
    }

    /// Title and year by the grammar's rule, and each line of page furniture
    /// once, in order of first appearance: as printed when it never changes,
    /// with each run of digits as "#" when it does ("Side #").
    private func report(_ text: SourceText, grammar: Grammar) -> ReportDocument.Report {
        var report = TitleFinder.find(in: text.lines, rule: grammar.title)
        var order: [String] = []
        var printed: [String: Set<String>] = [:]
        for part in text.furniture {
            let key = PageFurniture.shape(part.text)
            if printed[key] == nil { order.append(key) }
            printed[key, default: []].insert(part.text)
        }
        report.furniture = order.map { key in printed[key]!.count == 1 ? printed[key]!.first! : key }
        return report
    }
}
