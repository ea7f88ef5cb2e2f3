import Foundation
import Testing
@testable import IndsatsKit

/// A PDF read in page ranges and put back together is the PDF read whole:
/// the boundary `PageSplitter` splits documents at, checked in process.
@Suite struct PageSplitTests {
    static func corpus(_ name: String) throws -> InputDocument {
        try InputDocument.load(path: Repo.path("Corpus/\(name)").path)
    }

    @Test(arguments: ["statusredegoerelse-2009-bif.pdf", "statusredegoerelse-2009-bif.libreoffice.pdf"])
    func rangesStitchedAndSentThroughTheCodecAreTheWholeRead(_ name: String) throws {
        let input = try Self.corpus(name)
        let extractor = Extractor(grammars: [Repo.grammar])
        let whole = try extractor.pdfLines(input)
        #expect(whole.pageCount > 10 && whole.messages.isEmpty)
        let splitter = PageSplitter(pagesPerPart: 4)
        let ranges = splitter.ranges(pageCount: whole.pageCount)
        #expect(ranges.count == (whole.pageCount + 3) / 4)
        let bytes = try ranges.reduce(into: Data()) { $0 += PageLinesCodec.encode(try extractor.pdfLines(input, pages: $1).pages) }
        let stitched = try PageLinesCodec.decode([UInt8](bytes))
        #expect(stitched == whole.pages)
        let document = try extractor.extract(input, pdfLines: PDFPages(pageCount: whole.pageCount, pages: stitched, messages: []))
        #expect(try JSONOutput.encode(document) == JSONOutput.encode(try extractor.extract(input)))
    }

    /// A document kept open between ranges reads each range as a document
    /// opened for it does, in any order (ranges after and before ones read).
    @Test func rangesOfADocumentKeptOpenAreRangesOfOneOpenedForEach() throws {
        let input = try Self.corpus("statusredegoerelse-2009-bif.pdf")
        let extractor = Extractor(grammars: [Repo.grammar])
        let open = try PDFSource.OpenDocument(input, password: nil)
        for range in [10...14, 1...3, 20...27, 4...9, 10...14, 25...40] {
            let kept = extractor.pdfLines(open, pages: range)
            let fresh = try extractor.pdfLines(input, pages: range)
            #expect(kept.pages == fresh.pages && kept.pageCount == fresh.pageCount && kept.messages == fresh.messages, "\(range)")
        }
    }

    /// A range read after another keeps no drawing state from it: a `BX`
    /// left open on page 1 would silence page 3's unknown operator, which a
    /// fresh open reports (and which sends a split document back whole).
    @Test func aRangeOfADocumentKeptOpenStartsFromAFreshDrawingState() throws {
        var pdf = MiniPDF()
        pdf.addPage(content: pdf.addRaw("BX BT /F1 10 Tf 56 700 Td (One) Tj ET"))
        pdf.addPage(content: pdf.addRaw("BT /F1 10 Tf 56 700 Td (Two) Tj ET"))
        pdf.addPage(content: pdf.addRaw("BT /F1 10 Tf 56 700 Td (Three) Tj ET foo"))
        let input = InputDocument(path: "bx.pdf", data: pdf.data, format: .pdf)
        let fresh = try PDFSource.read(data: input.data, path: input.path, pages: 3...3)
        #expect(fresh.messages.contains { $0.contains("Unknown operator 'foo'") }, "\(fresh.messages)")
        let open = try PDFSource.OpenDocument(input, password: nil)
        _ = open.read(pages: 1...1) { $0 }
        let kept = open.read(pages: 3...3) { $0 }
        #expect(kept.messages == fresh.messages)
        #expect(kept.pages.map(\.glyphs) == fresh.pages.map(\.glyphs))
    }

    /// Through the worker: parts of one file from a worker that keeps it
    /// open are a fresh worker's; a file changed under the same path is
    /// opened again, not read from the old bytes.
    @Test func aWorkerKeepsAPartsDocumentOpenOnlyWhileItIsTheSameFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("indsats-parts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("a.pdf")
        try FileManager.default.copyItem(at: Repo.path("Corpus/statusredegoerelse-2009-bif.pdf"), to: file)
        let extractor = Extractor(grammars: [Repo.grammar])
        func part(_ worker: WorkerService, _ range: ClosedRange<Int>) -> [String] {
            let (reply, payload) = worker.handle(.init(path: file.path, pages: range))
            #expect(reply.status == .lines)
            // What the parent decides on (status, file, pages, messages), and the lines.
            return [String(decoding: try! WorkerProtocol.line(reply), as: UTF8.self), payload.base64EncodedString()]
        }
        let kept = WorkerService(extractor: extractor, compact: false, environment: [:])
        for range in [5...9, 1...4, 10...12] {
            #expect(part(kept, range) == part(WorkerService(extractor: extractor, compact: false, environment: [:]), range), "\(range)")
        }
        try FileManager.default.removeItem(at: file)
        try FileManager.default.copyItem(at: Repo.path("Corpus/statusredegoerelse-2009-bif.libreoffice.pdf"), to: file)
        #expect(part(kept, 1...4) == part(WorkerService(extractor: extractor, compact: false, environment: [:]), 1...4))
    }

    /// 1,026 pages in parts of at most 100 for 2 workers: 12 parts of 85 or 86
    /// pages, not 11 (one worker would wait for the other's sixth part); but
    /// 101 pages for 16 workers: 2 parts, not 16 of 6 or 7 pages.
    @Test func partsComeInMultiplesOfTheWorkersUnlessThatMakesThemShort() {
        #expect(PageSplitter(pagesPerPart: 100, workers: 2).ranges(pageCount: 1026).map(\.count)
                == Array(repeating: 86, count: 6) + Array(repeating: 85, count: 6))
        #expect(PageSplitter(pagesPerPart: 100, workers: 16).ranges(pageCount: 101).map(\.count) == [51, 50])
        #expect(PageSplitter(pagesPerPart: 100, workers: 4).ranges(pageCount: 250).map(\.count) == [63, 63, 62, 62])
        #expect(PageSplitter(pagesPerPart: 4, workers: 1).ranges(pageCount: 10).map(\.count) == [4, 3, 3])
    }

    @Test func rangesCoverEveryPageOnceInPartsASizeApart() {
        for workers in 1...4 {
            for per in 1...12 {
                let splitter = PageSplitter(pagesPerPart: per, workers: workers)
                for count in 1...60 {
                    let ranges = splitter.ranges(pageCount: count)
                    let sizes = ranges.map(\.count)
                    let needed = (count + per - 1) / per
                    let label = "\(workers) workers, \(per) per part, \(count) pages"
                    #expect(ranges.flatMap { Array($0) } == Array(1...count), "\(label)")
                    #expect(sizes.allSatisfy { $0 <= per } && sizes.max()! - sizes.min()! <= 1, "\(label)")
                    // The fewest parts that are a multiple of the workers, or the fewest parts at all.
                    #expect(ranges.count == needed || (ranges.count % workers == 0 && ranges.count - workers < needed), "\(label)")
                    // Parts the workers cannot share out evenly only when even ones would be short.
                    if ranges.count % workers != 0 {
                        let even = (ranges.count / workers + 1) * workers
                        #expect(count / even < max(1, per / 2), "\(label)")
                    }
                    if workers == 1 { #expect(ranges.count == needed, "\(label)") }
                }
            }
        }
    }

    @Test func truncatedOrCorruptLinesAreAnErrorNotACrash() throws {
        let input = try Self.corpus("statusredegoerelse-2009-bif.pdf")
        let bytes = PageLinesCodec.encode(try Extractor(grammars: []).pdfLines(input, pages: 1...2).pages)
        #expect(throws: PageLinesCodec.DecodingError.self) { try PageLinesCodec.decode([UInt8](bytes.dropLast(5))) }
        var corrupt = bytes
        corrupt[24] = 0xFF  // the first page's count of font names: more than follow
        #expect(throws: PageLinesCodec.DecodingError.self) { try PageLinesCodec.decode([UInt8](corrupt)) }
    }
}
