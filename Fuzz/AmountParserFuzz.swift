import Foundation

/// libFuzzer target: bytes as an economy field's text through AmountParser.
/// Every amount and range found must be a piece of the text, an amount is
/// negative exactly when its text starts with a minus sign, and parsing must not trap.

func fuzzAmountParser(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    for reading in [AmountParser.read(text), AmountParser.read(text, inCell: true)] {
        for piece in reading.amounts.map(\.text) + reading.ranges where !text.contains(piece) {
            fatalError("'\(piece)' is not in the text")
        }
        for amount in reading.amounts {
            let signed = amount.text.first.map(AmountParser.minusSigns.contains) ?? false
            if signed ? amount.kroner > 0 : amount.kroner < 0 {
                fatalError("amount '\(amount.text)' has the wrong sign: \(amount.kroner)")
            }
        }
    }
    _ = AmountParser.number(text)
    return 0
}
