import Foundation

/// An input as bytes, with the format it was recognised as.
public struct InputDocument: Sendable {
    public enum Format: String, Sendable { case pdf, text }

    /// The path as the user gave it; "-" for standard input.
    public let path: String
    public let data: Data
    public let format: Format
    /// SHA-256 of `data` in lowercase hex, computed once: the output's source,
    /// its ids and a batch's resume records all name the input by it.
    public let sha256: String

    public init(path: String, data: Data, format: Format) {
        self.init(path: path, data: data, format: format, sha256: SHA256.hex(data))
    }

    /// `sha256` must be that of `data`: for a caller that has hashed the bytes already.
    init(path: String, data: Data, format: Format, sha256: String) {
        self.path = path; self.data = data; self.format = format; self.sha256 = sha256
    }

    /// Reads a file, or standard input for "-", and recognises its format.
    public static func load(path: String) throws(ExtractionError) -> InputDocument {
        let data = try bytes(path: path)
        return InputDocument(path: path, data: data, format: try sniff(data, path: path))
    }

    /// The bytes of a file, or of standard input for "-".
    static func bytes(path: String) throws(ExtractionError) -> Data {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ExtractionError(.notFound, path: path, "no such file")
            }
            guard !isDirectory.boolValue else {
                throw ExtractionError(.unreadable, path: path, "is a directory, not a file")
            }
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw ExtractionError(.unreadable, path: path, "cannot be read (\(Self.reason(error)))")
            }
        }
        return data
    }

    /// PDF by its `%PDF-` header (anywhere in the first 1024 bytes, as readers
    /// allow); text by its name (.txt, .text, none) or for standard input.
    /// Anything else is refused rather than guessed at.
    public static func sniff(_ data: Data, path: String) throws(ExtractionError) -> Format {
        guard !data.isEmpty else { throw ExtractionError(.empty, path: path, "the file is empty") }
        if hasPDFHeader(data) { return .pdf }
        let ext = path == "-" ? "" : URL(fileURLWithPath: path).pathExtension.lowercased()
        switch ext {
        case "pdf":
            throw ExtractionError(.notPDF, path: path, "named .pdf but is not a PDF (no %PDF- header)")
        case "txt", "text", "":
            return .text
        default:
            throw ExtractionError(.unknownType, path: path,
                                  "unknown file type '.\(ext)': indsats reads PDF files and pdftotext text (.txt)")
        }
    }

    static func hasPDFHeader(_ data: Data) -> Bool {
        let head = data.prefix(1024)
        let magic = Array("%PDF-".utf8)
        guard head.count >= magic.count else { return false }
        return head.indices.dropLast(magic.count - 1).contains { i in
            head[i] == magic[0] && head[i..<(i + magic.count)].elementsEqual(magic)
        }
    }

    private static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let message = strerror(Int32(underlying.code)) {
            return String(cString: message)
        }
        return ns.localizedDescription
    }
}
