import CSHA256
import Foundation

/// SHA-256 (FIPS 180-4), for `source.sha256`. Foundation on Linux has no
/// digest API, and one hash is not worth a crypto package in the build.
/// Every input byte is hashed, once per input and again for each part of a
/// split PDF: where the CPU has SHA extensions, their compression
/// (CSHA256) does it; this one is the fallback and the tests' reference.
enum SHA256 {
    static func hex(_ data: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: digest(data).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }, as: UTF8.self)
    }

    static let hardware = indsats_sha256_hardware() != 0

    static func digest(_ data: Data, hardware: Bool = Self.hardware) -> [UInt8] {
        var h: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        // The whole blocks from the input itself, then the rest with its padding (one or two blocks).
        var tail = [UInt8](repeating: 0, count: 128)
        let tailBlocks = data.withUnsafeBytes { raw -> Int in
            let bytes = raw.bindMemory(to: UInt8.self)
            let whole = bytes.count / 64
            compress(&h, bytes.baseAddress, blocks: whole, hardware: hardware)
            let rest = bytes.count - whole * 64
            for i in 0..<rest { tail[i] = bytes[whole * 64 + i] }
            tail[rest] = 0x80
            let blocks = rest < 56 ? 1 : 2
            let bitLength = UInt64(bytes.count) * 8
            for i in 0..<8 { tail[blocks * 64 - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> (UInt64(i) * 8)) }
            return blocks
        }
        tail.withUnsafeBufferPointer { compress(&h, $0.baseAddress, blocks: tailBlocks, hardware: hardware) }
        return h.flatMap { v in (0..<4).reversed().map { UInt8(truncatingIfNeeded: v >> (UInt32($0) * 8)) } }
    }

    private static func compress(_ h: inout [UInt32], _ bytes: UnsafePointer<UInt8>?, blocks: Int, hardware: Bool) {
        guard blocks > 0, let bytes else { return }
        if hardware {
            h.withUnsafeMutableBufferPointer { indsats_sha256_blocks($0.baseAddress, bytes, blocks) }
            return
        }
        // Unchecked buffers and no array per block: this runs over every input byte.
        var w = [UInt32](repeating: 0, count: 64)
        let k = UnsafeBufferPointer(start: indsats_sha256_constants(), count: 64)
        w.withUnsafeMutableBufferPointer { w in
            for block in 0..<blocks {
                compress(&h, message: UnsafeBufferPointer(start: bytes + 64 * block, count: 64), w: w, k: k)
            }
        }
    }
}

extension SHA256 {
    /// One 64-byte block into the hash state `h`.
    @inline(__always)
    private static func compress(_ h: inout [UInt32], message: UnsafeBufferPointer<UInt8>,
                                 w: UnsafeMutableBufferPointer<UInt32>, k: UnsafeBufferPointer<UInt32>) {
        for i in 0..<16 {
            let j = i * 4
            w[i] = UInt32(message[j]) << 24 | UInt32(message[j + 1]) << 16 | UInt32(message[j + 2]) << 8 | UInt32(message[j + 3])
        }
        for i in 16..<64 {
            let s0 = w[i - 15].rotatedRight(7) ^ w[i - 15].rotatedRight(18) ^ (w[i - 15] >> 3)
            let s1 = w[i - 2].rotatedRight(17) ^ w[i - 2].rotatedRight(19) ^ (w[i - 2] >> 10)
            w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
        }
        var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
        for i in 0..<64 {
            let s1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
            let ch = (e & f) ^ (~e & g)
            let t1 = hh &+ s1 &+ ch &+ k[i] &+ w[i]
            let s0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
            let maj = (a & b) ^ (a & c) ^ (b & c)
            let t2 = s0 &+ maj
            (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
        }
        h[0] = h[0] &+ a; h[1] = h[1] &+ b; h[2] = h[2] &+ c; h[3] = h[3] &+ d
        h[4] = h[4] &+ e; h[5] = h[5] &+ f; h[6] = h[6] &+ g; h[7] = h[7] &+ hh
    }
}

private extension UInt32 {
    func rotatedRight(_ n: UInt32) -> UInt32 { (self >> n) | (self << (32 - n)) }
}
