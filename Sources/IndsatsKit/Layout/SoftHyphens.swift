/// Soft hyphens (U+00AD) in a PDF's words, before anything matches them.
/// One inside a word is an invisible break hint and is dropped here, so that
/// labels, headings and keywords match as typed ("Integrations­forvaltningen").
/// One that ends a word is where the word was broken at the end of its
/// cell's line: it stays, and `LineJoin`, which owns the rule, joins the word
/// with the next line.
enum SoftHyphens {
    static func dropInsideWords(_ line: LayoutLine) -> LayoutLine {
        // 0xAD is the soft hyphen's last UTF-8 byte: without it there is none.
        guard line.text.utf8.contains(0xAD) else { return line }
        var line = line
        for i in line.words.indices {
            let word = line.words[i].text
            guard let last = word.last else { continue }
            line.words[i].text = word.dropLast().filter { $0 != LineJoin.softHyphen } + String(last)
        }
        line.text = LayoutWord.joinedText(line.words)
        return line
    }
}
