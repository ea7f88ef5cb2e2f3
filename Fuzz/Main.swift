import Foundation

/// The one libFuzzer entry point of `Fuzz/.build/fuzz-indsats`; the target is
/// chosen by INDSATS_FUZZ_TARGET (tokens, text, grammar, amounts, pdf), so one
/// build of the library serves all five.
private let target: (UnsafePointer<UInt8>, Int) -> CInt = {
    switch ProcessInfo.processInfo.environment["INDSATS_FUZZ_TARGET"] {
    case "tokens": fuzzTokens
    case "text": fuzzTextPipeline
    case "grammar": fuzzGrammarLoader
    case "amounts": fuzzAmountParser
    case "pdf": fuzzPDFSource
    case let other: fatalError("set INDSATS_FUZZ_TARGET to tokens, text, grammar, amounts or pdf, not \(other ?? "nothing")")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    target(bytes, count)
}
