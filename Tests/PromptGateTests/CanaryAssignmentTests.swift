import Basics
import Foundation
import Gate
import Testing

/// `CanaryAssignment` against Python's `int(hashlib.md5(s.encode()).hexdigest(), 16) % 100`.
@Suite struct CanaryAssignmentTests {
    /// Computed with python3 on the development machine; no Python at test time.
    static let vectors: [(String, Int)] = [
        ("s-1", 1), ("abc", 70), ("", 66), ("s\u{E9}ssion-\u{FC}", 72), ("session-42", 51),
        ("user:1234", 21), ("\u{1F642}", 41), ("0", 50), ("s-99999", 34),
        ("e\u{301}", 63), ("\u{E9}", 35), (String(repeating: "a", count: 200), 68),
    ]

    /// The 128-bit big-endian number written as 32 hex digits, mod 100, by schoolbook long
    /// division over the digits: another route than the library's byte fold.
    static func expectedBucket(_ key: String) -> Int {
        let hex = Digest.md5Hex(Data(key.utf8))
        var remainder = 0
        for digit in hex {
            guard let value = digit.hexDigitValue else { return -1 }
            remainder = (remainder * 16 + value) % 100
        }
        return remainder
    }

    @Test func pythonVectors() {
        for (session, bucket) in Self.vectors {
            #expect(CanaryAssignment.bucket(sessionID: session) == bucket, "\(session)")
            #expect(Self.expectedBucket(session) == bucket, "the test's own route: \(session)")
        }
    }

    @Test func saltedVectors() {
        // python3: md5("exp-7:s-1") % 100 == 92, md5("salt with space:abc") % 100 == 28.
        #expect(CanaryAssignment.bucket(sessionID: "s-1", salt: "exp-7") == 92)
        #expect(CanaryAssignment.bucket(sessionID: "abc", salt: "salt with space") == 28)
        #expect(CanaryAssignment.bucket(sessionID: "s-1", salt: "") == Self.expectedBucket(":s-1"))
    }

    @Test func tenThousandGeneratedSessionIDs() {
        var generator = DiffFixture.SeededGenerator(seed: 2026)
        var histogram = [Int](repeating: 0, count: 100)
        for index in 0..<10_000 {
            let session: String
            switch index % 3 {
            case 0: session = "s-\(index)"
            case 1: session = String(generator.next(), radix: 36)
            default: session = "user-\(generator.next() % 1_000_000)-é-\(index)"
            }
            let bucket = CanaryAssignment.bucket(sessionID: session)
            #expect(bucket == Self.expectedBucket(session), "\(session)")
            if (0..<100).contains(bucket) { histogram[bucket] += 1 }
        }
        #expect(histogram.reduce(0, +) == 10_000)
        // Uniform: every bucket near 100 sessions (binomial sd ≈ 10).
        #expect(histogram.allSatisfy { (50...160).contains($0) }, "\(histogram)")
    }

    @Test func armsSplitAtThePercent() {
        #expect(CanaryAssignment.arm(bucket: 9, canaryPercent: 10) == .canary)
        #expect(CanaryAssignment.arm(bucket: 10, canaryPercent: 10) == .production)
        #expect(CanaryAssignment.arm(bucket: 0, canaryPercent: 0) == .production)
        #expect(CanaryAssignment.arm(bucket: 99, canaryPercent: 100) == .canary)
    }
}
