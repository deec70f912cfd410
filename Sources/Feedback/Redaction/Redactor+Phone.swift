import Foundation

extension Redactor {
    /// Phone numbers.
    ///
    /// - International: `+` and 8–15 digits, or `00` and 10–15 digits, in groups split by
    ///   spaces, dashes, dots or parentheses (`+1 (555) 123-4567`, `+44 20 7946 0958`).
    /// - National, grouped: 9–12 digits in groups of 2–5 (one group of up to 8 after a
    ///   `0…` area code), like `(555) 123-4567`, `555.123.4567`, `020 7946 0958`,
    ///   `01 23 45 67 89`, `030 12345678`.
    /// - National, ungrouped: 10–11 digits starting with the trunk prefix 0 (`07700900123`),
    ///   or any 10–11 digits right after a word like "phone", "call" or "tel".
    ///
    /// Not phones: dates (a four-digit year with month and day, with or without a time),
    /// IP addresses, dotted version numbers, numbers grouped in thousands, numbers glued to
    /// letters or to `#`, `-`, `/`, `.`, `$`, and numbers after "order", "invoice",
    /// "ticket", "tracking", "ref", "account", "case" or "no." (unless a phone word is
    /// closer).
    enum PhoneRule {
        static func matches(_ b: [UInt8]) -> [Range<Int>] {
            var out: [Range<Int>] = []
            var i = 0
            while i < b.count {
                let c = b[i]
                let opens =
                    c.isASCIIDigit
                    || ((c == UInt8(ascii: "+") || c == UInt8(ascii: "("))
                        && i + 1 < b.count && b[i + 1].isASCIIDigit)
                // "+49…" may follow any punctuation ("Tel.+49…"); national numbers may not.
                let boundary =
                    i == 0
                    || (c == UInt8(ascii: "+")
                        ? !b[i - 1].isASCIIAlnum && b[i - 1] != UInt8(ascii: "+")
                        : startsAfter(b[i - 1]))
                guard opens, boundary else {
                    i += 1
                    continue
                }
                let candidate = scan(b, from: i)
                if let candidate, isPhone(b, candidate) {
                    out.append(candidate.range)
                    i = candidate.range.upperBound
                } else {
                    i = max(i + 1, candidate?.range.upperBound ?? i + 1)
                    // Skip the rest of a digit run so its tail is not a new candidate.
                    while i < b.count, b[i].isASCIIAlnum { i += 1 }
                }
            }
            return out
        }

        private static func startsAfter(_ c: UInt8) -> Bool {
            if c.isASCIIAlnum { return false }
            return !"#-/.$_+@=&%".utf8.contains(c)
        }

        struct Candidate {
            var range: Range<Int>
            var plus: Bool
            var groups: [Range<Int>]
            /// The separator text after each group but the last.
            var separators: [[UInt8]]
        }

        private static func scan(_ b: [UInt8], from start: Int) -> Candidate? {
            var i = start
            let plus = b[i] == UInt8(ascii: "+")
            if plus { i += 1 }
            var groups: [Range<Int>] = []
            var separators: [[UInt8]] = []
            let separatorSet: [UInt8] = Array(" -.()".utf8)
            while true {
                if i < b.count, b[i] == UInt8(ascii: "(") { i += 1 }
                guard i < b.count, b[i].isASCIIDigit else { break }
                let lo = i
                while i < b.count, b[i].isASCIIDigit { i += 1 }
                groups.append(lo..<i)
                var j = i
                while j < b.count, j - i < 3, separatorSet.contains(b[j]) { j += 1 }
                let next = j < b.count ? b[j] : 0
                guard j > i, next.isASCIIDigit || next == UInt8(ascii: "(") else { break }
                // A separator run holds one space, dash or dot at most (besides parentheses).
                let run = Array(b[i..<j])
                guard run.filter({ $0 != UInt8(ascii: "(") && $0 != UInt8(ascii: ")") }).count <= 1
                else { break }
                separators.append(run)
                i = j
            }
            guard let last = groups.last else { return nil }
            var end = last.upperBound
            if end < b.count, b[end] == UInt8(ascii: ")") { end += 1 }
            return Candidate(
                range: start..<end, plus: plus, groups: groups, separators: separators)
        }

        private static func isPhone(_ b: [UInt8], _ c: Candidate) -> Bool {
            let end = c.groups.last?.upperBound ?? c.range.upperBound
            if end < b.count {
                let next = b[end]
                if next.isASCIIAlnum || next == UInt8(ascii: "_") { return false }
                // "08:12" is a time, "1.2.3-beta" a version, "555-1234/5" something else.
                if ":/".utf8.contains(next)
                    || ((next == UInt8(ascii: ".")
                        || next == UInt8(ascii: ",") || next == UInt8(ascii: "-"))
                        && end + 1 < b.count && b[end + 1].isASCIIDigit)
                {
                    return false
                }
            }
            let sizes = c.groups.map(\.count)
            let digits = sizes.reduce(0, +)
            let firstDigit = b[c.groups[0].lowerBound]
            if c.plus { return (8...15).contains(digits) }
            if isDate(b, c) || isDotted(c) { return false }
            let context = Context(b, before: c.range.lowerBound)
            if context.order && !context.phone { return false }
            if firstDigit == UInt8(ascii: "0"), sizes[0] >= 2,
                b[c.groups[0].lowerBound + 1] == UInt8(ascii: "0"), c.groups.count >= 2
            {
                return (10...15).contains(digits)
            }
            if c.groups.count == 1 {
                return (10...11).contains(digits)
                    && (firstDigit == UInt8(ascii: "0") || context.phone)
            }
            guard (9...12).contains(digits), sizes.dropFirst().allSatisfy({ $0 >= 2 }),
                sizes[0] <= 5
            else { return false }
            if sizes.contains(where: { $0 > 5 }) {
                guard sizes.count == 2, firstDigit == UInt8(ascii: "0"), sizes[1] <= 8 else {
                    return false
                }
            }
            // "1 234 567 890" is a number grouped in thousands.
            if sizes[0] <= 3, sizes.count >= 3, sizes.dropFirst().allSatisfy({ $0 == 3 }),
                Set(c.separators.map { $0 }).count == 1
            {
                return false
            }
            return true
        }

        /// A four-digit year with a month and a day (either order), maybe followed by more.
        private static func isDate(_ b: [UInt8], _ c: Candidate) -> Bool {
            guard c.groups.count >= 3 else { return false }
            func value(_ g: Range<Int>) -> Int { b[g].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
            let s = c.groups.prefix(3).map(\.count)
            let v = c.groups.prefix(3).map(value)
            let plainSeparators = c.separators.prefix(2).allSatisfy { run in
                run.count == 1 && "-./ ".utf8.contains(run[0])
            }
            guard plainSeparators else { return false }
            if s[0] == 4, s[1] <= 2, s[2] <= 2 {
                return (1...12).contains(v[1]) && (1...31).contains(v[2])
            }
            if s[0] <= 2, s[1] <= 2, s[2] == 4 {
                return (1...31).contains(v[0]) && (1...31).contains(v[1])
            }
            return false
        }

        /// IP addresses and version numbers: dots only, with a group of one digit or four
        /// groups of at most three.
        private static func isDotted(_ c: Candidate) -> Bool {
            guard !c.separators.isEmpty, c.separators.allSatisfy({ $0 == [UInt8(ascii: ".")] })
            else { return false }
            let sizes = c.groups.map(\.count)
            if sizes.contains(1) { return true }
            return sizes.count == 4 && sizes.allSatisfy { $0 <= 3 }
        }

        /// Words in the 32 bytes before a number that say what it is; the closer kind wins.
        struct Context {
            var order = false
            var phone = false
            static let orderWords: Set<String> = [
                "order", "orders", "invoice", "ticket", "tracking", "ref", "reference",
                "account", "acct", "case", "no", "nr", "id", "po", "sku", "transaction",
            ]
            static let phoneWords: Set<String> = [
                "phone", "tel", "telephone", "call", "mobile", "cell", "whatsapp", "sms", "fax",
            ]

            init(_ b: [UInt8], before index: Int) {
                let lo = max(0, index - 32)
                let words = String(decoding: b[lo..<index], as: UTF8.self).lowercased()
                    .split(whereSeparator: { !$0.isLetter })
                for word in words.reversed() {
                    if Self.orderWords.contains(String(word)) {
                        order = true
                        return
                    }
                    if Self.phoneWords.contains(String(word)) {
                        phone = true
                        return
                    }
                }
            }
        }
    }
}
