import PromptGateModel
import Providers
import Synchronization

/// `--max-cost USD`: a request is sent only while what was spent, plus the upper bounds of
/// the requests in flight, plus its own upper bound stay within the limit. Once a request
/// is refused, nothing more is sent (the run ends `budget-exceeded`). Both sides of a
/// comparison share one budget.
public final class CostBudget: Sendable {
    private struct State {
        var spent = 0.0
        var reserved = 0.0
        var exhausted = false
    }

    public let limitUSD: Double
    private let state = Mutex(State())

    public init(limitUSD: Double) {
        self.limitUSD = limitUSD
    }

    /// Reserves `bound` USD for a request about to be sent; false when that would pass the
    /// limit, and from then on always false.
    func reserve(_ bound: Double) -> Bool {
        state.withLock { s in
            guard !s.exhausted else { return false }
            // A little slack for floating-point sums: a budget of exactly N bounds admits N.
            guard s.spent + s.reserved + bound <= limitUSD * (1 + 1e-9) else {
                s.exhausted = true
                return false
            }
            s.reserved += bound
            return true
        }
    }

    /// Replaces a reservation by what the request really cost (0 when it failed).
    func settle(reserved: Double, actual: Double) {
        state.withLock { s in
            s.reserved -= reserved
            s.spent += actual
        }
    }

    /// USD spent by the requests that finished.
    public var spentUSD: Double { state.withLock { $0.spent } }

    /// A request was refused: the run stops sending.
    public var isExhausted: Bool { state.withLock { $0.exhausted } }
}

/// The request was not sent: `--max-cost` would have been passed.
struct BudgetExhausted: Error {}

/// What the runner needs to hold requests to a budget: the budget, the model's price and
/// the output bound.
struct CostGuard: Sendable {
    var budget: CostBudget
    var price: ModelPrice
    var maxTokens: Int

    /// Sends `send` if the budget allows its upper bound, settling with its real cost.
    func spend(
        _ request: ModelRequest, _ send: () async throws -> ModelResponse
    ) async throws -> ModelResponse {
        let inputEstimate = CostEstimate.inputTokens(request.messages)
        let bound = price.cost(input: inputEstimate, output: maxTokens)
        guard budget.reserve(bound) else { throw BudgetExhausted() }
        do {
            let response = try await send()
            // Without usage in the reply, the bound is what it may have cost.
            let actual = price.cost(
                input: response.promptTokens ?? inputEstimate,
                output: response.completionTokens ?? maxTokens)
            budget.settle(reserved: bound, actual: actual)
            return response
        } catch {
            budget.settle(reserved: bound, actual: 0)
            throw error
        }
    }
}

/// The documented token estimate behind `--dry-run` and `--max-cost`: input tokens are the
/// rendered characters (Unicode scalars) of every message ÷ 4, rounded up — close for
/// English, low for scripts such as Chinese or Japanese; output tokens are `max_tokens`.
public enum CostEstimate {
    public static func inputTokens(_ messages: [ChatMessage]) -> Int {
        let characters = messages.reduce(0) { $0 + $1.content.unicodeScalars.count }
        return (characters + 3) / 4
    }
}

extension RunPlan {
    /// The model's price from `prices:` or the built-in table; nil when unknown.
    public var price: ModelPrice? {
        (project.config?.priceTable ?? PriceTable()).price(for: model)
    }
}
