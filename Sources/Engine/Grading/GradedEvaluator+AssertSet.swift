import Assertions

/// `assert-set`: its assertions graded together, like a case: the weighted score of the
/// members, passing iff score ≥ `threshold`, or, without one, iff every member passes.
extension GradedEvaluator {
    func assertSet(
        _ spec: AssertionSpec, _ input: GradingInput, _ recorded: inout [Recordings.Entry]
    ) async throws -> GradedCheck {
        let members = spec.graded?.children ?? []
        guard !members.isEmpty else { return .error("'assert-set' has no assertions") }
        var results: [AssertionResult] = []
        for member in members {
            if member.kind.isEvaluatedLocally {
                results.append(member.evaluate(input.assertionContext))
            } else {
                results.append(try await evaluate(member, input, &recorded))
            }
        }
        let grade = Grader.grade(results, threshold: spec.threshold)
        let passedCount = results.filter(\.passed).count
        var reason = "\(passedCount) of \(results.count) passed, score \(Self.format(grade.score))"
        if let threshold = spec.threshold {
            reason += " \(grade.passed ? "≥" : "<") threshold \(Self.format(threshold))"
        }
        let failed = results.filter { !$0.passed }
        if !failed.isEmpty {
            reason +=
                "; failed: "
                + failed.prefix(3).map { "\($0.type): \(Self.clipped($0.reason))" }
                .joined(separator: "; ")
            if failed.count > 3 { reason += "; and \(failed.count - 3) more" }
        }
        return GradedCheck(passed: grade.passed, score: grade.score, reason: reason)
    }

    private static func clipped(_ text: String) -> String {
        text.count > 120 ? String(text.prefix(120)) + "…" : text
    }
}
