import Assertions
import PromptGateModel

/// Evaluates the assertion kinds ``AssertionSpec/evaluate(_:)`` skips: the judged kinds
/// (`llm-rubric`, `factuality`, `answer-relevance`), `similar`, `is-refusal`, `cost`, `command`
/// and `assert-set` groups.
///
/// A verdict the judge gave but that cannot be read, a failing command and a missing price
/// are failed assertions with the reason. A judge or embeddings request that gets no response
/// at all (after retries, or with no recording offline) is an infrastructure error of the
/// case (``GradedOutcome/error``), never a pass or a fail.
public final class GradedEvaluator: Sendable {
    let services: GradingServices
    let judge: ProjectConfig.JudgeConfig?
    let embeddings: ProjectConfig.EmbeddingsConfig?
    let prices: PriceTable
    let environment: [String: String]

    public init(
        services: GradingServices, judge: ProjectConfig.JudgeConfig?,
        embeddings: ProjectConfig.EmbeddingsConfig?,
        prices: PriceTable = PriceTable(overrides: [:]), environment: [String: String] = [:]
    ) {
        self.services = services
        self.judge = judge
        self.embeddings = embeddings
        self.prices = prices
        self.environment = environment
    }

    /// Whether any of `specs` needs this evaluator (so runs without graded kinds skip it).
    public static func needed(_ specs: [AssertionSpec]) -> Bool {
        specs.contains { !$0.kind.isEvaluatedLocally }
    }

    /// Whether any assertion of the suites needs one (known without reading every case).
    public static func needed(_ suites: [LoadedSuite]) -> Bool {
        suites.contains { suite in
            needed(suite.header.defaults.assert)
                || suite.caseAssertionKinds.contains { !$0.isEvaluatedLocally }
        }
    }

    /// Fills in the results `local` skipped (same order as `specs`). Stops at the first
    /// infrastructure error: later graded assertions stay skipped and the error is returned.
    public func grade(_ specs: [AssertionSpec], local: [AssertionResult], input: GradingInput)
        async -> GradedOutcome
    {
        var outcome = GradedOutcome(results: local)
        for (index, spec) in specs.enumerated() where index < local.count {
            guard local[index].skipped, !spec.kind.isEvaluatedLocally, outcome.error == nil else {
                continue
            }
            do {
                outcome.results[index] = try await evaluate(spec, input, &outcome.recordings)
            } catch let failure as GradingFailure {
                outcome.error = "\(spec.typeName): \(failure.message)"
                outcome.results[index].reason = "not evaluated: \(failure.message)"
            } catch {
                outcome.cancelled = true
                return outcome
            }
        }
        return outcome
    }

    /// Evaluates one assertion; graded requests made are appended to `recorded` when the run
    /// records. Throws ``GradingFailure`` when a request got no response, or
    /// `CancellationError`.
    func evaluate(
        _ spec: AssertionSpec, _ input: GradingInput, _ recorded: inout [Recordings.Entry]
    ) async throws -> AssertionResult {
        let outcome: GradedCheck
        switch spec.kind {
        case .llmRubric, .factuality, .answerRelevance:
            outcome = try await judged(spec, input, &recorded)
        case .similar:
            outcome = try await similar(spec, input, &recorded)
        case .isRefusal:
            outcome = refusal(spec, input)
        case .cost:
            outcome = cost(spec, input)
        case .command:
            outcome = await command(spec, input)
        case .assertSet:
            outcome = try await assertSet(spec, input, &recorded)
        default:
            return spec.evaluate(input.assertionContext)
        }
        return AssertionResult(
            type: spec.typeName, passed: outcome.passed,
            score: Swift.min(1, Swift.max(0, outcome.score)), reason: outcome.reason,
            weight: spec.weight, metric: spec.metric, judgeVotes: outcome.judgeVotes)
    }
}

/// The graded results of one case.
public struct GradedOutcome: Sendable {
    /// Every result, local ones unchanged, in assertion order.
    public var results: [AssertionResult]
    /// Judge and embedding exchanges to write to suites/recordings/ (with `--record`).
    public var recordings: [Recordings.Entry] = []
    /// Why the case could not be fully graded (a request that got no response), if so.
    public var error: String?
    /// The task was cancelled while grading.
    public var cancelled = false

    public init(results: [AssertionResult]) {
        self.results = results
    }
}

/// A graded request that got no response: the case errors rather than pass or fail.
struct GradingFailure: Error {
    var message: String
}

/// Pass or fail, a score in 0…1, and the reason.
struct GradedCheck {
    var passed: Bool
    var score: Double
    var reason: String
    /// Each verdict of a judge asked more than once (`judge: { repeat: k }`).
    var judgeVotes: [Bool]? = nil

    /// A failed assertion that could not be decided (bad verdict, command error, no price).
    static func error(_ reason: String) -> GradedCheck {
        GradedCheck(passed: false, score: 0, reason: reason)
    }

    /// Applies `not-`: the pass flips, and so does the score.
    func negated(_ negate: Bool) -> GradedCheck {
        negate ? GradedCheck(passed: !passed, score: 1 - score, reason: reason) : self
    }
}
