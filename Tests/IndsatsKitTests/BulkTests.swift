#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import IndsatsKit

/// `indsats extract` as a batch, run as a user runs it, on real files: the
/// Corpus, real-world PDFs (when ../shared has them) and broken files made
/// here; worker crashes and hangs provoked through the worker's test hooks.
@Suite(.serialized) struct BulkTests {
    struct Run {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    /// Runs indsats in `directory` with `environment` added to this process's.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Run {
        let process = try start(arguments, in: directory, environment: environment)
        let stdout = (process.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
        let stderr = (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func start(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = CLITests.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("indsats-bulk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ data: Data, _ relative: String, in root: URL) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// Real-world PDFs of several producers, an encrypted and an image-only one among them.
    static let realWorld = [
        "001-trivial_minimal-document.pdf", "004-pdflatex-4-pages_pdflatex-4-pages.pdf",
        "005-libreoffice-writer-password_libreoffice-writer-password.pdf",
        "007-imagemagick-images_imagemagick-images.pdf", "015-arabic_habibi.pdf",
        "026-latex-multicolumn_multicolumn.pdf", "poppler-test_russian.pdf", "poppler-test_encrypted-256.pdf",
    ]

    /// A folder `in/` of good and broken inputs; the broken ones with the code they must get.
    static func makeArchive() throws -> (root: URL, broken: [String: String]) {
        let root = try temporaryDirectory()
        let pdf = try Data(contentsOf: Repo.path("Corpus/statusredegoerelse-2009-bif.pdf"))
        try write(pdf, "in/2009/statusredegoerelse-2009-bif.pdf", in: root)
        try write(try Data(contentsOf: Repo.path("Corpus/statusredegoerelse-2009-bif.txt")),
                  "in/2009/text/statusredegoerelse-2009-bif.txt", in: root)
        try write(Data(), "in/broken/empty.pdf", in: root)
        try write(pdf.prefix(3000), "in/broken/truncated.pdf", in: root)
        try write(Data("Navn på indsats Noget\n".utf8), "in/broken/text-named.pdf", in: root)
        try write(Data("ignored: not .pdf or .txt\n".utf8), "in/notes.md", in: root)
        if Repo.hasRealWorldPDFs {
            for name in realWorld {
                let source = Repo.shared.appendingPathComponent("realworld-pdfs").appendingPathComponent(name)
                if let data = FileManager.default.contents(atPath: source.path) { try write(data, "in/real/\(name)", in: root) }
            }
        }
        return (root, ["in/broken/empty.pdf": "empty", "in/broken/truncated.pdf": "damaged",
                       "in/broken/text-named.pdf": "not-pdf"])
    }

    /// Every file below `directory`, relative path → bytes.
    static func files(_ directory: URL) -> [String: Data] {
        var found: [String: Data] = [:]
        let base = directory.standardizedFileURL.path
        for case let url as URL in FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)! {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            found[String(url.standardizedFileURL.path.dropFirst(base.count + 1))] = FileManager.default.contents(atPath: url.path)
        }
        return found
    }

    static func inputs(_ root: URL) throws -> [String] {
        try InputExpansion.expand(["in"], currentDirectory: root.path).map(\.path)
    }

    /// The code of an error record.
    static func code(_ data: Data?) -> String? {
        guard let data, let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return (json["error"] as? [String: Any])?["code"] as? String
    }

    @Test func archiveConvertsWithDocumentsAndErrorRecordsThenResumes() throws {
        let (root, broken) = try Self.makeArchive()
        let first = try Self.run(["extract", "in", "--output-dir", "out", "--jobs", "2"], in: root)
        #expect(first.status == 1, "stderr: \(first.stderr)")
        #expect(first.stdout.isEmpty)
        let out = Self.files(root.appendingPathComponent("out"))
        let inputs = try Self.inputs(root)
        #expect(!inputs.contains("in/notes.md"))
        #expect(inputs.count == 5 + (Repo.hasRealWorldPDFs ? Self.realWorld.count : 0))
        for input in inputs {
            let single = try Self.run(["extract", input], in: root)
            let document = out[input + ".json"], record = out[input + ".error.json"]
            #expect((document == nil) != (record == nil), "\(input): exactly one output")
            #expect(out[".indsats/" + input + ".json"] != nil, "\(input): resume record")
            if single.status == 0 {
                #expect(document == single.stdout, "\(input): the batch's JSON is the single run's")
            } else {
                #expect(Self.code(record).map { single.stderr.contains("[\($0)]") } == true,
                        "\(input): record \(String(describing: Self.code(record))), single run: \(single.stderr)")
            }
            if let expected = broken[input] { #expect(Self.code(record) == expected, "\(input)") }
        }
        if Repo.hasRealWorldPDFs {
            #expect(Self.code(out["in/real/005-libreoffice-writer-password_libreoffice-writer-password.pdf.error.json"]) == "encrypted")
        }
        #expect(!out.keys.contains { $0.contains(".indsats-tmp-") })

        let second = try Self.run(["extract", "in", "--output-dir", "out", "--jobs", "2"], in: root)
        #expect(second.status == 1, "failures recorded earlier still count")
        #expect(second.stderr.contains("nothing to do"), "stderr: \(second.stderr)")
        #expect(Self.files(root.appendingPathComponent("out")) == out)

        // A changed input is redone, and only it.
        let changed = "in/2009/text/statusredegoerelse-2009-bif.txt"
        try Self.write(try Data(contentsOf: Repo.path("Corpus/statusredegoerelse-2009-bif.txt")) + Data("\n".utf8), changed, in: root)
        let third = try Self.run(["extract", "in", "--output-dir", "out", "--jobs", "2"], in: root)
        #expect(third.stderr.contains("1 converted, \(inputs.count - 1) up to date"), "stderr: \(third.stderr)")
        let redone = Self.files(root.appendingPathComponent("out"))
        #expect(redone[changed + ".json"] == (try Self.run(["extract", changed], in: root)).stdout)
        #expect(redone.filter { !$0.key.contains(changed) } == out.filter { !$0.key.contains(changed) })
    }

    @Test func outputIsTheSameWhateverTheNumberOfJobs() throws {
        let (root, _) = try Self.makeArchive()
        _ = try Self.run(["extract", "in", "--output-dir", "one", "--jobs", "1"], in: root)
        _ = try Self.run(["extract", "in", "--output-dir", "two", "--jobs", "2"], in: root)
        let one = Self.files(root.appendingPathComponent("one"))
        // 10 outputs without ../shared's real-world PDFs, more with them.
        #expect(one.count >= 10)
        #expect(one == Self.files(root.appendingPathComponent("two")))

        let lines1 = try Self.run(["extract", "in", "--ndjson", "--jobs", "1"], in: root)
        let lines2 = try Self.run(["extract", "in", "--ndjson", "--jobs", "2"], in: root)
        #expect(lines1.status == 1)
        #expect(lines1.stdout == lines2.stdout)
        let lines = lines1.stdout.split(separator: 0x0A)
        #expect(lines.count == (try Self.inputs(root)).count)
        // In input order, each line the compact document or error record.
        for (line, input) in zip(lines, try Self.inputs(root)) {
            let json = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            #expect((json?["source"] as? [String: Any])?["path"] as? String == input)
        }
    }

    @Test func aCrashingWorkerCostsOnlyItsFile() throws {
        let root = try Self.temporaryDirectory()
        let text = try Data(contentsOf: Repo.path("Corpus/statusredegoerelse-2009-bif.txt"))
        for name in ["a", "b", "c", "d"] { try Self.write(text, "in/\(name).txt", in: root) }
        let run = try Self.run(["extract", "in", "--output-dir", "out", "--jobs", "1"], in: root,
                               environment: ["INDSATS_WORKER_ABORT_ON": "b.txt"])
        #expect(run.status == 1)
        let out = Self.files(root.appendingPathComponent("out"))
        #expect(Self.code(out["in/b.txt.error.json"]) == "crashed")
        #expect(run.stderr.contains("SIGABRT"), "stderr: \(run.stderr)")
        // With one job, c and d prove the worker was replaced.
        for name in ["a", "c", "d"] { #expect(out["in/\(name).txt.json"] != nil, "\(name)") }

        // A crash is the run's misfortune, not the file's: the next run retries it.
        let again = try Self.run(["extract", "in", "--output-dir", "out"], in: root)
        #expect(again.status == 0, "stderr: \(again.stderr)")
        #expect(Self.files(root.appendingPathComponent("out"))["in/b.txt.error.json"] == nil)
    }

    @Test func aHangingWorkerIsStoppedAfterTheTimeout() throws {
        let root = try Self.temporaryDirectory()
        // Small inputs: the good files must finish far within the 1-second
        // limit even in a debug build on a loaded machine.
        let text = Data("""
            Statusredegørelse for Testforvaltningens integrationsindsats 2010
            2.1 Status for Alfa
            Navn på indsats Alfa
            Økonomi 1 mio. kr.
            """.utf8)
        for name in ["a", "b", "c"] { try Self.write(text, "in/\(name).txt", in: root) }
        let run = try Self.run(["extract", "in", "--ndjson", "--jobs", "2", "--timeout", "1"], in: root,
                               environment: ["INDSATS_WORKER_HANG_ON": "a.txt"])
        #expect(run.status == 1)
        let codes = run.stdout.split(separator: 0x0A).map { Self.code(Data($0)) }
        #expect(codes == ["timeout", nil, nil])
    }

    @Test func aKilledRunIsCompletedByTheNextWithoutPartialOrDuplicateOutput() throws {
        let root = try Self.temporaryDirectory()
        let text = try Data(contentsOf: Repo.path("Corpus/statusredegoerelse-2009-bif.txt"))
        let names = ["a", "b", "c", "d", "e", "f"]
        for name in names { try Self.write(text, "in/\(name).txt", in: root) }
        try Self.write(Data(), "in/g-empty.txt", in: root)
        // One job that hangs on d: a, b and c get written, then the parent is killed.
        let process = try Self.start(["extract", "in", "--output-dir", "out", "--jobs", "1", "--timeout", "0"], in: root,
                                     environment: ["INDSATS_WORKER_HANG_ON": "d.txt"])
        let out = root.appendingPathComponent("out")
        var waited = 0
        // A resume record is an input's last write: three of them (not their temporary files) mean a, b and c are done.
        func recorded() -> Int { Self.files(out).keys.filter { $0.hasPrefix(".indsats/") && !$0.contains(".indsats-tmp-") }.count }
        while recorded() < 3 && process.isRunning && waited < 1200 {
            usleep(100_000); waited += 1
        }
        #expect(process.isRunning, "the run must still be going when it is killed")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // What a kill during a write leaves: a temporary file.
        try Self.write(Data("{ \"half".utf8), "out/in/.e.txt.json.indsats-tmp-x1", in: root)
        #expect(Set(Self.files(out).keys.filter { $0.hasSuffix(".txt.json") && !$0.hasPrefix(".") })
                == ["in/a.txt.json", "in/b.txt.json", "in/c.txt.json"])

        let resumed = try Self.run(["extract", "in", "--output-dir", "out", "--jobs", "2"], in: root)
        #expect(resumed.status == 1, "stderr: \(resumed.stderr)")
        #expect(resumed.stderr.contains("3 converted, 3 up to date, 1 failed"), "stderr: \(resumed.stderr)")
        let fresh = try Self.run(["extract", "in", "--output-dir", "fresh", "--jobs", "2"], in: root)
        #expect(fresh.status == 1)
        #expect(Self.files(out) == Self.files(root.appendingPathComponent("fresh")))
    }

    @Test func shardsPartitionTheInputs() throws {
        let keys = (0..<300).map { "archive/\($0 % 7)/report-\($0).pdf" }
        for count in 1...6 {
            var owners = [String: Int]()
            for index in 0..<count {
                for key in keys where Shard(index: index, count: count).contains(key: key) { owners[key, default: 0] += 1 }
            }
            #expect(owners.count == keys.count && owners.values.allSatisfy { $0 == 1 }, "\(count) shards")
        }
        #expect(Shard(parsing: "2/3") == Shard(index: 2, count: 3))
        #expect(Shard(parsing: "3/3") == nil)
        #expect(Shard(parsing: "-1/3") == nil)
        #expect(Shard(parsing: "1") == nil)

        // Two machines' shards into one directory are one whole run.
        let (root, _) = try Self.makeArchive()
        _ = try Self.run(["extract", "in", "--output-dir", "whole"], in: root)
        _ = try Self.run(["extract", "in", "--output-dir", "parts", "--shard", "0/2"], in: root)
        let half = Self.files(root.appendingPathComponent("parts"))
        _ = try Self.run(["extract", "in", "--output-dir", "parts", "--shard", "1/2"], in: root)
        let whole = Self.files(root.appendingPathComponent("whole"))
        #expect(!half.isEmpty && half.count < whole.count)
        #expect(Self.files(root.appendingPathComponent("parts")) == whole)
    }

    @Test func inputsExpandToFilesWithStableKeys() throws {
        let (root, _) = try Self.makeArchive()
        let cwd = root.path
        let expanded = try InputExpansion.expand(["in/2009", "in/broken/*.pdf", "in/2009/statusredegoerelse-2009-bif.pdf", "missing.pdf"],
                                              currentDirectory: cwd)
        #expect(expanded.map(\.path) == [
            "in/2009/statusredegoerelse-2009-bif.pdf", "in/2009/text/statusredegoerelse-2009-bif.txt",
            "in/broken/empty.pdf", "in/broken/text-named.pdf", "in/broken/truncated.pdf", "missing.pdf",
        ])
        #expect(OutputKey.key(for: "./in/../in/a.pdf", currentDirectory: cwd) == "in/a.pdf")
        #expect(OutputKey.key(for: cwd + "/in/a.pdf", currentDirectory: cwd) == "in/a.pdf")
        #expect(OutputKey.key(for: "/srv/reports/a.pdf", currentDirectory: cwd) == "srv/reports/a.pdf")
        #expect(OutputKey.key(for: "../x/a.pdf", currentDirectory: "/home/u/w") == "home/u/x/a.pdf")
        #expect(throws: InputExpansion.Collision.self) {
            try InputExpansion.expand(["home/a.pdf", "/home/a.pdf"], currentDirectory: "/work")
        }
    }

    @Test func batchUsageErrorsExitWithTwo() throws {
        let root = try Self.temporaryDirectory()
        for arguments in [["extract", "a.pdf", "b.pdf"], ["extract", "in", "--output-dir", "o", "--ndjson"],
                          ["extract", "in", "--ndjson", "--shard", "2/2"], ["extract", "-", "x.txt", "--ndjson"],
                          ["extract", "a.pdf", "--force"], ["extract", "in", "--ndjson", "--jobs", "0"]] {
            let run = try Self.run(arguments, in: root)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
        }
        let directory = try Self.run(["extract", "."], in: root)
        #expect(directory.status == 4)
        #expect(directory.stderr.contains("--output-dir"))
    }

    @Test func helpTeachesBatches() throws {
        let run = try Self.run(["extract", "--help"], in: Repo.root)
        for option in ["--output-dir", "--ndjson", "--jobs", "--timeout", "--force", "--shard", "--summary", "--quiet"] {
            #expect(run.stdout.range(of: Data(option.utf8)) != nil, "\(option)")
        }
    }
}
