/// Replaces secret values with `[REDACTED]` in every text promptgate keeps or prints.
///
/// Built once per run from the resolved values: every provider's `api_key_env` variable,
/// the secret-looking variables an `exec` provider passes its command (`env:`), and any
/// variable of promptgate's environment whose name looks secret (`*API_KEY*`, `*_KEY`,
/// `*TOKEN*`, `*SECRET*`, `*PASSWORD*`, `*PASSWD*`, `*CREDENTIAL*`). Values shorter than
/// ``minimumLength`` characters are ignored: they would match ordinary text.
///
/// What is replaced: the full value wherever it occurs (so `Bearer <key>` becomes
/// `Bearer [REDACTED]`), and a masked echo of it, as servers print keys in errors: a prefix
/// of the value, then at least three `*` or `•`, then optionally a suffix of the value
/// (`sk-test-SECR****-123`, `sk-proj-****abcd`), when prefix and suffix together show at
/// least 8 characters (or half of a shorter value); and a value cut off by an excerpt (a
/// prefix of at least as many characters right before `…` or at the end of the text).
public struct SecretRedactor: Sendable, Hashable {
    /// Values shorter than this are not secrets worth redacting (they would match words).
    public static let minimumLength = 8
    public static let replacement = "[REDACTED]"

    /// The secrets as UTF-8 bytes, longest first (so a longer secret wins over its prefix).
    private(set) var secrets: [[UInt8]]

    /// Redacts nothing.
    public static let none = SecretRedactor(values: [])

    public init(values: some Sequence<String>) {
        var unique = Set<[UInt8]>()
        for value in values where value.count >= Self.minimumLength {
            unique.insert(Array(value.utf8))
        }
        secrets = unique.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1)
        }
    }

    public var isEmpty: Bool { secrets.isEmpty }

    /// This redactor and `other`'s secrets together.
    public func merging(_ other: SecretRedactor) -> SecretRedactor {
        var out = self
        var seen = Set(secrets)
        for secret in other.secrets where seen.insert(secret).inserted {
            out.secrets.append(secret)
        }
        out.secrets.sort {
            $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1)
        }
        return out
    }

    /// Whether a variable's name says it holds a secret.
    public static func looksSecret(name: String) -> Bool {
        let upper = name.uppercased()
        if upper.hasSuffix("_KEY") || upper == "KEY" { return true }
        return ["API_KEY", "APIKEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL"]
            .contains { upper.contains($0) }
    }

    /// The values of the environment's secret-looking variables (see ``looksSecret(name:)``).
    public static func environment(_ environment: [String: String]) -> SecretRedactor {
        SecretRedactor(values: environment.filter { looksSecret(name: $0.key) }.map(\.value))
    }

    /// Every secret a run could send or hand a child: each provider's `api_key_env` value,
    /// the secret-looking variables named by an `exec` provider's `env:`, and the
    /// environment's secret-looking variables.
    public static func forProviders(
        _ providers: [String: ProviderConfig], environment: [String: String]
    ) -> SecretRedactor {
        var values: [String] = []
        for config in providers.values {
            if let variable = config.apiKeyEnv, let value = environment[variable] {
                values.append(value)
            }
            for name in config.env where looksSecret(name: name) {
                if let value = environment[name] { values.append(value) }
            }
        }
        return SecretRedactor(values: values).merging(.environment(environment))
    }

    /// `text` with every secret (whole or masked) replaced by `[REDACTED]`.
    public func redact(_ text: String) -> String {
        guard !secrets.isEmpty, !text.isEmpty else { return text }
        var bytes = Array(text.utf8)
        return redact(&bytes, atEnd: true) ? String(decoding: bytes, as: UTF8.self) : text
    }

    /// Redacts `bytes` in place; true when it changed them. `atEnd` says the text ends
    /// there, so a secret's prefix at its very end counts as cut off (see
    /// ``SecretRedactor/Stream``, which redacts a text in pieces).
    func redact(_ bytes: inout [UInt8], atEnd: Bool) -> Bool {
        var changed = false
        for secret in secrets {
            if Self.replaceAll(secret, in: &bytes) { changed = true }
        }
        if Self.hasMask(bytes) {
            for secret in secrets where Self.replaceMasked(secret, in: &bytes) { changed = true }
        }
        for secret in secrets where Self.replaceTruncated(secret, in: &bytes, atEnd: atEnd) {
            changed = true
        }
        return changed
    }

    /// The longest secret, in bytes (0 for none).
    var longestSecret: Int { secrets.first?.count ?? 0 }

    public func redact(_ text: String?) -> String? {
        text.map { redact($0) }
    }

    /// A response with its text redacted (the model echoing a key must not keep it).
    public func redact(_ response: ModelResponse) -> ModelResponse {
        guard !secrets.isEmpty else { return response }
        var out = response
        out.text = redact(response.text)
        out.finishReason = redact(response.finishReason)
        return out
    }

    // MARK: - Matching on bytes

    private static let replacementBytes = Array(replacement.utf8)
    static let star = UInt8(ascii: "*")
    /// `•` in UTF-8.
    static let bullet: [UInt8] = [0xE2, 0x80, 0xA2]

    /// Replaces every occurrence of `secret`; true when there was one.
    private static func replaceAll(_ secret: [UInt8], in bytes: inout [UInt8]) -> Bool {
        guard let first = secret.first, bytes.count >= secret.count else { return false }
        let last = bytes.count - secret.count
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        while index <= last {
            if bytes[index] == first, bytes[index..<(index + secret.count)].elementsEqual(secret) {
                out += bytes[copied..<index]
                out += replacementBytes
                index += secret.count
                copied = index
            } else {
                index += 1
            }
        }
        guard copied > 0 else { return false }
        out += bytes[copied...]
        bytes = out
        return true
    }

    private static func hasMask(_ bytes: [UInt8]) -> Bool {
        maskRun(in: bytes, from: 0) != nil
    }

    /// The length of the mask character (`*` or `•`) at `index`, or 0.
    private static func maskLength(_ bytes: [UInt8], at index: Int) -> Int {
        if bytes[index] == star { return 1 }
        if index + 3 <= bytes.count, bytes[index..<(index + 3)].elementsEqual(bullet) { return 3 }
        return 0
    }

    /// The next run of at least three mask characters at or after `start`.
    private static func maskRun(in bytes: [UInt8], from start: Int) -> Range<Int>? {
        var index = start
        while index < bytes.count {
            guard maskLength(bytes, at: index) > 0 else {
                index += 1
                continue
            }
            let runStart = index
            var count = 0
            while index < bytes.count {
                let length = maskLength(bytes, at: index)
                guard length > 0 else { break }
                index += length
                count += 1
            }
            if count >= 3 { return runStart..<index }
        }
        return nil
    }

    /// `…` in UTF-8.
    static let ellipsis: [UInt8] = [0xE2, 0x80, 0xA6]

    /// Replaces a prefix of `secret` cut off by an excerpt: right before a `…` or at the very
    /// end of the text (error messages quote bodies up to a limit).
    private static func replaceTruncated(
        _ secret: [UInt8], in bytes: inout [UInt8], atEnd: Bool
    ) -> Bool {
        let needed = min(8, secret.count / 2)
        var ends: [Int] = atEnd ? [bytes.count] : []
        var index = 0
        while index + 3 <= bytes.count {
            if bytes[index] == ellipsis[0], bytes[index..<(index + 3)].elementsEqual(ellipsis) {
                ends.append(index)
            }
            index += 1
        }
        var changed = false
        // From the back, so earlier positions stay valid after a replacement.
        for end in ends.sorted(by: >) {
            for k in stride(from: min(secret.count - 1, end), through: needed, by: -1)
            where k > 0 && bytes[(end - k)..<end].elementsEqual(secret[0..<k]) {
                bytes.replaceSubrange((end - k)..<end, with: replacementBytes)
                changed = true
                break
            }
        }
        return changed
    }

    /// Replaces masked forms of `secret`: a prefix of it, a mask run, optionally a suffix.
    private static func replaceMasked(_ secret: [UInt8], in bytes: inout [UInt8]) -> Bool {
        let needed = min(8, secret.count / 2)
        var changed = false
        var from = 0
        while let run = maskRun(in: bytes, from: from) {
            // The longest prefix of the secret that ends right before the run.
            var prefix = 0
            for k in stride(from: min(secret.count - 1, run.lowerBound), to: 0, by: -1)
            where bytes[(run.lowerBound - k)..<run.lowerBound].elementsEqual(secret[0..<k]) {
                prefix = k
                break
            }
            // The longest suffix of the secret that starts right after it.
            var suffix = 0
            for k in stride(
                from: min(secret.count - 1, bytes.count - run.upperBound), to: 0, by: -1)
            where bytes[run.upperBound..<(run.upperBound + k)].elementsEqual(
                secret[(secret.count - k)...])
            {
                suffix = k
                break
            }
            guard prefix >= 1, prefix + suffix >= needed else {
                from = run.upperBound
                continue
            }
            let range = (run.lowerBound - prefix)..<(run.upperBound + suffix)
            bytes.replaceSubrange(range, with: replacementBytes)
            changed = true
            from = range.lowerBound + replacementBytes.count
        }
        return changed
    }
}
