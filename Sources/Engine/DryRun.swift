import Basics
import Foundation
import PromptGateModel

/// What `--dry-run` prints: what a run would send and an upper bound of its cost, computed
/// without calling anything.
public struct DryRunEstimate: Sendable {
    public var promptRef: String
    public var model: String
    /// Case × repeat pairs the run covers (after `--shard` and `--resume`).
    public var requests: Int
    /// Answered by the response cache.
    public var cached: Int
    /// Answered by suites/recordings/ (offline runs).
    public var recorded: Int
    /// Offline runs: requests with no recording (the run would stop before sending).
    public var missingRecordings: Int
    /// Identical to an earlier request of the same run: sent once, shared.
    public var shared: Int
    /// What would go to the provider.
    public var toSend: Int
    /// Rendered characters ÷ 4 over the requests to send.
    public var inputTokens: Int
    /// `max_tokens` × requests to send; nil when `max_tokens` is not set.
    public var outputTokens: Int?
    public var price: ModelPrice?
    /// A stored run is reused instead (compare): nothing would be sent for this side.
    public var reusedRun: Int64?

    /// Upper bound of the cost: nil when the price or `max_tokens` is unknown.
    public var costBoundUSD: Double? {
        guard let price, let outputTokens else { return nil }
        return price.cost(input: inputTokens, output: outputTokens)
    }

    /// A side of a comparison answered by a stored run.
    public static func reused(_ info: RunInfo, model: String) -> DryRunEstimate {
        DryRunEstimate(
            promptRef: info.promptRef, model: model, requests: 0, cached: 0, recorded: 0,
            missingRecordings: 0, shared: 0, toSend: 0, inputTokens: 0, outputTokens: 0,
            price: nil, reusedRun: info.id)
    }
}

extension Runner {
    /// Renders every request the run would make and looks each up in the cache or the
    /// recordings; sends nothing and writes nothing.
    public func dryRun(resuming previous: RunInfo? = nil) async throws(PromptGateError)
        -> DryRunEstimate
    {
        let todo = try await pending(scope, resuming: previous)
        let recordings: Recordings? =
            options.mode == .offline
            ? try Recordings.load(suites: plan.suites.map(\.name), root: plan.project.root) : nil
        var estimate = DryRunEstimate(
            promptRef: "\(plan.prompt.version.id)@\(plan.prompt.version.version)",
            model: plan.model, requests: todo.count, cached: 0, recorded: 0,
            missingRecordings: 0, shared: 0, toSend: 0, inputTokens: 0, outputTokens: nil,
            price: plan.price, reusedRun: nil)
        var seen: Set<Recordings.Slot> = []
        for index in todo {
            let item = plan.items[index]
            let request = try plan.request(item, case: plan.testCase(item))
            let slot = Recordings.Slot(key: request.key, repeatIndex: item.repeatIndex)
            if let recordings {
                if recordings.response(key: slot.key, repeatIndex: slot.repeatIndex) != nil {
                    estimate.recorded += 1
                } else {
                    estimate.missingRecordings += 1
                }
                continue
            }
            if options.useCache,
                try await store.cachedResponse(key: slot.key, repeatIndex: slot.repeatIndex)
                    != nil
            {
                estimate.cached += 1
                continue
            }
            guard seen.insert(slot).inserted else {
                estimate.shared += 1
                continue
            }
            estimate.toSend += 1
            estimate.inputTokens += CostEstimate.inputTokens(request.messages)
        }
        estimate.outputTokens = plan.params.maxTokens.map { $0 * estimate.toSend }
        return estimate
    }
}
