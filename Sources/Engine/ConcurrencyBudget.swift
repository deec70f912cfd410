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
