import Assertions
import Basics
import Foundation
import PromptGateModel
import Providers
import Store

extension Regrade {
    /// What a regrade stored.
    public struct Outcome: Sendable {
        /// The new run (``RunInfo/regradedFrom`` is the source's id).
        public var info: RunInfo
        /// Verdicts that changed, in plan order.
        public var changes: [Change]
        /// Graded assertions the regrade evaluated (judge calls at most; the cache or the
        /// recordings answer those asked before).
        public var gradedEvaluations: Int
    }

    /// Grades every stored output again and stores the new run. Sends no model request.
    public func run(concurrency: Int) async throws(PromptGateError) -> Outcome {
        let grading = try makeGrading()
        var info = source
        info.id = 0
        info.startedAt = Timestamp.now()
        info.finishedAt = nil
        info.status = .running
        info.promptgateVersion = PromptGateVersion.current
        info.suites = plan.suites.map {
            RunInfo.FileDigest(path: $0.file.path, sha256: $0.file.sha256)
        }
        info.suiteNames = plan.suites.map(\.name)
        info.regradedFrom = source.id
        var initial = RunSummary()
        initial.planned = items.count
        info.summary = initial
        info.id = try await store.createRun(info)
        let started = Date()
        let plan = self.plan
        let entries = items
        var summary = initial
        var changes: [(Int, Change)] = []
        var storeError: PromptGateError?
        await withTaskGroup(of: (Int, CaseResult).self) { group in
            var cursor = 0
            func startNext() {
                guard cursor < entries.count else { return }
                let (index, stored) = entries[cursor]
                let position = cursor
                cursor += 1
                group.addTask {
                    (
                        position,
                        await Self.regrade(
                            stored, item: plan.items[index], plan: plan, grading: grading)
                    )
                }
            }
            for _ in 0..<max(1, concurrency) { startNext() }
            while let (position, result) = await group.next() {
                startNext()
                guard storeError == nil else { continue }
                do {
                    try await store.append(result, runID: info.id, caching: nil)
                } catch {
                    storeError = (error as? PromptGateError) ?? .infrastructure("\(error)")
                    continue
                }
                summary.add(result)
                let before = entries[position].result
                if result.passed != before.passed || (result.error == nil) != (before.error == nil)
                {
                    changes.append(
                        (
                            position,
                            Change(
                                suite: result.suite, caseID: result.caseID,
                                repeatIndex: result.repeatIndex,
                                before: before.assertions.map(\.type),
                                now: result.assertions.map(\.type), passedBefore: before.passed,
                                passedNow: result.error == nil ? result.passed : nil)
                        ))
                }
            }
        }
        summary.wallSeconds = Date().timeIntervalSince(started)
        summary.costUSD = source.summary?.costUSD
        // The outputs cost nothing again; judge requests, if any, are not priced here.
        summary.spentUSD = source.summary?.spentUSD == nil ? nil : 0
        let status: RunInfo.Status =
            storeError != nil ? .failed : .finished(errors: summary.errors)
        let finishedAt = Timestamp.now()
        try await store.finish(
            runID: info.id, status: status, summary: summary, finishedAt: finishedAt,
            recordings: info.recordings)
        if let storeError { throw storeError }
        info.status = status
        info.summary = summary
        info.finishedAt = finishedAt
        return Outcome(
            info: info, changes: changes.sorted { $0.0 < $1.0 }.map(\.1),
            gradedEvaluations: gradedEvaluations)
    }

    /// The grading services of the regrade: judges through the cache (live) or only the
    /// recordings (offline); nil when no assertion needs one.
    func makeGrading() throws(PromptGateError) -> GradedEvaluator? {
        guard GradedEvaluator.needed(plan.suites) else { return nil }
        let config = plan.project.config
        let providers = config?.providers ?? [:]
        let redactor = SecretRedactor.forProviders(providers, environment: environment)
        let services: GradingServices
        if mode == .offline {
            let recordings = try Recordings.load(
                suites: plan.suites.map(\.name), root: plan.project.root)
            services = GradingServices(
                offline: ResponseSource(
                    .recordings(recordings), records: false, cache: nil, redactor: redactor),
                providers: providers, root: plan.project.root)
        } else {
            services = GradingServices(
                mode: .live(record: false, cache: useCache ? store : nil), providers: providers,
                environment: environment, root: plan.project.root, redactor: redactor,
                defaultTimeout: config?.defaults.timeout)
        }
        return GradedEvaluator(
            services: services, judge: config?.judge, embeddings: config?.embeddings,
            prices: config?.priceTable ?? PriceTable(overrides: [:]), environment: environment)
    }

    /// One stored result graded with the assertions as they are now; an errored result (no
    /// output) is kept as it is.
    static func regrade(
        _ stored: CaseResult, item: WorkItem, plan: RunPlan, grading: GradedEvaluator?
    ) async -> CaseResult {
        guard let output = stored.output, stored.error == nil else { return stored }
        var result = stored
        let testCase = plan.testCase(item)
        let specs = plan.assertions(item, case: testCase)
        let context = plan.assertionContext(
            item, case: testCase, output: output, latencyMs: stored.latencyMs,
            input: stored.messages.last { $0.role == "user" }?.content,
            trajectory: stored.trajectory)
        var results = specs.map { $0.evaluate(context) }
        result.tags = plan.tags(item, case: testCase)
        result.error = nil
        if let grading, let request = try? plan.request(item, case: testCase) {
            let response = ModelResponse(
                text: output, finishReason: stored.finishReason,
                promptTokens: stored.promptTokens, completionTokens: stored.completionTokens,
                latencyMs: stored.latencyMs ?? 0)
            let graded = await grading.grade(
                specs, local: results,
                input: Runner.gradingInput(plan, item, request, response, case: testCase))
            results = graded.results
            result.error = graded.error
        }
        let grade = Grader.grade(results, threshold: plan.threshold(item, case: testCase))
        result.passed = grade.passed
        result.score = grade.score
        result.assertions = grade.results
        return result
    }
}
