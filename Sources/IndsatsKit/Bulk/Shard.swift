import Foundation

/// `--shard K/N`: the K-th of N disjoint, stable parts of a batch, so that N
/// machines can run the same command and together convert every input once.
/// An input belongs to part `sha256(key) mod N` (first 8 bytes, big-endian):
/// stable across runs, machines and Swift versions, unlike `Hasher`, which is
/// seeded per process.
public struct Shard: Equatable, Sendable, CustomStringConvertible {
    /// 0-based, as Kubernetes' JOB_COMPLETION_INDEX counts.
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) { self.index = index; self.count = count }

    /// Parses "K/N" with 0 ≤ K < N; nil otherwise.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, k >= 0, k < n else { return nil }
        self.init(index: k, count: n)
    }

    public func contains(key: String) -> Bool {
        Self.part(of: key, count: count) == index
    }

    static func part(of key: String, count: Int) -> Int {
        let digest = SHA256.digest(Data(key.utf8))
        let value = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(value % UInt64(count))
    }

    public var description: String { "\(index)/\(count)" }
}
