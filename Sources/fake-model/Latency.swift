import Foundation

/// The configured reply delay, slept on the connection's own thread.
enum Latency {
    static func sleep(options: ServerOptions, extraMs: Int) {
        let jitter = options.latencyJitterMs > 0 ? Int.random(in: 0...options.latencyJitterMs) : 0
        let total = options.latencyMs + jitter + extraMs
        if total > 0 { Thread.sleep(forTimeInterval: Double(total) / 1000) }
    }

    static func unixTime() -> Double {
        Date().timeIntervalSince1970
    }
}
