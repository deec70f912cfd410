extension Statistics {
    /// pass@k: the probability that at least one of `k` attempts drawn without replacement
    /// from `n` attempts, `c` of which passed, passes: `1 − C(n−c, k)/C(n, k)`. With `k = n`
    /// it is 1 when any attempt passed. Reference: Chen et al., "Evaluating large language
    /// models trained on code" (2021), the unbiased estimator. NaN unless `0 ≤ c ≤ n` and
    /// `1 ≤ k ≤ n`.
    public static func passAtK(n: Int, c: Int, k: Int) -> Double {
        guard n >= 1, c >= 0, c <= n, k >= 1, k <= n else { return .nan }
        if n - c < k { return 1 }
        // C(n−c, k)/C(n, k) = Π_{i=0}^{k−1} (n−c−i)/(n−i), stable for large n.
        var ratio = 1.0
        for i in 0..<k { ratio *= Double(n - c - i) / Double(n - i) }
        return 1 - ratio
    }

    /// pass^k: the probability that all of `k` attempts drawn without replacement from `n`
    /// attempts, `c` of which passed, pass: `C(c, k)/C(n, k)` (Yao et al., "τ-bench" (2024)).
    /// With `k = n` it is 1 only when every attempt passed. NaN unless `0 ≤ c ≤ n` and
    /// `1 ≤ k ≤ n`.
    public static func passHatK(n: Int, c: Int, k: Int) -> Double {
        guard n >= 1, c >= 0, c <= n, k >= 1, k <= n else { return .nan }
        if c < k { return 0 }
        var ratio = 1.0
        for i in 0..<k { ratio *= Double(c - i) / Double(n - i) }
        return ratio
    }
}
