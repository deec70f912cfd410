import Providers
import Synchronization

/// An async semaphore: the number of requests in flight across everything that shares it
/// (both sides of a comparison share one budget).
public actor ConcurrencyBudget {
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    public init(_ permits: Int) {
        available = max(1, permits)
    }

    public func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    public func release() {
        if waiters.isEmpty {
            available += 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}

/// One ``ConcurrencyBudget`` per provider, made on first use from its `max_concurrency` and
/// shared by everything one command sends to that provider: the model requests of both sides
/// of a comparison and the judge and embedding requests of their graded assertions.
public final class ProviderBudgets: Sendable {
    private let budgets = Mutex<[String: ConcurrencyBudget]>([:])

    /// No budgets yet: each is made when its provider is first asked for.
    public init() {}

    /// Provider `name`'s budget, or nil when it sets no `max_concurrency`.
    public func budget(for name: String, maxConcurrency: Int?) -> ConcurrencyBudget? {
        guard let maxConcurrency else { return nil }
        return budgets.withLock { budgets in
            if let made = budgets[name] { return made }
            let made = ConcurrencyBudget(maxConcurrency)
            budgets[name] = made
            return made
        }
    }

    /// `provider`, sending only within provider `name`'s budget (itself when it has none).
    func limit(_ provider: any ModelProvider, name: String, maxConcurrency: Int?)
        -> any ModelProvider
    {
        guard let budget = budget(for: name, maxConcurrency: maxConcurrency) else {
            return provider
        }
        return BudgetedProvider(inner: provider, budget: budget)
    }
}

/// A provider whose requests (retries included) each hold a permit of a shared budget while
/// they are sent; cache hits and recordings, answered before it, take none.
struct BudgetedProvider: ModelProvider {
    var inner: any ModelProvider
    var budget: ConcurrencyBudget

    func complete(_ request: ModelRequest) async throws -> ModelResponse {
        await budget.acquire()
        do {
            let response = try await inner.complete(request)
            await budget.release()
            return response
        } catch {
            await budget.release()
            throw error
        }
    }
}
