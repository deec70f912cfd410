import Foundation

extension Statistics {
    /// Largest number of non-zero differences whose 2^m sign patterns are enumerated exactly.
    static let exactPermutationLimit = 20

    /// Paired permutation (sign-flip) test on per-case differences, e.g. of pass fractions.
    ///
    /// Method: under no difference, each case's difference is as likely to have either sign,
    /// so the p-value is the share of the 2^m sign patterns of the m non-zero differences whose
    /// sum is at least as far from zero as the observed sum. Sums within 1e-9 × Σ|dᵢ| of the
    /// observed one count as ties. When m ≤ 20 all patterns are enumerated (as two halves of
    /// at most 2¹⁰ partial sums each, so rounding error stays small); beyond that, `iterations`
    /// random patterns from a generator seeded with `seed` give
    /// `(1 + extreme) / (1 + iterations)`, which is never 0 (Phipson & Smyth 2010).
    /// The Monte Carlo draws differences of equal size together (their signed sum only needs
    /// the number of plus signs, drawn as set bits), so the usual few distinct values of pass
    /// fractions cost little even for a million cases.
    ///
    /// Zeros and NaNs are dropped; 1 when nothing is left; NaN when the differences or their
    /// total are infinite, or for `iterations < 1` on the Monte Carlo path. For ±1 differences this equals
    /// ``signTest(differences:)``. References: R. A. Fisher, *The Design of Experiments* (1935);
    /// B. Phipson, G. K. Smyth, "Permutation p-values should never be zero",
    /// Stat. Appl. Genet. Mol. Biol. 9 (2010).
    public static func pairedPermutationTest(
        differences: [Double], iterations: Int = 20_000, seed: UInt64 = 1
    ) -> Double {
        let nonZero = differences.filter { $0 != 0 && !$0.isNaN }
        if nonZero.isEmpty { return 1 }
        guard nonZero.allSatisfy(\.isFinite) else { return .nan }
        let scale = nonZero.reduce(0) { $0 + $1.magnitude }
        guard scale.isFinite else { return .nan }
        let cutoff = nonZero.reduce(0, +).magnitude - 1e-9 * scale
        if nonZero.count <= exactPermutationLimit {
            return exactSignFlip(nonZero, cutoff: cutoff)
        }
        guard iterations >= 1 else { return .nan }
        return monteCarloSignFlip(nonZero, cutoff: cutoff, iterations: iterations, seed: seed)
    }

    private static func exactSignFlip(_ values: [Double], cutoff: Double) -> Double {
        let half = values.count / 2
        let left = signedSums(values[..<half])
        let right = signedSums(values[half...])
        var extreme = 0
        for leftSum in left {
            for rightSum in right where (leftSum + rightSum).magnitude >= cutoff {
                extreme += 1
            }
        }
        return Double(extreme) / Double(left.count * right.count)
    }

    /// All 2^count sums `±v₁ ± v₂ …`, each with at most `count` roundings.
    private static func signedSums(_ values: ArraySlice<Double>) -> [Double] {
        var sums: [Double] = [0]
        for value in values {
            sums = sums.map { $0 + value } + sums.map { $0 - value }
        }
        return sums
    }

    private static func monteCarloSignFlip(
        _ values: [Double], cutoff: Double, iterations: Int, seed: UInt64
    ) -> Double {
        var counts: [Double: Int] = [:]
        for value in values { counts[value.magnitude, default: 0] += 1 }
        // Sorted, because dictionary order changes from run to run and the draws must not.
        let groups = counts.sorted { $0.key < $1.key }
        var generator = SplitMix64(seed: seed)
        var extreme = 0
        for _ in 0..<iterations {
            var sum = 0.0
            for (magnitude, count) in groups {
                sum += magnitude * Double(2 * generator.heads(in: count) - count)
            }
            if sum.magnitude >= cutoff { extreme += 1 }
        }
        return (Double(extreme) + 1) / (Double(iterations) + 1)
    }
}
