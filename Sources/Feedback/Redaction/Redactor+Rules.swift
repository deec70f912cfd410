import Foundation

extension Redactor {
    /// E-mail addresses: a local part, `@`, and a domain of two or more labels ending in an
    /// alphabetic TLD of at least two letters.
    static func emails(_ b: [UInt8]) -> [Range<Int>] {
        func isLocal(_ c: UInt8) -> Bool {
            c.isASCIIAlnum || c == UInt8(ascii: ".") || c == UInt8(ascii: "_")
                || c == UInt8(ascii: "%") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")
        }
        func isDomain(_ c: UInt8) -> Bool {
            c.isASCIIAlnum || c == UInt8(ascii: ".") || c == UInt8(ascii: "-")
        }
        var out: [Range<Int>] = []
        var i = 0
        while i < b.count {
            guard b[i] == UInt8(ascii: "@") else {
                i += 1
                continue
            }
            var lo = i
            let floor = out.last?.upperBound ?? 0
            while lo > floor {
                if isLocal(b[lo - 1]) {
                    lo -= 1
                } else if lo - 2 >= floor, (0x80...0xBF).contains(b[lo - 1]),
                    (0xC3...0xC5).contains(b[lo - 2])
                {
                    // Accented Latin letters (é, ñ, ø…): two-byte UTF-8 from U+00C0 to U+017F.
                    lo -= 2
                } else {
                    break
                }
            }
            while lo < i, b[lo] == UInt8(ascii: ".") { lo += 1 }
            var hi = i + 1
            while hi < b.count, isDomain(b[hi]) { hi += 1 }
            // A sentence may end right after the address.
            while hi > i + 1, b[hi - 1] == UInt8(ascii: ".") || b[hi - 1] == UInt8(ascii: "-") {
                hi -= 1
            }
            let labels = b[(i + 1)..<hi].split(
                separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            if lo < i, labels.count >= 2, !labels.contains(where: \.isEmpty),
                let tld = labels.last, tld.count >= 2, tld.allSatisfy(\.isASCIILetter)
            {
                out.append(lo..<hi)
                i = hi
            } else {
                i += 1
            }
        }
        return out
    }

    /// Tokens shaped like credentials. A token is a run of letters, digits and `_-+/`, with
    /// any trailing `=` padding.
    static func secrets(_ b: [UInt8]) -> [Range<Int>] {
        func isToken(_ c: UInt8) -> Bool {
            c.isASCIIAlnum || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
                || c == UInt8(ascii: "+") || c == UInt8(ascii: "/")
        }
        var out: [Range<Int>] = []
        var i = 0
        while i < b.count {
            guard isToken(b[i]) else {
                i += 1
                continue
            }
            var end = i
            while end < b.count, isToken(b[end]) { end += 1 }
            var padded = end
            while padded < b.count, b[padded] == UInt8(ascii: "="), padded - end < 3 { padded += 1 }
            if end - i >= 20, isSecret(Array(b[i..<end])) { out.append(i..<padded) }
            i = padded
        }
        return out
    }

    static func isSecret(_ t: [UInt8]) -> Bool {
        func hasPrefix(_ p: String) -> Bool { t.starts(with: p.utf8) }
        func tail(after p: String) -> ArraySlice<UInt8> { t[p.utf8.count...] }
        if hasPrefix("sk-") {
            // A key segment: 16+ letters/digits with a digit in it ("sk-proj-AbC1…").
            let segments = tail(after: "sk-").split(separator: UInt8(ascii: "-"))
            return segments.contains { s in
                s.count >= 16 && s.allSatisfy { $0.isASCIIAlnum || $0 == UInt8(ascii: "_") }
                    && s.contains(where: \.isASCIIDigit)
            }
        }
        if hasPrefix("AKIA") || hasPrefix("ASIA") {
            return t.count == 20
                && tail(after: "AKIA").allSatisfy { $0.isASCIIDigit || $0 &- 0x41 < 26 }
        }
        for p in ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"] where hasPrefix(p) {
            return tail(after: p).count >= 30 && tail(after: p).allSatisfy(\.isASCIIAlnum)
        }
        if hasPrefix("github_pat_") { return tail(after: "github_pat_").count >= 40 }
        for p in ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-"] where hasPrefix(p) {
            return tail(after: p).count >= 10
        }
        // Long hex anywhere in the token (e.g. "token_<64 hex>").
        for segment in t.split(whereSeparator: { !$0.isHexDigit }) where segment.count >= 32 {
            if segment.contains(where: \.isASCIIDigit), segment.contains(where: \.isASCIILetter) {
                return true
            }
        }
        return looksRandom(t)
    }

    /// 40+ characters with upper case, lower case and digits, at least 4.3 bits of entropy
    /// per character, and no run of seven or more letters of one case (words in camelCase
    /// names and paths have them; random strings rarely do). Tokens starting with `/` are
    /// paths.
    static func looksRandom(_ t: [UInt8]) -> Bool {
        guard t.count >= 40, t.first != UInt8(ascii: "/") else { return false }
        var upper = false
        var lower = false
        var digit = false
        var run = 0
        var runIsUpper = false
        var histogram = [Int](repeating: 0, count: 128)
        for c in t {
            let isUpper = c &- 0x41 < 26
            let isLower = c &- 0x61 < 26
            if c.isASCIIDigit { digit = true }
            if isUpper { upper = true }
            if isLower { lower = true }
            if isUpper || isLower {
                run = (run > 0 && runIsUpper == isUpper) ? run + 1 : 1
                runIsUpper = isUpper
                if run >= 7 { return false }
            } else {
                run = 0
            }
            histogram[Int(c & 0x7F)] += 1
        }
        guard upper, lower, digit else { return false }
        let n = Double(t.count)
        var entropy = 0.0
        for count in histogram where count > 0 {
            let p = Double(count) / n
            entropy -= p * log2(p)
        }
        return entropy >= 4.3
    }

    /// Card numbers: 13–19 digits in groups split by single spaces or dashes, first digit 2–6,
    /// passing Luhn. Numbers next to letters or other digits are left alone.
    static func cards(_ b: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i < b.count {
            guard b[i].isASCIIDigit, i == 0 || !b[i - 1].isASCIIAlnum else {
                i += 1
                continue
            }
            let groups = digitGroups(b, from: i, separators: [0x20, UInt8(ascii: "-")])
            guard let lastGroup = groups.last else {
                i += 1
                continue
            }
            if let match = luhnSpan(b, groups) {
                out.append(match)
                i = match.upperBound
            } else {
                i = lastGroup.upperBound
            }
        }
        return out
    }

    /// The runs of digits starting at `start`, each joined to the next by one separator.
    static func digitGroups(_ b: [UInt8], from start: Int, separators: [UInt8]) -> [Range<Int>] {
        var groups: [Range<Int>] = []
        var i = start
        while i < b.count, b[i].isASCIIDigit {
            let lo = i
            while i < b.count, b[i].isASCIIDigit { i += 1 }
            groups.append(lo..<i)
            guard i + 1 < b.count, separators.contains(b[i]), b[i + 1].isASCIIDigit else { break }
            i += 1
        }
        return groups
    }

    /// The longest run of whole groups, from the earliest group that allows one, that is a
    /// card number; nil when none is.
    private static func luhnSpan(_ b: [UInt8], _ groups: [Range<Int>]) -> Range<Int>? {
        for first in groups.indices {
            // A span must be a whole token: the next character may not be a letter or digit.
            for last in stride(from: groups.count - 1, through: first, by: -1) {
                let end = groups[last].upperBound
                if end < b.count, b[end].isASCIIAlnum { continue }
                var digits: [UInt8] = []
                for g in groups[first...last] { digits += b[g].map { $0 - 0x30 } }
                guard (13...19).contains(digits.count), (2...6).contains(digits[0]),
                    luhn(digits)
                else { continue }
                return groups[first].lowerBound..<end
            }
        }
        return nil
    }

    /// The Luhn checksum over decimal digits (0–9 values).
    static func luhn(_ digits: [UInt8]) -> Bool {
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            var d = Int(digit)
            if offset % 2 == 1 {
                d *= 2
                if d > 9 { d -= 9 }
            }
            sum += d
        }
        return sum % 10 == 0
    }
}
