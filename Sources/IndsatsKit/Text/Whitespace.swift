extension Character {
    /// `isWhitespace` with an ASCII fast path: nearly every character of a
    /// report is ASCII, and the Unicode property look-up showed in profiles.
    @inline(__always) var isWhitespaceFast: Bool {
        if let ascii = asciiValue { return ascii == 0x20 || (0x09...0x0D).contains(ascii) }
        return isWhitespace
    }
}
