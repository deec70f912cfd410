import PromptGateModel
import Providers
import Store

/// Where a run's responses come from: a provider (through the response cache, with
/// identical requests in flight sent once), or recordings.
final class ResponseSource: Sendable {
    enum Kind: Sendable {
        case provider(any ModelProvider)
        case recordings(Recordings)
    }

    let kind: Kind
    /// Responses are kept for suites/recordings/ (`--record`).
    let records: Bool
    /// The response cache, unless `--no-cache` or offline.
    let cache: RunStore?
    /// `--max-cost`: requests are sent only within the budget.
    let costGuard: CostGuard?
    /// Applied to every response and error as it enters the engine: what the cache, the
    /// recordings, the store and the reports get never holds a secret the provider echoed.
    let redactor: SecretRedactor
    /// The provider's reachability (``ProviderHealth``), for a live source.
    let health: ProviderHealth?
    private let inFlight = InFlightRequests()

    init(
        _ kind: Kind, records: Bool, cache: RunStore?, costGuard: CostGuard? = nil,
        redactor: SecretRedactor = .none, health: ProviderHealth? = nil
    ) {
        self.kind = kind
        self.records = records
        self.cache = cache
        self.costGuard = costGuard
        self.redactor = redactor
        self.health = health
    }

    /// Where a result's output came from when nothing more specific applies.
    var defaultOrigin: ResponseOrigin {
        if case .recordings = kind { return .recording }
        return .live
    }

    /// The response and where it came from. `key` is `request.key`,
    /// computed once by the caller (it serializes and hashes the whole request). With
    /// `deferCacheWrite` the caller caches a live response itself, in the same transaction as
    /// the result (one commit per request instead of two).
    func respond(
        _ request: ModelRequest, key: String, repeatIndex: Int, deferCacheWrite: Bool = false
    ) async throws -> (ModelResponse, ResponseOrigin) {
        switch kind {
        case .recordings(let recordings):
            guard let response = recordings.response(key: key, repeatIndex: repeatIndex)
            else {
                throw ProviderError.noRecording(key: key)
            }
            return (redactor.redact(response), .recording)
        case .provider(let provider):
            if let cache,
                let hit = try cache.cachedResponseNow(key: key, repeatIndex: repeatIndex)
            {
                return (redactor.redact(hit), .cache)
            }
            let cache = self.cache
            let costGuard = self.costGuard
            let redactor = self.redactor
            let (response, shared) = try await inFlight.run(key: key, repeatIndex: repeatIndex) {
                let response: ModelResponse
                do {
                    if let costGuard {
                        response = redactor.redact(
                            try await costGuard.spend(request) {
                                try await provider.complete(request)
                            })
                    } else {
                        response = redactor.redact(try await provider.complete(request))
                    }
                } catch let error as ProviderError {
                    throw error.redacted(by: redactor)
                } catch is CancellationError {
                    throw CancellationError()
                } catch let error as BudgetExhausted {
                    throw error
                } catch {
                    guard !redactor.isEmpty else { throw error }
                    throw ProviderError.transport(redactor.redact("\(error)"))
                }
                // Errors are never cached; a failed write only costs a later request.
                if !deferCacheWrite {
                    try? await cache?.cache(response, key: key, repeatIndex: repeatIndex)
                }
                return response
            }
            return (response, shared ? .cache : .live)
        }
    }
}

/// Identical requests in flight at once are sent only once: later callers await the first.
actor InFlightRequests {
    private struct Slot: Hashable {
        var key: String
        var repeatIndex: Int
    }

    private var tasks: [Slot: Task<ModelResponse, any Error>] = [:]

    /// Runs `body` unless the same slot is already running; returns whether the result was shared.
    func run(
        key: String, repeatIndex: Int, _ body: @escaping @Sendable () async throws -> ModelResponse
    ) async throws -> (ModelResponse, Bool) {
        let slot = Slot(key: key, repeatIndex: repeatIndex)
        if let running = tasks[slot] {
            return (try await running.value, true)
        }
        let task = Task { try await body() }
        tasks[slot] = task
        defer { tasks[slot] = nil }
        return (
            try await withTaskCancellationHandler {
                try await task.value
            } onCancel: {
                task.cancel()
            }, false
        )
    }
}
