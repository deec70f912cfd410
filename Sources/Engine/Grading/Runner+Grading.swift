import PromptGateModel
import Providers

/// How a run grades the kinds the assertions module skips (see ``GradedEvaluator``).
extension Runner {
    /// The evaluator of the plan's graded assertions, or nil when it has none. Offline it
    /// answers from the run's recordings; live it shares the run's cache and `--record`.
    func makeGrading(_ source: ResponseSource) -> GradedEvaluator? {
        guard GradedEvaluator.needed(plan.suites) else { return nil }
        let config = plan.project.config
        let providers = config?.providers ?? [:]
        let services: GradingServices
        if case .recordings = source.kind {
            services = GradingServices(
                offline: source, providers: providers, root: plan.project.root)
        } else {
            services = GradingServices(
                mode: .live(record: options.mode == .record, cache: options.useCache ? store : nil),
                providers: providers, environment: options.environment, root: plan.project.root,
                redactor: source.redactor, budgets: options.providerBudgets,
                defaultTimeout: config?.defaults.timeout)
        }
        return GradedEvaluator(
            services: services, judge: config?.judge, embeddings: config?.embeddings,
            prices: config?.priceTable ?? PriceTable(overrides: [:]),
            environment: options.environment)
    }

    /// What graded assertions see of an item.
    static func gradingInput(
        _ plan: RunPlan, _ item: WorkItem, _ request: ModelRequest, _ response: ModelResponse,
        case testCase: TestCase
    ) -> GradingInput {
        let suite = plan.suites[item.suiteIndex]
        var vars = suite.header.defaults.vars
        vars.merge(testCase.vars) { _, new in new }
        return GradingInput(
            output: response.text, latencyMs: response.latencyMs, vars: vars,
            input: request.messages.last { $0.role == "user" }?.content, suite: suite.name,
            caseID: testCase.id, repeatIndex: item.repeatIndex,
            tags: plan.tags(item, case: testCase),
            model: request.model, promptTokens: response.promptTokens,
            completionTokens: response.completionTokens)
    }
}
