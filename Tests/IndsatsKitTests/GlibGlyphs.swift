import CPopplerGlib
import Foundation
@testable import IndsatsKit

/// The glyphs of a PDF as poppler-glib reports them (its text, a box per
/// character, its font runs): what indsats read through until it read
/// poppler's core with its own collector, kept here as the reference that
/// collector is held to (`GlyphParityTests`).
enum GlibGlyphs {
    struct Record: Comparable, CustomStringConvertible {
        var scalar: Unicode.Scalar
        var box: BBox
        var font: String
        var size: Double

        static func < (a: Record, b: Record) -> Bool {
            (a.box.y0, a.box.x0, a.scalar.value, a.box.x1, a.box.y1) < (b.box.y0, b.box.x0, b.scalar.value, b.box.x1, b.box.y1)
        }

        /// Equal up to rounding of the last bits (the same arithmetic, done in another order).
        func matches(_ other: Record) -> Bool {
            func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(1, abs(a)) }
            return scalar == other.scalar && font == other.font && near(size, other.size)
                && near(box.x0, other.box.x0) && near(box.y0, other.box.y0) && near(box.x1, other.box.x1) && near(box.y1, other.box.y1)
        }

        var description: String {
            String(format: "U+%04X %@ %.3f %.3f %.3f %.3f %@ %.3f", scalar.value, String(Character(scalar)),
                   box.x0, box.y0, box.x1, box.y1, font, size)
        }
    }

    /// Each page's glyphs (nil for a page poppler-glib cannot read, or whose text and boxes disagree).
    static func pages(of data: Data, password: String? = nil) -> [[Record]?]? {
        data.withUnsafeBytes { bytes -> [[Record]?]? in
            let stream = g_memory_input_stream_new_from_data(bytes.baseAddress, gssize(bytes.count), nil)
            defer { g_object_unref(stream) }
            var error: UnsafeMutablePointer<GError>?
            guard let document = poppler_document_new_from_stream(stream, goffset(bytes.count), password, nil, &error) else {
                g_clear_error(&error)
                return nil
            }
            defer { g_object_unref(UnsafeMutableRawPointer(document)) }
            return (0..<poppler_document_get_n_pages(document)).map { index in
                guard let page = poppler_document_get_page(document, index) else { return nil }
                defer { g_object_unref(UnsafeMutableRawPointer(page)) }
                return records(page)
            }
        }
    }

    private static func records(_ page: OpaquePointer) -> [Record]? {
        var scalars: [Unicode.Scalar] = []
        if let text = poppler_page_get_text(page) {
            defer { g_free(text) }
            scalars = decode(text)
        }
        var boxes: [BBox] = []
        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var count: guint = 0
        if poppler_page_get_text_layout(page, &rectangles, &count) != 0, let rectangles {
            boxes = UnsafeBufferPointer(start: rectangles, count: Int(count)).map {
                BBox(x0: min($0.x1, $0.x2), y0: min($0.y1, $0.y2), x1: max($0.x1, $0.x2), y1: max($0.y1, $0.y2))
            }
        }
        g_free(rectangles)
        // Bidi controls around right-to-left text have no box, and no place in
        // the font runs either (their indices count the characters without them).
        if scalars.count != boxes.count { scalars = scalars.filter { !$0.properties.isBidiControl } }
        guard scalars.count == boxes.count else { return nil }
        var fonts = [String](repeating: "", count: scalars.count)
        var sizes = [Double?](repeating: nil, count: scalars.count)
        let attributes = poppler_page_get_text_attributes(page)
        defer { poppler_page_free_text_attributes(attributes) }
        var node = attributes
        while let current = node {
            if let a = current.pointee.data?.assumingMemoryBound(to: PopplerTextAttributes.self).pointee,
               a.start_index <= a.end_index, Int(a.end_index) < scalars.count {
                for i in Int(a.start_index)...Int(a.end_index) {
                    fonts[i] = a.font_name.map { String(cString: $0) } ?? ""
                    sizes[i] = a.font_size
                }
            }
            node = current.pointee.next
        }
        return scalars.indices.compactMap { i in
            let box = boxes[i]
            guard Glyph.shows(scalars[i]), box.x0.isFinite, box.y0.isFinite, box.x1.isFinite, box.y1.isFinite else { return nil }
            return Record(scalar: scalars[i], box: box, font: fonts[i], size: sizes[i] ?? box.height)
        }
    }

    /// One scalar per code point poppler encoded, surrogates included (as U+FFFD).
    private static func decode(_ text: UnsafePointer<CChar>) -> [Unicode.Scalar] {
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: strlen(text))
        var scalars: [Unicode.Scalar] = []
        var start = 0
        while start < bytes.count {
            var end = start + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            let lead = bytes[start]
            let (length, payload): (Int, UInt8) = switch lead {
            case 0x00...0x7F: (1, 0x7F)
            case 0xC0...0xDF: (2, 0x1F)
            case 0xE0...0xEF: (3, 0x0F)
            case 0xF0...0xF7: (4, 0x07)
            default: (0, 0)
            }
            let value = bytes[(start + 1)..<end].reduce(UInt32(lead & payload)) { $0 << 6 | UInt32($1 & 0x3F) }
            scalars.append(end - start == length ? Unicode.Scalar(value) ?? "\u{FFFD}" : "\u{FFFD}")
            start = end
        }
        return scalars
    }
}
