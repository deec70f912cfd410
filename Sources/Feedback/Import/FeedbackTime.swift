import Foundation

/// Reads the ISO 8601 times stored with feedback (`2026-10-01`, `2026-10-01T08:12:00Z`,
/// `2026-10-01 08:12:00.5+02:00`) as seconds since 1970, for `--since`.
public enum FeedbackTime {
    /// Seconds since 1970 (UTC; a time without an offset is taken as UTC), or nil when `text`
    /// is not such a time.
    public static func parse(_ text: String) -> Double? {
        let b = Array(text.utf8.prefix(40))
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= b.count else { return nil }
            var value = 0
            for byte in b[start..<(start + count)] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), b.count >= 10, b[4] == 45, b[7] == 45,
            let month = number(5, 2), let day = number(8, 2), (1...12).contains(month),
            (1...31).contains(day)
        else { return nil }
        var hour = 0
        var minute = 0
        var second = 0.0
        var offset = 0
        var index = 10
        if b.count > 10 {
            guard b[10] == 84 || b[10] == 116 || b[10] == 32, let h = number(11, 2),
                b.count > 13, b[13] == 58, let m = number(14, 2), h < 24, m < 60
            else { return nil }
            hour = h
            minute = m
            index = 16
            if index < b.count, b[index] == 58, let s = number(17, 2), s <= 60 {
                second = Double(s)
                index = 19
                if index < b.count, b[index] == 46 {
                    index += 1
                    var scale = 0.1
                    while index < b.count, (48...57).contains(b[index]) {
                        second += Double(b[index] - 48) * scale
                        scale /= 10
                        index += 1
                    }
                }
            }
            // `Z` (or nothing) is UTC; `+hh:mm`, `-hhmm` or `+hh` are offsets.
            if index < b.count {
                if b[index] == 43 || b[index] == 45, let oh = number(index + 1, 2) {
                    let sign = b[index] == 45 ? -1 : 1
                    var om = 0
                    if index + 3 < b.count, b[index + 3] == 58, let m = number(index + 4, 2) {
                        om = m
                    } else if let m = number(index + 3, 2) {
                        om = m
                    }
                    offset = sign * (oh * 3600 + om * 60)
                }
            }
        }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        let base = Double(timegm(&parts))
        return base + second - Double(offset)
    }
}
