import Foundation

/// libFuzzer target: bytes as a text input through the stages issue 6 names
/// for text, the tokenizer plus the state machine (with what feeds them:
/// TextSource's decoding and lines, TextFurniture), with the shipped grammar.
/// The `text` target runs the whole pipeline (tables, amounts, JSON) at a
/// fraction of this one's executions a second. What must hold for any input:
/// - every token and every field value points at a page and line of the input;
/// - a label token's label is one of its field's labels;
/// - a block's pages lie in the input, the first not after the last;
/// - read in runs of one line and more side by side (`--jobs` threads), the
///   tokens are the single reading's.
private let grammar: Grammar = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Grammars/kk-integration-status.yaml")
    do { return try GrammarLoader.load(contentsOf: url) } catch { fatalError("\(error)") }
}()
private let tokenizer = Tokenizer(grammar: grammar)

func fuzzTokens(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let source: SourceText
    do {
        source = try TextSource.read(data: Data(bytes: bytes, count: count), path: "fuzz.txt")
    } catch {
        return 0  // a named ExtractionError is a valid answer
    }
    let text = TextFurniture.remove(from: source, patterns: grammar.furniture)
    let lineCount = lines(in: bytes, count)
    func check(_ at: Provenance, _ what: @autoclosure () -> String) {
        guard (1...max(1, text.pageCount)).contains(at.page), let line = at.line, (1...lineCount).contains(line) else {
            fatalError("\(what()) at page \(at.page), line \(at.line.map(String.init) ?? "nil"): outside the input "
                + "(\(text.pageCount) pages, \(lineCount) lines)")
        }
    }
    let tokens = tokenizer.tokens(text.lines, columnar: false)
    for (threads, perRun) in [(3, 1), (2, 2)] where tokenizer.tokens(text.lines, columnar: false, threads: threads, linesPerRun: perRun) != tokens {
        fatalError("tokens read on \(threads) threads in runs of \(perRun)+ lines differ from the single reading")
    }
    for token in tokens {
        switch token {
        case .heading(let h), .chapter(let h): check(h.line.at, "heading '\(h.line.text)'")
        case .text(let t), .footnote(let t), .notes(let t): check(t.at, "text '\(t.text)'")
        case .label(let label):
            check(label.at, "label '\(label.label)'")
            guard grammar.fields.indices.contains(label.field), grammar.fields[label.field].labels.contains(label.label) else {
                fatalError("label '\(label.label)' is not a label of field \(label.field)")
            }
            for t in label.value + label.plain { check(t.at, "label text '\(t.text)'") }
        }
    }
    let result = BlockStateMachine.run(tokens, grammar: grammar, columnar: false)
    for block in result.blocks {
        guard block.firstPage <= block.lastPage, block.firstPage >= 1, block.lastPage <= max(1, text.pageCount) else {
            fatalError("block '\(block.number ?? "?")' on pages \(block.firstPage)–\(block.lastPage) of \(text.pageCount)")
        }
        for field in block.fields { for at in field.at { check(at, "a value of field \(field.field)") } }
    }
    return 0
}

/// Lines of the input as TextSource counts them: LF, CR LF and CR end a line.
private func lines(in bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
    var lines = 1
    var i = 0
    while i < count {
        if bytes[i] == 0x0A || bytes[i] == 0x0D {
            lines += 1
            if bytes[i] == 0x0D, i + 1 < count, bytes[i + 1] == 0x0A { i += 1 }
        }
        i += 1
    }
    return lines
}
