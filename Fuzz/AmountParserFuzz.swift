import Foundation

/// libFuzzer target: bytes as an economy field's text through AmountParser.
/// Every amount found must be a piece of the text, and parsing must not trap.

func fuzzAmountParser(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    for amount in AmountParser.amounts(in: text) where !text.contains(amount.text) {
        fatalError("amount '\(amount.text)' is not in the text")
    }
    _ = AmountParser.number(text)
    return 0
}
