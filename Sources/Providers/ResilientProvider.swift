import Foundation
import Synchronization

/// Counts retries across a run, and caps them (the per-provider retry budget: `retry_budget`,
/// by default 10% of the run's requests and at least 10; 10 for a judge or embedding provider).
public actor RetryBudget {
    private var remaining: Int
    public private(set) var used = 0

    public init(_ budget: Int) {
        remaining = budget
    }

    /// Takes one retry from the budget; false when it is spent.
    func take() -> Bool {
        guard remaining > 0 else { return false }
        remaining -= 1
        used += 1
        return true
    }
}

/// Token buckets for a provider's `rpm` and `tpm`: requests wait until both allow them.
public actor RateLimiter {
    private struct Bucket {
        var capacity: Double
        var tokens: Double
        /// Tokens added per second.
        var rate: Double
    }

    private var requests: Bucket?
    private var tokens: Bucket?
    private var last = ContinuousClock.now

    public init(rpm: Double?, tpm: Double?) {
        // Start with a one-second allowance rather than a full minute's burst, so the
        // first minute does not exceed the limit.
        requests = rpm.map { Bucket(capacity: max(1, $0 / 60), tokens: 1, rate: $0 / 60) }
        tokens = tpm.map {
            Bucket(capacity: max(1, $0 / 60), tokens: min($0 / 60, $0), rate: $0 / 60)
        }
    }

    private func refill() {
        let now = ContinuousClock.now
        let d = (now - last).components
        let elapsed = Double(d.seconds) + Double(d.attoseconds) / 1e18
        last = now
        func fill(_ bucket: inout Bucket?) {
            guard var b = bucket else { return }
            b.tokens = min(b.capacity, b.tokens + elapsed * b.rate)
            bucket = b
        }
        fill(&requests)
        fill(&tokens)
    }

    /// Waits until one request of about `cost` tokens fits both buckets, then takes it.
    func acquire(cost: Double) async throws {
        while true {
            refill()
            var wait = 0.0
            if let r = requests, r.tokens < 1 { wait = max(wait, (1 - r.tokens) / r.rate) }
            if let t = tokens {
                let need = min(cost, t.capacity)
                if t.tokens < need { wait = max(wait, (need - t.tokens) / t.rate) }
            }
            if wait <= 0 {
                requests?.tokens -= 1
                if let t = tokens { tokens?.tokens -= min(cost, t.capacity) }
                return
            }
            try await Task.sleep(for: .milliseconds(Int((wait * 1000).rounded(.up)) + 1))
        }
    }
}

/// Whether a provider is reachable at all: after ``threshold`` connection-level failures in
/// a row (refused, DNS, TLS — counted per attempt, retries included) with no response in
/// between, it is declared down and nothing more is sent to it. Any HTTP response, even an
/// error status, resets the count; timeouts and dropped connections leave it as it is.
public final class ProviderHealth: Sendable {
    /// Consecutive connection-level failures that declare a provider down.
    public static let threshold = 8

    private struct State {
        var failures = 0
        var down: String?
    }

    private let state = Mutex(State())
    public let threshold: Int

    public init(threshold: Int = ProviderHealth.threshold) {
        self.threshold = max(1, threshold)
    }

    /// Why the provider was declared down (the one message a run prints), or nil.
    public var downMessage: String? { state.withLock { $0.down } }

    /// The provider answered (with anything, even an error status).
    func answered() {
        state.withLock { s in
            if s.down == nil { s.failures = 0 }
        }
    }

    /// A connection-level failure of `request`; true when it declared the provider down.
    @discardableResult
    func failed(_ kind: ProviderError.Unreachable, _ message: String, request: ModelRequest)
        -> Bool
    {
        state.withLock { s in
            guard s.down == nil else { return false }
            s.failures += 1
            guard s.failures >= threshold else { return false }
            let at = "provider '\(request.providerName)' at \(request.baseURL)"
            let n = s.failures
            switch kind {
            case .connect where message.contains("refused"):
                s.down = "\(at) refused \(n) connections in a row: is it running?"
            case .connect:
                s.down =
                    "\(at) could not be reached \(n) times in a row (\(message)): is it running?"
            case .dns:
                s.down =
                    "\(at) could not be resolved \(n) times in a row (\(message)): is the address right?"
            case .tls:
                s.down = "\(at) failed the TLS handshake \(n) times in a row (\(message))"
            }
            return true
        }
    }
}

/// Wraps a provider with retries (exponential backoff with full jitter, honouring
/// `Retry-After`), a run-wide retry budget, rate limits, and ``ProviderHealth``: once the
/// provider is declared down, requests fail at once with `providerDown`, unsent.
public struct ResilientProvider: ModelProvider {
    public var inner: any ModelProvider
    public var maxRetries: Int
    public var budget: RetryBudget
    public var limiter: RateLimiter?
    public var health: ProviderHealth
    /// First backoff step and the cap, in seconds.
    public var baseDelay: Double
    public var maxDelay: Double
    public var maxTokens: Int

    public init(
        inner: any ModelProvider, maxRetries: Int, budget: RetryBudget, limiter: RateLimiter?,
        health: ProviderHealth = ProviderHealth(), baseDelay: Double = 0.25, maxDelay: Double = 20,
        maxTokens: Int = 256
    ) {
        self.inner = inner
        self.maxRetries = maxRetries
        self.budget = budget
        self.limiter = limiter
        self.health = health
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxTokens = maxTokens
    }

    /// The documented token estimate for `tpm`: rendered characters / 4, plus max_tokens.
    public static func estimateTokens(_ request: ModelRequest, maxTokens: Int) -> Double {
        Double(request.messages.reduce(0) { $0 + $1.content.count } / 4 + maxTokens)
    }

    public func complete(_ request: ModelRequest) async throws -> ModelResponse {
        var attempt = 0
        let cost = Self.estimateTokens(request, maxTokens: request.params.maxTokens ?? maxTokens)
        while true {
            try await limiter?.acquire(cost: cost)
            if let down = health.downMessage {
                let error = ProviderError.providerDown(down)
                throw attempt > 0 ? ProviderError.afterRetries(error, retries: attempt) : error
            }
            do {
                var response = try await inner.complete(request)
                health.answered()
                response.retries = attempt
                return response
            } catch let error as ProviderError {
                if case .unreachable(let kind, let message) = error {
                    health.failed(kind, message, request: request)
                } else if error.reachedProvider {
                    health.answered()
                }
                guard error.isRetryable, attempt < maxRetries, !Task.isCancelled else {
                    throw attempt > 0 ? ProviderError.afterRetries(error, retries: attempt) : error
                }
                guard await budget.take() else {
                    throw ProviderError.retryBudgetExhausted(error, retries: attempt)
                }
                attempt += 1
                // Full jitter: a uniform wait up to the exponential step, unless the server said when.
                let step = min(maxDelay, baseDelay * pow(2, Double(attempt - 1)))
                let delay =
                    error.retryAfter.map { min($0, maxDelay * 3) } ?? Double.random(in: 0...step)
                try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
            }
        }
    }
}
