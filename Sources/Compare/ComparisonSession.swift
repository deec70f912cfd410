import Basics
import Engine
import Foundation
import PromptGateModel
import Store

/// What `compare` and `gate` are asked to do: the two sides and how to run them.
public struct ComparisonRequest: Sendable {
    /// `ID@VERSION`, `ID@production`, `ID@canary` or `run:N`.
    public var base: String
    public var candidate: String
    /// Only these suites (`--suite`); empty for every suite of the prompt.
    public var suites: [String] = []
    /// The provider of both sides (`--provider`); nil for each prompt's own.
    public var provider: String?
    /// The candidate's provider (`--candidate-provider`), over ``provider``.
    public var candidateProvider: String?
    public var repeatCount: Int?
    /// Requests in flight at once, shared by both sides; nil for the project's default.
    public var concurrency: Int?
    public var mode: RunMode = .live
    public var useCache = true
    /// Run both sides even when a stored run of the same inputs exists (`--fresh`).
    public var fresh = false
    /// Finish a side's interrupted run of the same inputs (`--resume`).
    public var resume = false
    /// With ``resume``, leave a side's errored slots as they are (`--keep-errors`).
    public var keepErrors = false
    /// Look at the paired data at planned looks and stop when it decides (`--sequential`).
    public var sequential: SequentialOptions?
    /// What both sides together may cost (`--max-cost`).
    public var maxCostUSD: Double?
    /// The environment providers read their keys from.
    public var environment: [String: String] = [:]

    public init(base: String, candidate: String) {
        self.base = base
        self.candidate = candidate
    }
}

/// A comparison and what the user should hear about how it was made.
public struct ComparisonOutcome: Sendable {
    public var comparison: Comparison
    /// One line each, for stderr: incomplete evidence, a provider that stopped the runs, a
    /// budget that ran out.
    public var warnings: [String]
}

/// The workflow behind `compare` and `gate`: resolves both sides to a stored run to reuse or
/// a runner (resuming an unfinished run when asked), runs what must run at once under one
/// concurrency and cost budget, and pairs the results against the suites as they are now.
public struct ComparisonSession: Sendable {
    public let request: ComparisonRequest
    public let project: Project
    public let store: RunStore
    /// Per side (0 base, 1 candidate): the runner when it has to run…
    public private(set) var runners: [Runner?] = [nil, nil]
    /// …the unfinished run it continues…
    public private(set) var resuming: [RunInfo?] = [nil, nil]
    /// …or the stored run it reuses.
    public private(set) var reused: [RunInfo?] = [nil, nil]
    /// What was reused or resumed, for the report.
    public private(set) var notes: [String] = []

    /// Resolves both sides; sends nothing.
    public static func prepare(
        _ request: ComparisonRequest, project: Project, store: RunStore
    ) async throws(PromptGateError) -> ComparisonSession {
        var session = ComparisonSession(request: request, project: project, store: store)
        let concurrency = request.concurrency ?? project.defaultConcurrency
        // One max_concurrency per provider across both sides and their judges.
        let providerBudgets = ProviderBudgets()
        for (index, ref) in [request.base, request.candidate].enumerated() {
            switch try CompareSide.resolve(ref, project: project) {
            case .run(let id):
                guard let info = try await store.run(id) else {
                    throw PromptGateError.usage(
                        "run:\(id): no such run in the store", hint: "see 'promptgate history'")
                }
                session.reused[index] = info
            case .version(let id, let version):
                let provider =
                    index == 1 ? (request.candidateProvider ?? request.provider) : request.provider
                let plan = try RunPlan.make(
                    project: project, promptRef: "\(id)@\(version)", suiteNames: request.suites,
                    providerOverride: provider, repeatCount: request.repeatCount)
                let runner = Runner(
                    plan: plan,
                    options: RunOptions(
                        mode: request.mode, concurrency: concurrency,
                        environment: request.environment, useCache: request.useCache,
                        providerBudgets: providerBudgets, keepErrors: request.keepErrors),
                    store: store)
                // What the side would store (reads and hashes the recordings once).
                let planned = try runner.plannedInfo()
                let finished =
                    request.mode == .record || request.fresh
                    ? nil : try await store.reusableRun(like: planned)
                if let finished, request.resume, !request.keepErrors,
                    (finished.summary?.errors ?? 0) > 0
                {
                    // Its errors are holes: --resume sends those slots again, into that run.
                    session.runners[index] = runner
                    session.resuming[index] = finished
                    session.notes.append(
                        "resumed run \(finished.id) for \(finished.promptRef) (sending its \(finished.summary?.errors ?? 0) errored cases again; --keep-errors leaves them)"
                    )
                } else if let reused = finished {
                    session.reused[index] = reused
                    session.notes.append(
                        "reused run \(reused.id) for \(reused.promptRef) (same prompt, suites, provider\(request.mode == .offline ? " and recordings" : "")); --fresh runs it again"
                    )
                } else {
                    session.runners[index] = runner
                    if request.resume,
                        let unfinished = try await store.reusableRun(
                            like: planned, unfinished: true)
                    {
                        session.resuming[index] = unfinished
                        session.notes.append(
                            "resumed run \(unfinished.id) for \(unfinished.promptRef)")
                    }
                }
            }
        }
        return session
    }

    /// The case × repeat slots the runners will send, for a progress line.
    public var plannedCount: Int { runners.reduce(0) { $0 + ($1?.scopeCount ?? 0) } }

    /// What each side would send and may cost (`--dry-run`); sends nothing.
    public func dryRun() async throws(PromptGateError) -> [DryRunEstimate] {
        var estimates: [DryRunEstimate] = []
        for index in 0..<2 {
            if let runner = runners[index] {
                estimates.append(try await runner.dryRun(resuming: resuming[index]))
            } else if let info = reused[index] {
                estimates.append(.reused(info, model: ""))
            }
        }
        return estimates
    }

    /// Runs what has to run, both sides at once under one concurrency budget and one
    /// `--max-cost`, and pairs them. Cancelling the task interrupts the runs: each is stored
    /// as interrupted and the comparison says it is incomplete.
    public func run(
        progress: @escaping @Sendable (_ side: Int, RunSummary) -> Void = { _, _ in }
    ) async throws -> ComparisonOutcome {
        let budget = ConcurrencyBudget(request.concurrency ?? project.defaultConcurrency)
        let costBudget = request.maxCostUSD.map(CostBudget.init(limitUSD:))
        let alpha = project.config?.gate?.alpha ?? 0.05
        var runners = self.runners
        let monitor = try await sequentialMonitor(alpha: alpha)
        if let monitor {
            for index in 0..<2 { runners[index]?.options.pacer = monitor.pacer(side: index) }
        }
        let toRun = runners.enumerated().compactMap { i, r in r.map { (i, $0, resuming[i]) } }
        let finished = try await withThrowingTaskGroup(of: (Int, RunInfo).self) { group in
            for (index, runner, previous) in toRun {
                group.addTask {
                    let info = try await runner.run(
                        resuming: previous, budget: budget, costBudget: costBudget
                    ) { progress(index, $0) }
                    return (index, info)
                }
            }
            var out: [(Int, RunInfo)] = []
            for try await item in group { out.append(item) }
            return out
        }
        var infos = reused
        for (index, info) in finished { infos[index] = info }
        guard let baseInfo = infos[0], let candidateInfo = infos[1] else {
            throw PromptGateError.infrastructure("a side of the comparison did not run")
        }
        // Each side is measured against the suites as they are now, whatever run it came from.
        // Two versions of one prompt with the same repeats expect the same slots: one copy.
        func slots(_ info: RunInfo) -> ExpectedSlots {
            ExpectedSlots.of(
                project: project, promptID: info.promptID, suiteFilter: request.suites,
                repeatCount: info.repeatCount)
        }
        let sameSlots =
            candidateInfo.promptID == baseInfo.promptID
            && candidateInfo.repeatCount == baseInfo.repeatCount
        var expected = [slots(baseInfo)]
        expected.append(sameSlots ? expected[0] : slots(candidateInfo))
        // A sequential stop: both sides are the cases it looked at, and nothing else.
        let stop = await monitor?.stop() ?? Self.storedStop(baseInfo, candidateInfo)
        if let stop, stop.stoppedEarly {
            expected = expected.map { $0.sequentialPrefix(cases: stop.stoppedAtCases) }
        }
        // One side's summaries are read and grouped before the other's are read; the texts
        // stay in the store until a report asks for them.
        var pairing = Pairing()
        for (side, info) in [(ComparisonSide.base, baseInfo), (.candidate, candidateInfo)] {
            let slots = expected[side.rawValue]
            pairing.begin(side: side, info, expected: slots)
            // A sequential stop keeps only the slots it looked at.
            let kept = stop?.stoppedEarly == true ? Set(slots.slots) : nil
            var cursor: ResultCursor?
            repeat {
                var page = try await store.comparisonSummaries(
                    runID: info.id, after: cursor, limit: 4096)
                if let kept { page.results = Self.keep(page.results, in: kept) }
                pairing.add(side: side, page.results)
                cursor = page.next
            } while cursor != nil
        }
        // The pairing holds the slots now, and frees them once it has measured the sides.
        expected = []
        var comparison = pairing.finish(
            alpha: alpha, nonInferiorityMargin: project.config?.gate?.nonInferiorityMargin)
        comparison.source = try StoredResults(path: store.path)
        comparison.notes = notes
        comparison.promptChange = PromptChange.of(
            base: baseInfo, candidate: candidateInfo, project: project)
        if let stop {
            comparison.applySequential(stop)
            comparison.notes.append(stop.line)
        }
        var warnings: [String] = []
        if let line = comparison.coverage.verdictLine { warnings.append(line) }
        // Both sides usually share the provider: say once that it is down.
        var reasons: [String] = []
        for info in finished.map(\.1) {
            if let reason = info.summary?.stopReason, !reasons.contains(reason) {
                reasons.append(reason)
                warnings.append("error: \(reason); finish with 'compare --resume'")
            }
        }
        if let costBudget, costBudget.isExhausted {
            warnings.append(
                "budget exceeded: spent \(CostText.usd(costBudget.spentUSD)) of --max-cost \(CostText.usd(costBudget.limitUSD)); finish with 'compare --resume'"
            )
        }
        return ComparisonOutcome(comparison: comparison, warnings: warnings)
    }
}
