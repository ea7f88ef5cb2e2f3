import Foundation
import Testing
@testable import IndsatsKit

/// No leak across a long batch: the same PDF converted 1,000 times in one
/// process keeps its peak memory (VmHWM) flat. The conversions run in a
/// process of their own (this test bundle, filtered to `MemoryProbe`), since
/// tests running beside them here would move this process's peak.
@Suite struct MemoryTests {
    static let probeVariable = "INDSATS_MEMORY_PROBE"

    static let testBundle: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("indsatsPackageTests.xctest")
        return FileManager.default.isExecutableFile(atPath: beside.path)
            ? beside : Repo.path(".build/debug/indsatsPackageTests.xctest")
    }()

    @Test func peakMemoryStaysFlatOverAThousandConversions() throws {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("indsats-memory-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: report) }
        let run = try Subprocess.run(Self.testBundle, ["--testing-library", "swift-testing", "--filter", "MemoryProbe"],
                                     environment: [Self.probeVariable: report.path], timeout: 300)
        #expect(run.exitedNormally && run.status == 0, "probe: \(String(decoding: run.stdout, as: UTF8.self).suffix(2000))")
        let figures = try String(contentsOf: report, encoding: .utf8).split(separator: " ").compactMap { Int($0) }
        try #require(figures.count == 2, "probe report: \(figures)")
        let (after100, after1000) = (figures[0], figures[1])
        #expect(after100 > 0)
        // Growth from the 100th to the 1,000th conversion: under 10 %.
        #expect(Double(after1000 - after100) < 0.10 * Double(after100), "VmHWM \(after100) kB → \(after1000) kB")
    }
}

/// The conversions themselves; runs only when `MemoryTests` starts it.
@Suite struct MemoryProbe {
    static let report = ProcessInfo.processInfo.environment[MemoryTests.probeVariable]

    @Test(.enabled(if: MemoryProbe.report != nil))
    func convertTheSamePDFAThousandTimes() throws {
        let path = try #require(Self.report)
        let data = try Data(contentsOf: Repo.path("Corpus/fixtures/table.pdf"))
        let extractor = Extractor(grammars: [Repo.grammar])
        var figures: [Int] = []
        for round in 1...1_000 {
            let document = try extractor.extract(InputDocument(path: "table.pdf", data: data, format: .pdf))
            _ = try JSONOutput.encode(document)
            if round == 100 || round == 1_000 { figures.append(try Self.peakKilobytes()) }
        }
        try Data(figures.map(String.init).joined(separator: " ").utf8).write(to: URL(fileURLWithPath: path))
    }

    /// VmHWM of /proc/self/status: the process's peak resident memory, in kB.
    static func peakKilobytes() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
        return try #require(Int(line.split(separator: " ")[1]))
    }
}
