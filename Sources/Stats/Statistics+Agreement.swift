extension Statistics {
    /// Fleiss' κ: agreement among raters beyond chance, from a subjects × categories table
    /// whose row `i` counts how many of the raters put subject `i` in each category. Every
    /// row must have the same total `r ≥ 2` (here: a judge asked `r` times about each case).
    ///
    /// `κ = (P̄ − P̄ₑ) / (1 − P̄ₑ)` with `P̄` the mean over subjects of
    /// `(Σⱼ nᵢⱼ² − r) / (r(r − 1))` and `P̄ₑ = Σⱼ pⱼ²`, `pⱼ` the share of all ratings in
    /// category `j`. Reference: J. L. Fleiss, "Measuring nominal scale agreement among many
    /// raters", Psychological Bulletin 76 (1971) 378–382; statsmodels'
    /// `fleiss_kappa(table, method="fleiss")`. NaN for an empty or ragged table; 1 when every
    /// rating falls in one category (perfect agreement, where the formula is 0/0).
    public static func fleissKappa(_ table: [[Int]]) -> Double {
        guard let first = table.first, !first.isEmpty else { return .nan }
        let raters = first.reduce(0, +)
        guard raters >= 2,
            table.allSatisfy({
                $0.count == first.count && $0.allSatisfy(isValidCount) && $0.reduce(0, +) == raters
            })
        else { return .nan }
        let r = Double(raters)
        let subjects = Double(table.count)
        var agreement = 0.0
        var categoryTotals = [Double](repeating: 0, count: first.count)
        for row in table {
            var squares = 0.0
            for (j, count) in row.enumerated() {
                squares += Double(count) * Double(count)
                categoryTotals[j] += Double(count)
            }
            agreement += (squares - r) / (r * (r - 1))
        }
        let observed = agreement / subjects
        let chance = categoryTotals.reduce(0) { $0 + ($1 / (subjects * r)) * ($1 / (subjects * r)) }
        if chance >= 1 - 1e-15 { return 1 }
        return (observed - chance) / (1 - chance)
    }
}
