import Assertions
import Foundation
import Providers
import Templates

/// `llm-rubric`, `factuality` and `answer-relevance`: a judge model grades the output.
extension GradedEvaluator {
    /// With `judge: { repeat: k }` the judge is asked k times (cache and recording slots
    /// `repeatIndex × k + j`, so k = 1 keeps the slots it always had) and the majority
    /// decides; a tie fails. The score is the mean; the votes go into the result.
    func judged(
        _ spec: AssertionSpec, _ input: GradingInput, _ recorded: inout [Recordings.Entry]
    ) async throws -> GradedCheck {
        let k = max(1, judge?.repeats ?? 1)
        if k == 1 { return try await judgedOnce(spec, input, &recorded, slot: input.repeatIndex) }
        var checks: [GradedCheck] = []
        for j in 0..<k {
            checks.append(
                try await judgedOnce(spec, input, &recorded, slot: input.repeatIndex * k + j))
        }
        let votes = checks.map(\.passed)
        let passes = votes.filter { $0 }.count
        let passed = passes * 2 > k
        let shown = checks.first { $0.passed == passed } ?? checks[0]
        var check = GradedCheck(
            passed: passed, score: checks.map(\.score).reduce(0, +) / Double(k),
            reason: "\(passes)/\(k) judge verdicts pass (majority \(passed ? "pass" : "fail")"
                + (passes * 2 == k ? ", a tie fails" : "") + "); " + shown.reason)
        check.judgeVotes = votes
        return check
    }

    private func judgedOnce(
        _ spec: AssertionSpec, _ input: GradingInput, _ recorded: inout [Recordings.Entry],
        slot: Int
    ) async throws -> GradedCheck {
        let request: ModelRequest
        switch judgeRequest(spec, input) {
        case .success(let made): request = made
        case .failure(let problem): return .error(problem.message)
        }
        let response: ModelResponse
        do {
            let (answer, entry) = try await services.chat(
                request, provider: request.providerName, repeatIndex: slot)
            response = answer
            if let entry { recorded.append(entry) }
        } catch {
            throw Self.failure("judge", error)
        }
        guard let verdict = JudgeVerdict.parse(response.text) else {
            return .error(JudgeVerdict.unparseableReason(response.text))
        }
        if spec.kind == .factuality { return factuality(spec, verdict, raw: response.text) }
        let said = Self.said(verdict.reason)
        let passed: Bool
        let rule: String
        if let threshold = spec.threshold {
            passed = verdict.score + Grader.tolerance >= threshold
            rule =
                "score \(Self.format(verdict.score)) \(passed ? "≥" : "<") "
                + Self.format(threshold)
        } else if !verdict.passStated {
            // Only a threshold may decide by score; without one the judge must say pass.
            return .error(JudgeVerdict.noPassReason)
        } else {
            passed = verdict.pass
            rule = "\(verdict.pass ? "pass" : "fail"), score \(Self.format(verdict.score))"
        }
        let prefix = spec.negated ? "judge (negated)" : "judge"
        return GradedCheck(
            passed: passed, score: verdict.score, reason: "\(prefix): \(rule)\(said)"
        )
        .negated(spec.negated)
    }

    /// Maps the judge's category through `map:` over the defaults.
    private func factuality(_ spec: AssertionSpec, _ verdict: JudgeVerdict, raw: String)
        -> GradedCheck
    {
        guard let category = verdict.category else {
            return .error(
                JudgeVerdict.unparseableReason(raw) + " (no category: subset, superset, same, "
                    + "disagrees or different-but-irrelevant)")
        }
        let passes = spec.graded?.verdictMap[category] ?? category.passesByDefault
        let prefix = spec.negated ? "judge (negated)" : "judge"
        return GradedCheck(
            passed: passes, score: passes ? 1 : 0,
            reason: "\(prefix): \(category.rawValue) → \(passes ? "pass" : "fail")"
                + Self.said(verdict.reason)
        ).negated(spec.negated)
    }

    struct JudgeProblem: Error {
        var message: String
    }

    /// The judge's request: the rendered prompt as one user message, to the assertion's
    /// provider and model, else the project's `judge:`.
    func judgeRequest(_ spec: AssertionSpec, _ input: GradingInput)
        -> Result<ModelRequest, JudgeProblem>
    {
        guard let name = spec.graded?.provider ?? judge?.provider.value else {
            return .failure(
                JudgeProblem(
                    message:
                        "no judge configured: add judge: { provider: NAME, model: MODEL } to "
                        + "promptgate.yaml, or provider: to the assertion"))
        }
        guard let config = services.providers[name] else {
            return .failure(JudgeProblem(message: "judge provider '\(name)' is not configured"))
        }
        let usesJudge = judge?.provider.value == name
        let model = spec.graded?.model ?? (usesJudge ? judge?.model : nil) ?? config.model
        guard let model else {
            return .failure(
                JudgeProblem(message: "no judge model: set judge.model or model: on the assertion"))
        }
        let params =
            usesJudge ? (judge?.params ?? ModelParams()).overriding(config.params) : config.params
        let template = spec.graded?.rubricPrompt ?? JudgePrompts.defaultPrompt(for: spec.kind)
        let prompt: String
        do {
            prompt = try Template(template).render(Self.templateVars(spec, input))
        } catch {
            return .failure(JudgeProblem(message: "rubric_prompt: \(error.description)"))
        }
        return .success(
            ModelRequest(
                providerName: name, providerType: config.type, baseURL: config.endpoint,
                model: model, messages: [ChatMessage(role: "user", content: prompt)],
                params: params, settings: config.requestSettings))
    }

    /// What a judge template can use.
    static func templateVars(_ spec: AssertionSpec, _ input: GradingInput)
        -> [String: TemplateValue]
    {
        let value = TemplateValue.string(spec.value?.text ?? "")
        return [
            "output": .string(input.output), "rubric": value, "reference": value,
            "input": .string(input.input ?? ""), "vars": .object(input.vars),
        ]
    }

    /// `: "the judge's reason"`, one line, or nothing when it gave none.
    static func said(_ reason: String) -> String {
        let line = reason.split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty else { return "" }
        return " — " + (line.count > 300 ? String(line.prefix(300)) + "…" : line)
    }

    /// A request error as the case's error; cancellation stays cancellation.
    static func failure(_ what: String, _ error: any Error) -> any Error {
        if error is CancellationError || Task.isCancelled { return CancellationError() }
        return GradingFailure(message: "\(what) request failed: \(error)")
    }

    static func format(_ x: Double) -> String {
        String(format: "%.2f", x)
    }
}
