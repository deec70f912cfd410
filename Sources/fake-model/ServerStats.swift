import Synchronization

/// Request counters served at `GET /stats`. Calls to the stats endpoints
/// themselves are not counted, so tests read exactly what they caused.
final class ServerStats: Sendable {
    private struct Counters {
        var requests = 0
        var inFlight = 0
        var maxInFlight = 0
        var byPath: [String: Int] = [:]
        var connections = 0
        var openConnections = 0
        var injected: [String: Int] = [:]
    }

    private let counters = Mutex(Counters())

    func requestStarted(path: String) {
        counters.withLock { counters in
            counters.requests += 1
            counters.byPath[path, default: 0] += 1
            counters.inFlight += 1
            counters.maxInFlight = max(counters.maxInFlight, counters.inFlight)
        }
    }

    /// Counts a failure `--error-rate` injected.
    func injected(_ fault: Fault) {
        counters.withLock { $0.injected[fault.rawValue, default: 0] += 1 }
    }

    func requestFinished() {
        counters.withLock { $0.inFlight -= 1 }
    }

    func connectionOpened() {
        counters.withLock { counters in
            counters.connections += 1
            counters.openConnections += 1
        }
    }

    func connectionClosed() {
        counters.withLock { $0.openConnections -= 1 }
    }

    /// Zeroes the totals; requests and connections still open keep counting down.
    func reset() {
        counters.withLock { counters in
            counters.requests = 0
            counters.byPath = [:]
            counters.maxInFlight = counters.inFlight
            counters.connections = 0
            counters.injected = [:]
        }
    }

    func snapshot() -> StatsBody {
        counters.withLock { counters in
            StatsBody(
                requests: counters.requests, in_flight: counters.inFlight,
                max_in_flight: counters.maxInFlight, by_path: counters.byPath,
                connections: counters.connections, open_connections: counters.openConnections,
                injected: counters.injected)
        }
    }
}

/// The JSON shape of `GET /stats`.
struct StatsBody: Encodable {
    let requests: Int
    let in_flight: Int
    let max_in_flight: Int
    let by_path: [String: Int]
    let connections: Int
    let open_connections: Int
    /// Failures injected by `--error-rate`, by kind (`429`, `500`, `json`, `close`, `hang`).
    let injected: [String: Int]
}
