import Synchronization

/// A failure `--error-rate` injects into a chat completion.
enum Fault: String, Sendable, CaseIterable {
    /// 429 with `Retry-After: 0`.
    case rateLimit = "429"
    /// 500 with an OpenAI-style error body.
    case serverError = "500"
    /// Status 200 with a body that is not JSON.
    case invalidJSON = "json"
    /// The connection closes without a reply.
    case drop = "close"
    /// No reply until the client gives up.
    case hang = "hang"

    static let defaults: [Fault] = [.rateLimit, .serverError, .invalidJSON, .drop]
}

/// Decides, per request, whether to fail it and how long it takes.
///
/// Every draw comes from a hash of the seed, the request body and how many times that body
/// was seen before, so with `--seed` a workload meets the same failures and latencies
/// whatever the order its requests arrive in, and a retry gets a fresh draw.
final class FaultInjector: Sendable {
    struct Draw {
        var fault: Fault?
        /// Two uniform numbers in [0, 1) for the latency.
        var latency: (Double, Double)
    }

    let rate: Double
    let faults: [Fault]
    private let seed: UInt64
    private let attempts = Mutex<[UInt64: Int]>([:])

    init(rate: Double, faults: [Fault], seed: UInt64) {
        self.rate = rate
        self.faults = faults.isEmpty ? Fault.defaults : faults
        self.seed = seed
    }

    func draw(body: [UInt8]) -> Draw {
        let bodyHash = Self.fnv1a(body)
        let attempt = attempts.withLock { seen -> Int in
            defer { seen[bodyHash, default: 0] += 1 }
            return seen[bodyHash, default: 0]
        }
        var state = seed ^ bodyHash ^ (UInt64(attempt) &* 0x9E37_79B9_7F4A_7C15)
        let failing = Self.unit(&state) < rate
        let kind = Int(Self.next(&state) % UInt64(faults.count))
        return Draw(
            fault: failing ? faults[kind] : nil, latency: (Self.unit(&state), Self.unit(&state)))
    }

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    /// SplitMix64.
    static func next(_ state: inout UInt64) -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func unit(_ state: inout UInt64) -> Double {
        Double(next(&state) >> 11) / Double(UInt64(1) << 53)
    }
}
