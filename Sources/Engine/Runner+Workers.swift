import Basics
import PromptGateModel
import Store
import Synchronization

/// A run's send loop: `limit` long-lived workers take the next item, send, grade and store
/// it. One task per worker rather than per item, and no hand-off of each result to a
/// collecting task: a cached or replayed case then costs no thread wake-up of its own.
extension Runner {
    /// What the workers share: the next item to take and what was stored so far.
    struct Tally: Sendable {
        var cursor = 0
        var summary: RunSummary
        var spent: Double
        var recorded: [String: [Recordings.Entry]] = [:]
        /// Results whose request never reached the provider (see ``Outcome/unreachable``).
        var unreachable: [CaseResult] = []
        var storeError: PromptGateError?
    }

    /// A worker stops the others: the store failed or the provider is down.
    private struct Stop: Error {}

    /// The tally behind a lock, shared by reference with the workers.
    private final class SharedTally: Sendable {
        let state: Mutex<Tally>
        init(_ tally: Tally) { state = Mutex(tally) }
        func withLock<R: Sendable>(_ body: (inout sending Tally) -> sending R) -> R {
            state.withLock(body)
        }
    }

    /// Sends `todo` with `limit` workers; returns what they stored and why they stopped.
    func sendAll(
        _ todo: [Int], limit: Int, source: ResponseSource, grading: GradedEvaluator?,
        runID: Int64, budget: ConcurrencyBudget?, costBudget: CostBudget?,
        tally initial: Tally,
        progress: @escaping @Sendable (RunSummary) -> Void,
        stored: @escaping @Sendable (CaseResult) -> Void
    ) async -> Tally {
        let plan = self.plan
        let store = self.store
        let pacer = options.pacer
        let health = source.health
        let price = plan.price
        let tally = SharedTally(initial)
        // The next item, unless the run is to stop sending.
        @Sendable func next() -> Int? {
            guard !Task.isCancelled, costBudget?.isExhausted != true, health?.downMessage == nil
            else { return nil }
            return tally.withLock { t -> Int? in
                guard t.storeError == nil, t.cursor < todo.count else { return nil }
                t.cursor += 1
                return todo[t.cursor - 1]
            }
        }
        @Sendable func work() async throws {
            while let index = next() {
                if let pacer, !(await pacer.admit(plan.slot(index))) { continue }
                await budget?.acquire()
                let outcome = await Self.execute(
                    plan: plan, index: index, source: source, grading: grading)
                await budget?.release()
                switch outcome {
                case .unreachable(let result, let retries):
                    tally.withLock {
                        $0.summary.retries += retries
                        $0.unreachable.append(result)
                    }
                    await pacer?.record(result)
                    // What is in flight would only fail the same way.
                    if health?.downMessage != nil { throw Stop() }
                case .done(let result, let entries, let retries, let cacheWrite):
                    tally.withLock { $0.summary.retries += retries }
                    do {
                        try await store.append(result, runID: runID, caching: cacheWrite)
                    } catch {
                        tally.withLock { $0.storeError = error }
                        throw Stop()
                    }
                    tally.withLock { t in
                        t.summary.add(result)
                        if result.origin == .live, let price {
                            t.spent += price.cost(
                                input: result.promptTokens ?? 0,
                                output: result.completionTokens ?? 0)
                        }
                        if !entries.isEmpty {
                            t.recorded[result.suite, default: []].append(contentsOf: entries)
                        }
                        // Under the lock, so the counts shown never go back.
                        progress(t.summary)
                    }
                    await pacer?.record(result)
                    stored(result)
                case .cancelled, .skipped:
                    continue
                }
            }
        }
        await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<min(limit, todo.count) { group.addTask { try await work() } }
            while true {
                do {
                    guard try await group.next() != nil else { break }
                } catch {
                    group.cancelAll()
                }
            }
        }
        return tally.withLock { $0 }
    }
}
