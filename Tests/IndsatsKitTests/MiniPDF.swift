import Foundation

/// Writes small, valid PDFs for the input matrix: pages of Helvetica text
/// lines, drawn rectangles (no text layer) or a /Rotate, with a correct xref.
/// One content stream may serve many pages, so 5,000 pages stay small.
struct MiniPDF {
    struct Page {
        var content: Int
        var rotate: Int = 0
    }

    /// An optional-content group, switched off, that content can name as
    /// `/OC /Hidden BDC … EMC` (the last object of the file).
    var hiddenLayer = false

    private(set) var contents: [String] = []
    private(set) var pages: [Page] = []

    /// A content stream of text lines from the top of an A4 page; returns its index.
    mutating func addText(_ lines: [String], size: Int = 11) -> Int {
        var ops = "BT /F1 \(size) Tf 56 780 Td \(size + 3) TL\n"
        for line in lines {
            let escaped = line.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "(", with: "\\(").replacingOccurrences(of: ")", with: "\\)")
            ops += "(\(escaped)) Tj T*\n"
        }
        contents.append(ops + "ET\n")
        return contents.count - 1
    }

    /// A content stream of text runs placed at (x, y) in points from the
    /// bottom left; `text` goes into the PDF string as written (so "\\255"
    /// is WinAnsi's soft hyphen), with only parentheses escaped.
    mutating func addPlaced(_ runs: [(x: Double, y: Double, text: String)], size: Int = 10) -> Int {
        var ops = ""
        for run in runs {
            let escaped = run.text.replacingOccurrences(of: "(", with: "\\(").replacingOccurrences(of: ")", with: "\\)")
            ops += "BT /F1 \(size) Tf \(run.x) \(run.y) Td (\(escaped)) Tj ET\n"
        }
        contents.append(ops)
        return contents.count - 1
    }

    /// A content stream that only draws: grey rectangles, as a scan's page would be an image.
    mutating func addDrawing() -> Int {
        var ops = ""
        for i in 0..<20 { ops += "0.\(i % 9 + 1) g \(40 + i * 25) \(100 + i * 30) 200 12 re f\n" }
        contents.append(ops)
        return contents.count - 1
    }

    /// A content stream as written (operators and all); returns its index.
    mutating func addRaw(_ ops: String) -> Int {
        contents.append(ops.hasSuffix("\n") ? ops : ops + "\n")
        return contents.count - 1
    }

    mutating func addPage(content: Int, rotate: Int = 0) { pages.append(Page(content: content, rotate: rotate)) }

    /// The file: catalog 1, page tree 2, font 3, contents from 4, then the pages.
    var data: Data {
        var objects: [String] = []
        let firstPage = 4 + contents.count
        let kids = pages.indices.map { "\(firstPage + $0) 0 R" }.joined(separator: " ")
        let layer = firstPage + pages.count
        objects.append(hiddenLayer
            ? "<< /Type /Catalog /Pages 2 0 R /OCProperties << /OCGs [\(layer) 0 R] /D << /OFF [\(layer) 0 R] >> >> >>"
            : "<< /Type /Catalog /Pages 2 0 R >>")
        objects.append("<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) >>")
        objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        for content in contents {
            objects.append("<< /Length \(content.utf8.count) >>\nstream\n\(content)endstream")
        }
        for page in pages {
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate \(page.rotate) "
                + "/Resources << /Font << /F1 3 0 R >>\(hiddenLayer ? " /Properties << /Hidden \(layer) 0 R >>" : "") >> "
                + "/Contents \(4 + page.content) 0 R >>")
        }
        if hiddenLayer { objects.append("<< /Type /OCG /Name (Hidden) >>") }
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { out += String(format: "%010d 00000 n \n", offset) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(out.utf8)
    }
}
