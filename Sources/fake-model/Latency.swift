import Foundation

/// The configured reply delay, slept on the connection's own thread.
enum Latency {
    /// Sleeps the model's latency (drawn with `u1`, `u2`), the jitter and a rule's extra delay.
    static func sleep(options: ServerOptions, draw: (Double, Double), extraMs: Int) {
        let jitter = options.latencyJitterMs > 0 ? Int.random(in: 0...options.latencyJitterMs) : 0
        let total = options.latency.milliseconds(draw.0, draw.1) + Double(jitter + extraMs)
        if total > 0 { Thread.sleep(forTimeInterval: total / 1000) }
    }

    static func unixTime() -> Double {
        Date().timeIntervalSince1970
    }
}
