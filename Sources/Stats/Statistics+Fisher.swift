import Foundation

extension Statistics {
    /// Fisher's exact test of independence for the 2×2 table `[[a, b], [c, d]]`, two-sided.
    ///
    /// Method (as R's `fisher.test`): with all margins fixed, `a` is hypergeometric; the
    /// p-value is the probability of the tables no more likely than the observed one, within a
    /// relative tolerance of 1e-7. Each table's log probability comes from two binomial
    /// densities at `p = row₁/n` (the `dhyper` construction of R, via
    /// ``binomialLogPMF(_:trials:p:)``), so it is accurate for any size. Tables are visited
    /// outward from the mode until their probability falls below e⁻⁷⁵⁰ of the mode's, which
    /// cannot change the sum, so the work is O(√n). Reference: R. A. Fisher, *Statistical
    /// Methods for Research Workers* (1934); A. Agresti, *Categorical Data Analysis*,
    /// 3rd ed. (2013). NaN for negative counts.
    public static func fisherExact(a: Int, b: Int, c: Int, d: Int) -> Double {
        guard [a, b, c, d].allSatisfy(isValidCount) else { return .nan }
        let firstColumn = a + c
        let secondColumn = b + d
        let firstRow = a + b
        let lowest = max(0, firstRow - secondColumn)
        let highest = min(firstRow, firstColumn)
        if lowest == highest { return 1 }
        let total = Double(firstColumn + secondColumn)
        let p = Double(firstRow) / total
        // log P(a = x) up to a constant: C(col₁, x) C(col₂, row₁ − x) p^row₁ q^(n − row₁).
        let logWeight = { (x: Int) in
            binomialLogPMF(x, trials: firstColumn, p: p)
                + binomialLogPMF(firstRow - x, trials: secondColumn, p: p)
        }
        let modeEstimate =
            (Double(firstRow + 1) * Double(firstColumn + 1) / (total + 2)).rounded(.down)
        let mode = min(highest, max(lowest, Int(modeEstimate)))
        let peak = logWeight(mode)
        let cutoff = logWeight(a) - peak + log1p(relativeTolerance)

        var sum = 0.0
        var extreme = 0.0
        func visit(_ x: Int) -> Bool {
            let relative = logWeight(x) - peak
            guard relative > -750 else { return false }
            let weight = exp(relative)
            sum += weight
            if relative <= cutoff { extreme += weight }
            return true
        }
        var x = mode
        while x <= highest, visit(x) { x += 1 }
        x = mode - 1
        while x >= lowest, visit(x) { x -= 1 }
        return min(1, extreme / sum)
    }
}
