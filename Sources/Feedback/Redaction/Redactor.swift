/// Replaces personal data and secrets in free text by typed placeholders: `[EMAIL]`,
/// `[PHONE]`, `[CARD]`, `[SECRET]`.
///
/// Rules, in the order they apply (each sees the text the previous one left):
/// - e-mail: `local@domain.tld` with a dotted domain and an alphabetic TLD;
/// - secret: tokens shaped like API keys — `sk-…`, `sk-proj-…`, `AKIA`/`ASIA` + 16,
///   `ghp_`/`gho_`/`ghu_`/`ghs_`/`ghr_`/`github_pat_…`, `xoxb-`/`xoxp-`/`xoxa-`/`xoxr-`…,
///   32+ hex digits mixing letters and digits, and 40+ character base64-like strings with
///   upper case, lower case and digits and high character entropy;
/// - card: 13–19 digits (single spaces or dashes allowed between groups) starting with 2–6
///   (the card networks' ranges) and passing the Luhn check;
/// - phone: see ``Redactor/PhoneRule``.
///
/// Kept on purpose: UUIDs and short ids (`req-d2128b2f33`), dates and times, version
/// numbers, IP addresses, numbers after words like "order" or "invoice", and digit strings
/// that fail Luhn.
public struct Redactor: Sendable {
    /// What a placeholder stands for.
    public enum Kind: String, Sendable, CaseIterable {
        case email, phone, card, secret

        public var placeholder: String {
            switch self {
            case .email: "[EMAIL]"
            case .phone: "[PHONE]"
            case .card: "[CARD]"
            case .secret: "[SECRET]"
            }
        }
    }

    /// How many of each kind were replaced.
    public struct Counts: Sendable, Hashable {
        public var email = 0
        public var phone = 0
        public var card = 0
        public var secret = 0

        public init() {}

        public var total: Int { email + phone + card + secret }

        mutating func add(_ kind: Kind) {
            switch kind {
            case .email: email += 1
            case .phone: phone += 1
            case .card: card += 1
            case .secret: secret += 1
            }
        }
    }

    public init() {}

    /// `text` with every match replaced.
    public func redact(_ text: String) -> String {
        var counts = Counts()
        return redact(text, counts: &counts)
    }

    /// `text` with every match replaced, adding what was replaced to `counts`.
    public func redact(_ text: String, counts: inout Counts) -> String {
        var bytes = Array(text.utf8)
        var changed = false
        var digits = 0
        var hasAt = false
        for b in bytes {
            if b &- 0x30 < 10 { digits += 1 } else if b == UInt8(ascii: "@") { hasAt = true }
        }
        if hasAt { changed = apply(&bytes, .email, Self.emails, &counts) || changed }
        if bytes.count >= 20 { changed = apply(&bytes, .secret, Self.secrets, &counts) || changed }
        if digits >= 8 {
            changed = apply(&bytes, .card, Self.cards, &counts) || changed
            changed = apply(&bytes, .phone, PhoneRule.matches, &counts) || changed
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
    }

    /// Replaces the ranges `find` returns (sorted, not overlapping) by the kind's placeholder.
    private func apply(
        _ bytes: inout [UInt8], _ kind: Kind, _ find: ([UInt8]) -> [Range<Int>],
        _ counts: inout Counts
    ) -> Bool {
        let ranges = find(bytes)
        guard !ranges.isEmpty else { return false }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var cursor = 0
        for range in ranges {
            out.append(contentsOf: bytes[cursor..<range.lowerBound])
            out.append(contentsOf: kind.placeholder.utf8)
            cursor = range.upperBound
            counts.add(kind)
        }
        out.append(contentsOf: bytes[cursor...])
        bytes = out
        return true
    }
}

extension UInt8 {
    var isASCIIDigit: Bool { self &- 0x30 < 10 }
    var isASCIILetter: Bool { (self | 0x20) &- 0x61 < 26 }
    var isASCIIAlnum: Bool { isASCIIDigit || isASCIILetter }
    var isHexDigit: Bool { isASCIIDigit || (self | 0x20) &- 0x61 < 6 }
}
