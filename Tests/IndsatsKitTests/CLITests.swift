import Foundation
import Testing

/// The `indsats` executable as a user runs it: exit codes, one-line errors
/// that name the file and the reason, standard input and output files.
@Suite(.serialized) struct CLITests {
    struct Run {
        var status: Int32
        var stdout: Data
        var stderr: String
        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    }

    static let executable: URL = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("indsats"),
            Repo.path(".build/debug/indsats"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
    }()

    static func run(_ arguments: [String], stdin: Data? = nil) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = Repo.root
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        // Read before waiting, so a large output cannot fill the pipe and block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporary(_ name: String, _ data: Data) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("indsats-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    /// One line on stderr naming the file and the reason, nothing on stdout.
    func expectError(_ run: Run, status: Int32, path: String, reason: String) {
        #expect(run.status == status)
        #expect(run.stdout.isEmpty)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(run.stderr)")
        #expect(run.stderr.contains(path), "stderr: \(run.stderr)")
        #expect(run.stderr.contains(reason), "stderr: \(run.stderr)")
    }

    @Test func missingFile() throws {
        expectError(try Self.run(["extract", "Corpus/no-such-report.pdf"]), status: 3,
                    path: "Corpus/no-such-report.pdf", reason: "no such file")
    }

    @Test func unknownFileType() throws {
        let path = try Self.temporary("report.docx", Data("PK\u{3}\u{4}".utf8))
        expectError(try Self.run(["extract", path]), status: 6, path: path, reason: "unknown file type")
    }

    @Test func emptyFile() throws {
        let path = try Self.temporary("empty.pdf", Data())
        expectError(try Self.run(["extract", path]), status: 5, path: path, reason: "empty")
    }

    @Test func textNamedPDF() throws {
        let path = try Self.temporary("fake.pdf", Data("Navn på indsats Noget\n".utf8))
        expectError(try Self.run(["extract", path]), status: 7, path: path, reason: "not a PDF")
    }

    @Test func damagedPDF() throws {
        let pdf = try Data(contentsOf: Repo.path("Corpus/statusredegoerelse-2009-bif.pdf"))
        let path = try Self.temporary("truncated.pdf", pdf.prefix(3000))
        let run = try Self.run(["extract", path])
        expectError(run, status: 8, path: path, reason: "damaged")
    }

    @Test func encryptedPDF() throws {
        let path = "Corpus/fixtures/encrypted.pdf"
        expectError(try Self.run(["extract", path]), status: 9, path: path, reason: "password")
        expectError(try Self.run(["extract", path, "--password", "wrong"]), status: 9, path: path, reason: "password is wrong")
    }

    @Test func usageErrorExitsWithTwo() throws {
        let run = try Self.run(["extract"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("Missing expected argument"))
    }

    @Test func brokenGrammarNamesFileAndLine() throws {
        let path = try Self.temporary("broken.yaml", Data("description: x\nkeywords: [a]\nchapter: '('\n".utf8))
        let run = try Self.run(["extract", "Corpus/statusredegoerelse-2009-bif.txt", "--grammar", path])
        expectError(run, status: 12, path: path, reason: "line ")
    }

    @Test func textOnStandardInput() throws {
        let seed = try Data(contentsOf: Repo.path("Corpus/statusredegoerelse-2009-bif.txt"))
        let run = try Self.run(["extract", "-", "--compact"], stdin: seed)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdoutText.split(separator: "\n").count == 1)
        let json = try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any]
        #expect((json?["initiatives"] as? [Any])?.count == 16)
        #expect((json?["source"] as? [String: Any])?["path"] as? String == "-")
    }

    @Test func outputFileHasTheSameBytesAsStandardOutput() throws {
        let target = try Self.temporary("out.json", Data("old".utf8))
        let written = try Self.run(["extract", "Corpus/statusredegoerelse-2009-bif.txt", "--output", target])
        #expect(written.status == 0, "stderr: \(written.stderr)")
        #expect(written.stdout.isEmpty)
        let printed = try Self.run(["extract", "Corpus/statusredegoerelse-2009-bif.txt"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == printed.stdout)
    }

    @Test func helpTeaches() throws {
        let run = try Self.run(["extract", "--help"])
        #expect(run.status == 0)
        #expect(run.stdoutText.contains("Examples:"))
        #expect(run.stdoutText.contains("--grammar"))
    }
}

extension CLITests {
    @Test func explainShowsEachFieldWithItsPages() throws {
        let run = try Self.run(["extract", "Corpus/statusredegoerelse-2009-bif.pdf", "--explain"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let lines = run.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.contains("2.1 Status for Jobpatruljer  [p7]  confidence 1.0"))
        // 2.5's status splits over pages 10 and 11 in this rendition.
        #expect(lines.contains { $0.hasPrefix("  status") && $0.contains("p10,p11") && $0.contains("De 15 helhedsplaner") })
        #expect(lines.filter { $0.hasPrefix("  name ") }.count == 16)
        // The tables: a budget row's figures in full, with the notes taken out of them.
        #expect(lines.contains("budget table  [p27]  in mio. kr.: 2008 | 2009 | 2010 | I alt"))
        #expect(lines.contains("  item   p27  2.15 Jobplanen 2009  - | 32,9 | - | 32,9  notes 2009: 4"))
        #expect(lines.contains("  Antal projekter: 7"))
    }
}
