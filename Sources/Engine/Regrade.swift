import Assertions
import Basics
import Foundation
import PromptGateModel
import Providers
import Store

/// `promptgate regrade RUN`: a stored run's outputs graded again with the assertions as
/// they are now, stored as a new run linked to the source (``RunInfo/regradedFrom``). The
/// model is never asked; judged kinds go through the response cache (or, offline, the
/// recordings) like a run's judges, so a judge request asked before costs nothing.
public struct Regrade: Sendable {
    /// The run whose outputs are graded.
    public let source: RunInfo
    /// The plan of the source's prompt on the suites as they are now.
    let plan: RunPlan
    let store: RunStore
    let mode: RunMode
    let environment: [String: String]
    let useCache: Bool
    /// Plan items with the stored result that answers them, in plan order.
    let items: [(index: Int, result: CaseResult)]
    /// Cases whose stored output answered another request (vars or prompt edited since).
    public let stale: [String]
    /// Stored results whose case is no longer in the suites.
    public let dropped: [String]
    /// Cases of the suites the source has no result for (added since).
    public let missing: [String]

    /// Finds the source and pairs its results with the suites; sends nothing.
    public static func prepare(
        runID: Int64, suites: [String], project: Project, store: RunStore, mode: RunMode,
        environment: [String: String], useCache: Bool = true
    ) async throws(PromptGateError) -> Regrade {
        guard let source = try await store.run(runID) else {
            throw .usage("run:\(runID): no such run in the store", hint: "see 'promptgate history'")
        }
        guard source.status.isComplete else {
            throw .usage(
                "run \(runID) is \(source.status.rawValue): regrade needs a finished run",
                hint: source.status == .stoppedEarly
                    ? "a sequential stop is evidence for its compare only; regrade a whole run"
                    : "finish it first with 'promptgate run --resume \(runID)'")
        }
        for name in suites where !source.suiteNames.contains(name) {
            let hint = suggestion(for: name, among: source.suiteNames).map {
                "did you mean '\($0)'?"
            }
            throw .usage(
                "--suite \(name): run \(runID) did not run it (it ran: \(source.suiteNames.joined(separator: ", ")))",
                hint: hint)
        }
        let names = (suites.isEmpty ? source.suiteNames : suites).filter {
            project.suite(named: $0) != nil
        }
        guard !names.isEmpty else {
            throw .usage(
                "none of run \(runID)'s suites (\(source.suiteNames.joined(separator: ", "))) is in the project now"
            )
        }
        let plan = try RunPlan.make(
            project: project, promptRef: source.promptRef, suiteNames: names,
            providerOverride: source.providerName, repeatCount: source.repeatCount)
        var stored: [ResultSlot: CaseResult] = [:]
        for result in try await store.results(runID: runID) where names.contains(result.suite) {
            stored[
                ResultSlot(
                    suite: result.suite, caseID: result.caseID, repeatIndex: result.repeatIndex)] =
                result
        }
        var items: [(Int, CaseResult)] = []
        var stale: [String] = []
        var missing: [String] = []
        for (index, item) in plan.items.enumerated() {
            let name = "\(plan.suites[item.suiteIndex].name)/\(plan.caseID(item))"
            let slot = ResultSlot(
                suite: plan.suites[item.suiteIndex].name, caseID: plan.caseID(item),
                repeatIndex: item.repeatIndex)
            guard let result = stored.removeValue(forKey: slot) else {
                if missing.last != name { missing.append(name) }
                continue
            }
            // An error has no output; a result without a request key was never sent.
            if result.error == nil,
                (try? plan.request(item, case: plan.testCase(item)).key) != result.requestKey
            {
                if stale.last != name { stale.append(name) }
                continue
            }
            items.append((index, result))
        }
        let dropped = Set(stored.keys.map { "\($0.suite)/\($0.caseID)" }).sorted()
        // An offline run's judges answered from the recordings: so do the regrade's.
        let mode: RunMode = source.mode == RunMode.offline.rawValue ? .offline : mode
        return Regrade(
            source: source, plan: plan, store: store, mode: mode, environment: environment,
            useCache: useCache, items: items, stale: stale, dropped: dropped, missing: missing)
    }

    /// Results that can be graded again (an errored result is carried over as it is).
    public var regradable: Int { items.filter { $0.result.error == nil }.count }

    /// The judged (or otherwise graded) assertions the regrade would evaluate: an upper
    /// bound on judge calls (those asked before are answered from the cache or recordings).
    public var gradedEvaluations: Int {
        items.filter { $0.result.error == nil }.reduce(0) { sum, entry in
            sum
                + plan.assertions(
                    plan.items[entry.index], case: plan.testCase(plan.items[entry.index])
                ).filter {
                    !$0.kind.isEvaluatedLocally
                }.count
        }
    }

    /// One case × repeat whose assertions or verdict differ from the stored ones.
    public struct Change: Sendable, Hashable {
        public var suite: String
        public var caseID: String
        public var repeatIndex: Int
        /// The assertion types as stored and as the suites say now.
        public var before: [String]
        public var now: [String]
        public var passedBefore: Bool
        /// Nil in a dry run when the verdict needs a judge.
        public var passedNow: Bool?
    }

    /// What changed, without asking any judge: the assertions of each case now against the
    /// stored ones, and the verdict where only local kinds decide it (`--dry-run`).
    public func preview() -> [Change] {
        items.compactMap { entry -> Change? in
            let item = plan.items[entry.index]
            let testCase = plan.testCase(item)
            let specs = plan.assertions(item, case: testCase)
            let result = entry.result
            guard let output = result.output, result.error == nil else { return nil }
            let local = specs.map { $0.evaluate(context(item, testCase, result, output)) }
            let decidable = !GradedEvaluator.needed(specs)
            let grade = Grader.grade(local, threshold: plan.threshold(item, case: testCase))
            let sameSpecs =
                specs.map(\.typeName) == result.assertions.map(\.type)
                && zip(local, result.assertions).allSatisfy { now, was in
                    now.skipped || (now.passed == was.passed && now.reason == was.reason)
                }
            let passedNow: Bool? = decidable ? grade.passed : nil
            guard !sameSpecs || (passedNow != nil && passedNow != result.passed) else {
                return nil
            }
            return Change(
                suite: result.suite, caseID: result.caseID, repeatIndex: result.repeatIndex,
                before: result.assertions.map(\.type), now: specs.map(\.typeName),
                passedBefore: result.passed, passedNow: passedNow)
        }
    }

    func context(_ item: WorkItem, _ testCase: TestCase, _ result: CaseResult, _ output: String)
        -> AssertionContext
    {
        plan.assertionContext(
            item, case: testCase, output: output, latencyMs: result.latencyMs,
            input: result.messages.last { $0.role == "user" }?.content,
            trajectory: result.trajectory)
    }
}
