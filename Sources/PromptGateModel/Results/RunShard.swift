import Basics

/// `--shard K/N`: the part of a plan one of N CI jobs runs.
///
/// A case belongs to shard `1 + FNV-1a-64(suite + "\n" + case id) mod N`, so every repeat of
/// a case lands in the same shard, the split does not depend on the order of the suite file,
/// and any machine computes the same split.
public struct RunShard: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 1-based.
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `K/N` with 1 ≤ K ≤ N.
    public static func parse(_ text: String) throws(PromptGateError) -> RunShard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1,
            (1...n).contains(k)
        else {
            throw .usage(
                "--shard takes K/N with 1 ≤ K ≤ N, e.g. --shard 2/3; got '\(text)'")
        }
        return RunShard(index: k, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether the case is in this shard.
    public func contains(suite: String, caseID: String) -> Bool {
        Self.bucket(suite: suite, caseID: caseID, count: count) == index
    }

    static func bucket(suite: String, caseID: String, count: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in suite.utf8 + [UInt8(ascii: "\n")] + caseID.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int(hash % UInt64(count)) + 1
    }
}
