import Basics

extension FeedbackStore {
    /// Stored records counted by prompt version and by a second column.
    public struct Counts: Sendable, Hashable {
        /// Version (`""` for records without one) → value (`""` for none) → count.
        public var byVersion: [String: [String: Int]] = [:]
        public var total: Int { byVersion.values.reduce(0) { $0 + $1.values.reduce(0, +) } }

        public init() {}
    }

    /// Feedback by prompt version and feedback type (`GET /v1/stats`).
    public func feedbackCounts() throws(PromptGateError) -> Counts {
        try counts(
            "SELECT prompt_version, feedback_type, count(*) FROM feedback GROUP BY 1, 2")
    }

    /// Outcomes by prompt version and outcome value.
    public func outcomeCounts() throws(PromptGateError) -> Counts {
        try counts("SELECT prompt_version, outcome, count(*) FROM outcomes GROUP BY 1, 2")
    }

    private func counts(_ sql: String) throws(PromptGateError) -> Counts {
        try wrap {
            var counts = Counts()
            try db.forEachRow(sql) { s in
                counts.byVersion[s.columnString(0) ?? "", default: [:]][s.columnString(1) ?? ""] =
                    s.columnInt(2)
            }
            return counts
        }
    }
}
