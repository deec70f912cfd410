import Basics
import Foundation
import HTTPClient
import PromptGateModel
import Store
import Templates

public struct RunOptions: Sendable {
    public var mode: RunMode
    /// Requests in flight at once (further bounded by the provider's max_concurrency).
    public var concurrency: Int
    public var environment: [String: String]
    /// Answer repeated requests from the store's response cache (`--no-cache` turns it off).
    public var useCache: Bool
    /// Run only this part of the plan (`--shard K/N`).
    public var shard: RunShard?
    /// Each provider's `max_concurrency`, counted across the model's and the judge's requests;
    /// runners that share a provider (both sides of a compare) must share this.
    public var providerBudgets: ProviderBudgets
    /// When resuming, leave the slots that ended in an error as they are (`--keep-errors`);
    /// otherwise they are holes, sent again and replaced.
    public var keepErrors: Bool
    /// Orders and admits the cases (`--sequential`); nil sends them in plan order at once.
    public var pacer: (any RunPacer)?

    public init(
        mode: RunMode, concurrency: Int, environment: [String: String], useCache: Bool = true,
        shard: RunShard? = nil, providerBudgets: ProviderBudgets = ProviderBudgets(),
        keepErrors: Bool = false, pacer: (any RunPacer)? = nil
    ) {
        self.pacer = pacer
        self.keepErrors = keepErrors
        self.mode = mode
        self.concurrency = concurrency
        self.environment = environment
        self.useCache = useCache
        self.shard = shard
        self.providerBudgets = providerBudgets
    }
}

/// Runs a plan: sends requests with bounded concurrency, grades each output, and streams
/// every result to the store as it completes.
public struct Runner: Sendable {
    public var plan: RunPlan
    public var options: RunOptions
    public var store: RunStore

    public init(plan: RunPlan, options: RunOptions, store: RunStore) {
        self.plan = plan
        self.options = options
        self.store = store
    }

    /// The run as it will be stored: what shapes its results (used to find a reusable run).
    public func plannedInfo() throws(PromptGateError) -> RunInfo {
        var recordings: [RunInfo.FileDigest] = []
        if options.mode == .offline {
            recordings = try Recordings.load(
                suites: plan.suites.map(\.name), root: plan.project.root
            ).files
        }
        return RunInfo(
            startedAt: Timestamp.now(), gitCommit: GitInfo.head(root: plan.project.root),
            promptID: plan.prompt.version.id, promptVersion: plan.prompt.version.version,
            prompt: RunInfo.FileDigest(
                path: plan.prompt.file.path, sha256: plan.prompt.file.sha256),
            suites: plan.suites.map {
                RunInfo.FileDigest(path: $0.file.path, sha256: $0.file.sha256)
            },
            suiteNames: plan.suites.map(\.name), providerName: plan.providerName,
            providerConfig: ProviderFingerprint.json(plan.provider, model: plan.model),
            providerSHA256: ProviderFingerprint.sha256(plan.provider, model: plan.model),
            promptgateVersion: PromptGateVersion.current, repeatCount: plan.repeatCount,
            mode: options.mode.rawValue, recordings: recordings)
    }

    /// How many plan items this run covers, without listing them when there is no shard.
    public var scopeCount: Int { options.shard == nil ? plan.items.count : scope.count }

    /// The plan indices this run covers: every item, or its shard's.
    public var scope: [Int] {
        guard let shard = options.shard else { return Array(plan.items.indices) }
        return plan.items.indices.filter { index in
            let item = plan.items[index]
            return shard.contains(
                suite: plan.suites[item.suiteIndex].name, caseID: plan.caseID(item))
        }
    }

    /// The indices of `scope` that `previous` (when resuming) has no result for, or (unless
    /// ``RunOptions/keepErrors``) only an error for.
    func pending(_ scope: [Int], resuming previous: RunInfo?) async throws(PromptGateError)
        -> [Int]
    {
        guard let previous else { return scope }
        let done = try await store.completedSlots(
            runID: previous.id, excludingErrors: !options.keepErrors)
        return scope.filter { index in
            let item = plan.items[index]
            let slot = ResultSlot(
                suite: plan.suites[item.suiteIndex].name, caseID: plan.caseID(item),
                repeatIndex: item.repeatIndex)
            return !done.contains(slot)
        }
    }

    /// Runs every item; returns the stored run. Cancellation (Ctrl-C) marks it interrupted.
    /// A shared `budget` bounds requests in flight across runners (both sides of a compare),
    /// a shared `costBudget` what they may spend (`--max-cost`). With `resuming`, only the
    /// case × repeat pairs that run has no result for (or, unless `keepErrors`, an error
    /// for) are sent; they are added to it, a new result replacing the error of its slot.
    /// `stored` sees each result the moment the store holds it, in the order they are stored
    /// (a report written while the run goes); results stored only at the end (those whose
    /// request never reached the provider) are not passed to it. `scope` is ``scope`` when
    /// the caller already holds it (one list, not two, at 100,000 cases).
    public func run(
        scope precomputed: [Int]? = nil,
        resuming previous: RunInfo? = nil, budget: ConcurrencyBudget? = nil,
        costBudget: CostBudget? = nil,
        progress: @escaping @Sendable (RunSummary) -> Void = { _ in },
        stored: @escaping @Sendable (CaseResult) -> Void = { _ in }
    ) async throws(PromptGateError) -> RunInfo {
        let plan = self.plan
        let source = try makeSource(costBudget: options.mode == .offline ? nil : costBudget)
        let scope = precomputed ?? self.scope
        let pacer = options.pacer
        let todo = paced(try await pending(scope, resuming: previous))
        let grading = makeGrading(source)
        var info: RunInfo
        var summary = RunSummary()
        if let previous {
            // Refuses while another process still runs it; else it is this process's now.
            try await store.claimRun(previous.id)
            info = previous
            info.status = .running
            // Errors about to be sent again are not counted until their slot has a result.
            summary = try await store.countSummary(
                runID: previous.id, excludingErrors: !options.keepErrors)
            summary.retries = previous.summary?.retries ?? 0
        } else {
            info = try plannedInfo()
            // Stored from the start, so a run killed mid-run shows how much of it ran and a
            // shard resumes as that shard.
            var initial = RunSummary()
            initial.planned = scope.count
            initial.shard = options.shard
            info.summary = initial
            info.id = try await store.createRun(info)
        }
        let started = Date()
        summary.planned = scope.count
        summary.shard = options.shard
        let price = plan.price
        // No more tasks than may send at once; the provider's budget (shared with the judge
        // and the other side of a compare) bounds what is really in flight.
        let limit = max(1, min(options.concurrency, plan.provider.maxConcurrency ?? .max))
        let runID = info.id

        let health = source.health
        let tally = await sendAll(
            todo, limit: limit, source: source, grading: grading, runID: runID,
            budget: budget, costBudget: costBudget,
            tally: Tally(summary: summary, spent: previous?.summary?.spentUSD ?? 0),
            progress: progress, stored: stored)
        summary = tally.summary
        let spent = tally.spent
        let recorded = tally.recorded
        // Results whose request never reached the provider: stored only if the run finishes,
        // so a run stopped because its provider is down sends them again on --resume.
        let unreachable = tally.unreachable
        var storeError = tally.storeError
        await pacer?.finished()
        let sequential = await pacer?.stop()
        summary.sequential = sequential
        let downMessage = health?.downMessage
        if downMessage == nil, storeError == nil, !unreachable.isEmpty {
            // The provider answered in between: these are errors like any other.
            do {
                try await store.appendAll(unreachable, runID: runID)
                for result in unreachable { summary.add(result) }
            } catch {
                storeError = error
            }
        }
        if previous != nil, storeError == nil {
            // From the store: an error this resume did not get to send again is still there.
            do {
                let stored = try await store.countSummary(runID: runID)
                summary.total = stored.total
                summary.passed = stored.passed
                summary.failed = stored.failed
                summary.errors = stored.errors
                summary.promptTokens = stored.promptTokens
                summary.completionTokens = stored.completionTokens
                summary.cached = stored.cached
            } catch {
                storeError = error
            }
        }
        summary.stopReason = downMessage
        summary.wallSeconds =
            Date().timeIntervalSince(started) + (previous?.summary?.wallSeconds ?? 0)
        summary.costUSD = price?.cost(
            input: summary.promptTokens, output: summary.completionTokens)
        summary.spentUSD = price == nil ? nil : spent
        let status: RunInfo.Status
        if storeError != nil {
            status = .failed
        } else if summary.total < summary.planned, sequential?.stoppedEarly == true {
            status = .stoppedEarly
        } else if summary.total < summary.planned {
            status = costBudget?.isExhausted == true ? .budgetExceeded : .interrupted
        } else {
            status = .finished(errors: summary.errors)
        }
        var recordings = info.recordings
        if options.mode == .record {
            for (suite, entries) in recorded.sorted(by: { $0.key < $1.key }) {
                try Recordings.write(entries, suite: suite, root: plan.project.root)
            }
            recordings = try Recordings.load(
                suites: plan.suites.map(\.name), root: plan.project.root
            ).files
        }
        let finishedAt = Timestamp.now()
        try await store.finish(
            runID: runID, status: status, summary: summary, finishedAt: finishedAt,
            recordings: recordings)
        if let storeError { throw storeError }
        info.status = status
        info.summary = summary
        info.finishedAt = finishedAt
        info.recordings = recordings
        return info
    }
}

/// One HTTP client for the process: one event-loop thread, shared connections.
enum SharedHTTP {
    static let client = CurlClient(maxConnections: 512)
}

extension TemplateValue {
    /// The text a template would print for this value.
    var plainText: String {
        switch self {
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return ""
        case .array, .object:
            let data =
                (try? JSONSerialization.data(
                    withJSONObject: jsonObject, options: [.sortedKeys, .fragmentsAllowed]))
                ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
    }
}
