import PromptGateModel

extension Comparison {
    /// Named metrics of both sides and their differences.
    public var metricDifferences: [NamedMetrics.Difference] {
        NamedMetrics.compare(
            base: cases.flatMap { $0.base?.repeats ?? [] },
            candidate: cases.flatMap { $0.candidate?.repeats ?? [] })
    }
}
