import Foundation

/// The lines of PDF pages as bytes, for a worker that read part of a document
/// to hand them to the one that finishes it. Each page is one self-contained
/// record, so the parts of a document are put back together by concatenating
/// their bytes in page order. A page's font names are written once.
/// Little-endian; strings as UTF-8 with a length;
/// doubles bit for bit, so the lines come back exactly as they were made.
public enum PageLinesCodec {
    public struct DecodingError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func encode(_ pages: [PDFPageLines]) -> Data {
        var writer = Writer()
        writer.bytes.reserveCapacity(pages.reduce(0) { $0 + 64 + $1.lines.reduce(0) { $0 + 16 + $1.words.count * smallestWord + $1.text.utf8.count } })
        for page in pages {
            writer.int(page.number); writer.double(page.width); writer.double(page.height)
            // Each font name once a page, numbered in order of first use; words
            // refer to it by number. Runs of words share a font, so the last one
            // found answers most look-ups without hashing its name.
            var fonts: [String: Int] = [:]
            var names: [String] = []
            var indexes: [Int] = []
            var last: (name: String, index: Int)?
            for line in page.lines {
                for word in line.words {
                    if let last, last.name == word.fontName { indexes.append(last.index); continue }
                    let index = fonts[word.fontName] ?? names.count
                    if index == names.count { fonts[word.fontName] = index; names.append(word.fontName) }
                    indexes.append(index)
                    last = (word.fontName, index)
                }
            }
            writer.int(names.count)
            for name in names { writer.string(name) }
            writer.int(page.lines.count)
            var next = 0
            for line in page.lines {
                writer.int(line.page)
                writer.int(line.words.count)
                for word in line.words {
                    writer.string(word.text); writer.box(word.bbox); writer.double(word.fontSize)
                    writer.int(indexes[next]); writer.bytes.append(word.isBold ? 1 : 0)
                    next += 1
                }
            }
        }
        return Data(writer.bytes)
    }

    /// The fewest bytes a word takes: its text's length (8), box (32), size (8), font (8), boldness (1).
    static let smallestWord = 57

    public static func decode(_ bytes: consuming [UInt8]) throws(DecodingError) -> [PDFPageLines] {
        let count = bytes.count
        return try decode(consume bytes, partSizes: [count], threads: 1)
    }

    /// Bytes made of parts `partSizes` long, each whole pages (as a split
    /// document's parts are), decoded side by side on up to `threads` threads.
    public static func decode(_ bytes: consuming [UInt8], partSizes: [Int], threads: Int) throws(DecodingError) -> [PDFPageLines] {
        let mismatch = DecodingError(description: "parts of \(partSizes) bytes do not make up the \(bytes.count) bytes")
        var total = 0
        for size in partSizes {
            guard size >= 0, size <= bytes.count - total else { throw mismatch }
            total += size
        }
        guard total == bytes.count else { throw mismatch }
        var start = 0
        let ranges = partSizes.map { size in
            defer { start += size }
            return start..<(start + size)
        }
        let shared = bytes
        let parts = Parallel.map(ranges, threads: threads) { range in
            Result { () throws(DecodingError) in try decodePages(Reader(bytes: shared, position: range.lowerBound, end: range.upperBound)) }
        }
        var pages: [PDFPageLines] = []
        for part in parts { pages += try part.get() }
        return pages
    }

    private static func decodePages(_ reader: consuming Reader) throws(DecodingError) -> [PDFPageLines] {
        var reader = reader
        var pages: [PDFPageLines] = []
        while !reader.atEnd {
            let number = try reader.int(), width = try reader.double(), height = try reader.double()
            var fonts: [String] = []
            for _ in 0..<(try reader.count()) { fonts.append(try reader.string()) }
            // Counts are checked against the bytes left, so reserving by them is bounded by the input.
            let lineCount = try reader.count(each: 16 + Self.smallestWord)
            var lines: [LayoutLine] = []
            lines.reserveCapacity(lineCount)
            for _ in 0..<lineCount {
                let page = try reader.int()
                // At their size, as LineAssembler makes them (the finishing step holds every page's words).
                let count = try reader.count(each: Self.smallestWord)
                var words: [LayoutWord] = []
                words.reserveCapacity(count)
                for _ in 0..<count {
                    let text = try reader.string(), bbox = try reader.box(), fontSize = try reader.double(), font = try reader.int()
                    guard fonts.indices.contains(font) else { throw DecodingError(description: "font \(font) of \(fonts.count)") }
                    words.append(LayoutWord(text: text, bbox: bbox, fontSize: fontSize, fontName: fonts[font],
                                            isBold: try reader.byte() != 0))
                }
                guard !words.isEmpty else { throw DecodingError(description: "a line without words") }
                lines.append(LayoutLine(page: page, words: words))
            }
            pages.append(PDFPageLines(number: number, width: width, height: height, lines: lines))
        }
        return pages
    }

    private struct Writer {
        var bytes: [UInt8] = []
        mutating func int(_ value: Int) { withUnsafeBytes(of: Int64(value).littleEndian) { bytes += $0 } }
        mutating func double(_ value: Double) { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
        mutating func box(_ box: BBox) { double(box.x0); double(box.y0); double(box.x1); double(box.y1) }
        mutating func string(_ text: String) { int(text.utf8.count); bytes += text.utf8 }
    }

    private struct Reader {
        let bytes: [UInt8]
        var position: Int
        /// Where the bytes of this reading end.
        let end: Int
        var atEnd: Bool { position == end }

        mutating func take(_ count: Int) throws(DecodingError) -> ArraySlice<UInt8> {
            guard count >= 0, end - position >= count else {
                throw DecodingError(description: "the page lines end early, at byte \(position)")
            }
            defer { position += count }
            return bytes[position..<(position + count)]
        }
        mutating func byte() throws(DecodingError) -> UInt8 { try take(1).first! }
        mutating func uint64() throws(DecodingError) -> UInt64 {
            let slice = try take(8)
            // One load instead of eight shifts: a large document's lines are millions of numbers.
            return UInt64(littleEndian: slice.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
        }
        mutating func int() throws(DecodingError) -> Int { Int(Int64(bitPattern: try uint64())) }
        /// A count of things that follow, each at least `each` bytes long.
        mutating func count(each: Int = 1) throws(DecodingError) -> Int {
            let count = try int()
            guard count >= 0, count <= (end - position) / each else {
                throw DecodingError(description: "a count of \(count) at byte \(position) exceeds the data")
            }
            return count
        }
        mutating func double() throws(DecodingError) -> Double { Double(bitPattern: try uint64()) }
        mutating func box() throws(DecodingError) -> BBox {
            BBox(x0: try double(), y0: try double(), x1: try double(), y1: try double())
        }
        mutating func string() throws(DecodingError) -> String {
            let length = try count()
            return String(decoding: try take(length), as: UTF8.self)
        }
    }
}
