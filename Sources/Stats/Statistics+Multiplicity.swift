extension Statistics {
    /// Holm's step-down adjustment of a family of p-values, in the order given.
    ///
    /// Sort the `m` p-values ascending, multiply the `i`-th smallest (from 0) by `m − i`, make
    /// the sequence non-decreasing (a running maximum) and cap it at 1. Rejecting where the
    /// adjusted p is below α controls the family-wise error rate at α for any dependence
    /// between the tests. NaN p-values (an invalid test) stay NaN and do not count in `m`.
    /// Reference: S. Holm, "A simple sequentially rejective multiple test procedure",
    /// Scandinavian Journal of Statistics 6 (1979) 65–70; the same as R's
    /// `p.adjust(method = "holm")` and statsmodels' `multipletests(method="holm")`.
    public static func holmAdjusted(_ pValues: [Double]) -> [Double] {
        let order = pValues.indices.filter { !pValues[$0].isNaN }
            .sorted { pValues[$0] < pValues[$1] }
        let m = order.count
        var adjusted = pValues.map { $0.isNaN ? Double.nan : 1 }
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(m - rank) * max(0, pValues[index])))
            adjusted[index] = running
        }
        return adjusted
    }
}
