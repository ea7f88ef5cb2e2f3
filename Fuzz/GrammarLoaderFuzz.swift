import Foundation

/// libFuzzer target: bytes as a grammar file through GrammarLoader (Yams,
/// the node walk, the pattern rule). A grammar that loads is then run on a
/// few lines, so its patterns meet the matcher's bounds.
private let sample: [SourceLine] = TextSource.lines(of: """
    Statusredegørelse for Beskæftigelses- og Integrationsforvaltningens
    integrationsindsats 2009
    2. BIF’s enkelte indsatser i 2009
    2.1 Status for Jobpatruljer
    Navn på indsats Jobpatruljer
    Økonomi 6,9 mio. kr.
    Side 7 af 27
    """).lines


func fuzzGrammarLoader(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let yaml = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    do {
        let grammar = try GrammarLoader.load(yaml: yaml, name: "fuzz", path: "fuzz.yaml")
        let tokens = Tokenizer(grammar: grammar).tokens(sample, columnar: false)
        _ = BlockStateMachine.run(tokens, grammar: grammar, columnar: false)
        _ = TitleFinder.find(in: sample, rule: grammar.title)
    } catch {
        // A GrammarError with a line is a valid answer; the line must be in the file.
        // YAML breaks lines at \r too (and at NEL, LS, PS), as Character.isNewline does.
        // Counting the Characters is most of a run's time; each line feed ends a
        // line of its own, so their count bounds the lines from below.
        guard let line = error.line, line < 1 || line > yaml.utf8.count(where: { $0 == 0x0A }) + 2 else { return 0 }
        let lines = yaml.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
        if line < 1 || line > lines + 1 {
            fatalError("error line \(line) outside the file: \(error)")
        }
    }
    return 0
}
