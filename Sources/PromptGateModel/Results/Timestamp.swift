import Foundation

/// ISO 8601 timestamps in UTC with milliseconds, as stored: `2026-12-07T03:20:15.123Z`.
/// Written by hand from `gmtime_r`: the first `ISO8601DateFormatter` of a process loads
/// ICU's time zone data (~10 ms before a run's first request), and each later call cost
/// more than the cache insert it stamps.
package enum Timestamp {
    package static func now() -> String { string(from: Date()) }

    /// The text `ISO8601DateFormatter` gives with `.withInternetDateTime` and
    /// `.withFractionalSeconds` (to the nearest millisecond).
    package static func string(from date: Date) -> String {
        // To the nearest millisecond, as the formatter does.
        let total = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(total / 1000)
        var millis = Int(total % 1000)
        if millis < 0 {
            seconds -= 1
            millis += 1000
        }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var out = ""
        out.reserveCapacity(24)
        func digits(_ value: Int, _ count: Int) {
            let text = String(value)
            if text.count < count { out += String(repeating: "0", count: count - text.count) }
            out += text
        }
        digits(Int(parts.tm_year) + 1900, 4)
        out += "-"
        digits(Int(parts.tm_mon) + 1, 2)
        out += "-"
        digits(Int(parts.tm_mday), 2)
        out += "T"
        digits(Int(parts.tm_hour), 2)
        out += ":"
        digits(Int(parts.tm_min), 2)
        out += ":"
        digits(Int(parts.tm_sec), 2)
        out += "."
        digits(millis, 3)
        out += "Z"
        return out
    }
}
