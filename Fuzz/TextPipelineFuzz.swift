import Foundation

/// libFuzzer target: bytes as a text input through the whole text pipeline
/// (TextSource → Tokenizer → BlockStateMachine → document → JSON) with the
/// shipped grammar. Any input must give a document or an ExtractionError.
private let extractor: Extractor = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Grammars/kk-integration-status.yaml")
    do { return Extractor(grammars: [try GrammarLoader.load(contentsOf: url)]) } catch { fatalError("\(error)") }
}()


func fuzzTextPipeline(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let input = InputDocument(path: "fuzz.txt", data: Data(bytes: bytes, count: count), format: .text)
    do {
        let document = try extractor.extract(input)
        _ = try JSONOutput.encode(document)
    } catch is ExtractionError {
        // A named error is a valid answer.
    } catch {
        fatalError("unexpected error: \(error)")
    }
    return 0
}
