extension Dictionary where Key == Double, Value == Int {
    /// The key counted most, ties going to the smaller key.
    var mostCommonKey: Key? { self.max(by: Self.countedLess)?.key }

    /// Whether `a` is counted less often than `b`, or as often with a larger
    /// key. Keys are compared in IEEE 754's total order, NaN included (every
    /// NaN a dictionary holds is a key of its own), so that the most common
    /// key never depends on the order the dictionary holds them in, which
    /// differs between processes and between counts merged from pages read
    /// on several threads.
    static func countedLess(_ a: Element, _ b: Element) -> Bool {
        a.value != b.value ? a.value < b.value : !a.key.isTotallyOrdered(belowOrEqualTo: b.key)
    }
}
