import Assertions
import Basics
import Foundation
import PromptGateModel
import Providers

/// Where a runner's responses come from, and one case × repeat from request to grade.
extension Runner {
    enum Outcome: Sendable {
        /// The result, the recording entries it produced (the model's and the judge's), and
        /// the live response to cache with the result.
        case done(CaseResult, [Recordings.Entry], retries: Int, cache: ModelResponse? = nil)
        /// The request never reached the provider (refused, DNS, TLS, or the provider was
        /// declared down): stored as an error only if the run goes on to finish.
        case unreachable(CaseResult, retries: Int)
        case cancelled
        /// Not sent: `--max-cost` would have been passed.
        case skipped
    }

    /// `--max-cost` needs the model's price and `max_tokens` to bound a request's cost.
    func costGuard(_ budget: CostBudget?) throws(PromptGateError) -> CostGuard? {
        guard let budget else { return nil }
        guard let price = plan.price else {
            throw .usage(
                "--max-cost: no price for model '\(plan.model)'",
                hint:
                    "add it to promptgate.yaml, e.g. prices: { \(plan.model): { input: 0.15, output: 0.60 } } (USD per million tokens)"
            )
        }
        guard let maxTokens = plan.params.maxTokens else {
            throw .usage(
                "--max-cost needs max_tokens on \(plan.prompt.version.id)@\(plan.prompt.version.version) or provider '\(plan.providerName)' to bound what a reply costs",
                hint: "set model: { max_tokens: N } in the prompt or params: { max_tokens: N }")
        }
        return CostGuard(budget: budget, price: price, maxTokens: maxTokens)
    }

    /// The run's one ``SecretRedactor``: every configured provider's key and secret-looking
    /// `exec` variables (the run's provider and any judge or embedding provider), and the
    /// environment's secret-looking variables.
    var redactor: SecretRedactor {
        var providers = plan.project.config?.providers ?? [:]
        providers[plan.providerName] = plan.provider
        return SecretRedactor.forProviders(providers, environment: options.environment)
    }

    /// The retry budget of a run's provider: `retry_budget`, else 10% of the requests and at
    /// least 10.
    static func retryBudget(_ config: ProviderConfig, requests: Int) -> Int {
        config.retryBudget ?? max(10, requests / 10)
    }

    func makeSource(costBudget: CostBudget?) throws(PromptGateError) -> ResponseSource {
        let redactor = self.redactor
        switch options.mode {
        case .offline:
            let recordings = try Recordings.load(
                suites: plan.suites.map(\.name), root: plan.project.root)
            try Self.checkRecordings(plan: plan, recordings: recordings)
            return ResponseSource(
                .recordings(recordings), records: false, cache: nil, redactor: redactor)
        case .live, .record:
            do {
                let inner = try ProviderFactory.make(
                    name: plan.providerName, config: plan.provider,
                    environment: options.environment, client: SharedHTTP.client,
                    root: plan.project.root,
                    defaultTimeout: plan.project.config?.defaults.timeout)
                let health = ProviderHealth()
                let provider = ResilientProvider(
                    inner: inner, maxRetries: plan.provider.retries ?? 3,
                    budget: RetryBudget(
                        Self.retryBudget(plan.provider, requests: plan.items.count)),
                    limiter: plan.provider.rpm != nil || plan.provider.tpm != nil
                        ? RateLimiter(rpm: plan.provider.rpm, tpm: plan.provider.tpm) : nil,
                    health: health)
                let limited = options.providerBudgets.limit(
                    provider, name: plan.providerName,
                    maxConcurrency: plan.provider.maxConcurrency)
                return ResponseSource(
                    .provider(limited), records: options.mode == .record,
                    cache: options.useCache ? store : nil,
                    costGuard: try costGuard(costBudget), redactor: redactor, health: health)
            } catch let error as PromptGateError {
                throw error
            } catch {
                throw .usage(
                    "\(error)",
                    hint: "export \(plan.provider.apiKeyEnv ?? "the variable") first")
            }
        }
    }

    /// `--offline` fails before sending anything when a request has no recording.
    static func checkRecordings(plan: RunPlan, recordings: Recordings) throws(PromptGateError) {
        var missing: [String] = []
        for item in plan.items {
            let testCase = plan.testCase(item)
            let request = try plan.request(item, case: testCase)
            if recordings.response(key: request.key, repeatIndex: item.repeatIndex) == nil {
                let rep = item.repeatIndex > 0 ? " repeat \(item.repeatIndex + 1)" : ""
                missing.append(
                    "case \(testCase.id)\(rep) (\(plan.prompt.version.id)@\(plan.prompt.version.version), suite \(plan.suites[item.suiteIndex].name))"
                )
            }
        }
        guard !missing.isEmpty else { return }
        let shown = missing.prefix(10).joined(separator: ", ")
        let more = missing.count > 10 ? " and \(missing.count - 10) more" : ""
        let noun = missing.count == 1 ? "request has" : "requests have"
        throw .infrastructure(
            "\(missing.count) \(noun) no recording: \(shown)\(more); re-run with --record (recordings live in \(Recordings.directory)/)"
        )
    }

    static func execute(
        plan: RunPlan, index: Int, source: ResponseSource, grading: GradedEvaluator?
    ) async -> Outcome {
        let item = plan.items[index]
        let testCase = plan.testCase(item)
        let suite = plan.suites[item.suiteIndex]
        var result = CaseResult(
            suite: suite.name, caseID: testCase.id, repeatIndex: item.repeatIndex, ordinal: index,
            tags: plan.tags(item, case: testCase), messages: [], output: nil, passed: false,
            score: 0,
            assertions: [], latencyMs: nil, promptTokens: nil, completionTokens: nil,
            finishReason: nil, error: nil, requestKey: "", origin: source.defaultOrigin)
        let request: ModelRequest
        do {
            request = try plan.request(item, case: testCase)
        } catch {
            result.error = error.description
            return .done(result, [], retries: 0)
        }
        result.messages = request.messages
        let key = request.key
        result.requestKey = key
        let stubs = plan.toolStubs(item, case: testCase)
        let loop: AgentLoop
        do {
            loop = try await AgentLoop.run(
                request, key: key, repeatIndex: item.repeatIndex, stubs: stubs,
                maxSteps: plan.maxSteps(item, case: testCase), source: source,
                root: plan.project.root)
        } catch {
            if Task.isCancelled || error is CancellationError { return .cancelled }
            if error is BudgetExhausted { return .skipped }
            result.error = "\(error)"
            let providerError = error as? ProviderError
            let retries = providerError?.retries ?? 0
            if providerError?.isUnreachable == true {
                return .unreachable(result, retries: retries)
            }
            return .done(result, [], retries: retries)
        }
        if Task.isCancelled { return .cancelled }
        let response = loop.last
        result.origin = loop.origin
        result.output = response.text
        result.latencyMs = loop.latencyMs
        result.promptTokens = loop.promptTokens
        result.completionTokens = loop.completionTokens
        result.finishReason = response.finishReason
        // A plain answer keeps no trajectory: runs without tools read as they always did.
        result.trajectory = loop.steps.allToolCalls.isEmpty ? [] : loop.steps
        var entries = source.records ? loop.recordings : []
        if let failure = loop.error {
            result.error = failure
            return .done(result, entries, retries: loop.retries)
        }
        let context = plan.assertionContext(
            item, case: testCase, output: response.text, latencyMs: response.latencyMs,
            input: request.messages.last { $0.role == "user" }?.content, trajectory: loop.steps)
        let specs = plan.assertions(item, case: testCase)
        var results = specs.map { $0.evaluate(context) }
        // Judged and external assertions (llm-rubric, similar, command, …) go through the same
        // cache and recordings as the model's own request.
        if let grading {
            let graded = await grading.grade(
                specs, local: results,
                input: Self.gradingInput(plan, item, request, response, case: testCase))
            if graded.cancelled || Task.isCancelled { return .cancelled }
            results = graded.results
            entries += graded.recordings
            result.error = graded.error
        }
        let grade = Grader.grade(results, threshold: plan.threshold(item, case: testCase))
        result.passed = grade.passed
        result.score = grade.score
        result.assertions = grade.results
        // A loop's steps were cached as they came; a single answer is cached with its result.
        let cacheWrite =
            stubs.isEmpty && loop.origin == .live && source.cache != nil ? response : nil
        return .done(result, entries, retries: loop.retries, cache: cacheWrite)
    }
}
