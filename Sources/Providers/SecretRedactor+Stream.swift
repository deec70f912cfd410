extension SecretRedactor {
    /// Redacts one text handed over in pieces of any size, as if it were redacted whole: a
    /// report written a piece at a time may cut a model's output anywhere, and a secret
    /// split between two pieces must still be found.
    ///
    /// Each piece gives back the redacted text up to a cut that nothing to redact can span:
    /// no whole secret crosses it, and no `*`, `•` or `…` is near it (a masked or cut-off
    /// echo is at most a secret's length either side of one of those). The rest waits for
    /// the next piece, or for ``finish()``.
    public struct Stream: Sendable {
        public let redactor: SecretRedactor
        /// Bytes read but not yet given back: fewer than a few secrets' lengths, except in a
        /// long run of mask characters.
        private var carry: [UInt8] = []

        public init(_ redactor: SecretRedactor) {
            self.redactor = redactor
        }

        /// The redacted text that can be written after `piece` (possibly empty).
        public mutating func feed(_ piece: String) -> String {
            guard !redactor.isEmpty else { return piece }
            carry.append(contentsOf: piece.utf8)
            return String(decoding: take(), as: UTF8.self)
        }

        /// ``feed(_:)`` for UTF-8 bytes.
        public mutating func feed(_ piece: [UInt8]) -> [UInt8] {
            guard !redactor.isEmpty else { return piece }
            carry.append(contentsOf: piece)
            return take()
        }

        /// The redacted rest: the text ends here.
        public mutating func finish() -> String {
            guard !carry.isEmpty else { return "" }
            var rest = carry
            carry = []
            _ = redactor.redact(&rest, atEnd: true)
            return String(decoding: rest, as: UTF8.self)
        }

        /// How far a redaction can reach either side of a mark or of the cut.
        private var reach: Int { redactor.longestSecret + 3 }

        private mutating func take() -> [UInt8] {
            // Only once there is enough to look at, so small pieces are redacted in bulk.
            guard carry.count >= 4 * reach + 4096, let cut = safeCut() else { return [] }
            var head = Array(carry[..<cut])
            carry.removeFirst(cut)
            _ = redactor.redact(&head, atEnd: false)
            return head
        }

        /// A cut as near the end as allowed (`reach` bytes must follow it), between two
        /// characters, that nothing to redact spans; nil when none is found near the end
        /// (then all of it waits).
        private func safeCut() -> Int? {
            var cut = carry.count - reach
            var tries = 0
            while cut > reach, tries < 64 {
                tries += 1
                while cut > 0, carry[cut] & 0xC0 == 0x80 { cut -= 1 }
                if let mark = lastMark(in: (cut - reach)..<(cut + reach)) {
                    cut = mark - reach
                } else if let start = secretSpanning(cut) {
                    cut = start
                } else {
                    return cut
                }
            }
            return nil
        }

        /// The start of the last `*`, `•` or `…` in `range`.
        private func lastMark(in range: Range<Int>) -> Int? {
            let range = max(0, range.lowerBound)..<min(carry.count, range.upperBound)
            for i in range.reversed() {
                let byte = carry[i]
                if byte == SecretRedactor.star { return i }
                if byte == 0xE2, i + 3 <= carry.count,
                    carry[i..<(i + 3)].elementsEqual(SecretRedactor.bullet)
                        || carry[i..<(i + 3)].elementsEqual(SecretRedactor.ellipsis)
                {
                    return i
                }
            }
            return nil
        }

        /// The start of a whole secret that begins before `cut` and ends after it.
        private func secretSpanning(_ cut: Int) -> Int? {
            for secret in redactor.secrets {
                let first = max(0, cut - secret.count + 1)
                for start in first..<cut where start + secret.count <= carry.count {
                    if carry[start..<(start + secret.count)].elementsEqual(secret) { return start }
                }
            }
            return nil
        }
    }
}
