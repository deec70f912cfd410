/// SplitMix64, a small seeded generator, so that Monte Carlo p-values are reproducible
/// across runs and platforms (the system generator cannot be seeded).
///
/// Reference: G. Steele, D. Lea, C. Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014; constants from S. Vigna's reference implementation.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The number of heads in `count` fair coin flips: the set bits of `count` random bits.
    mutating func heads(in count: Int) -> Int {
        var remaining = count
        var heads = 0
        while remaining >= 64 {
            heads += next().nonzeroBitCount
            remaining -= 64
        }
        if remaining > 0 {
            heads += (next() & ((1 << UInt64(remaining)) - 1)).nonzeroBitCount
        }
        return heads
    }
}
