import Providers
import Testing

/// A text redacted in pieces (a report written a slice at a time) comes out as the whole
/// text redacted at once, wherever the pieces end.
@Suite struct SecretRedactorStreamTests {
    static let key = "sk-test-SECRET-123"
    let redactor = SecretRedactor(values: [Self.key, "another-secret-value"])

    /// Feeds `pieces` and joins what comes back.
    func streamed(_ pieces: [String]) -> String {
        var stream = SecretRedactor.Stream(redactor)
        var out = ""
        for piece in pieces { out += stream.feed(piece) }
        return out + stream.finish()
    }

    static let filler = String(repeating: "plain text, no secret here. ", count: 400)

    @Test func aSecretSplitAtAnyByteIsRedacted() {
        let text = Self.filler + "Bearer " + Self.key + " and more " + Self.filler
        let start = Self.filler.utf8.count + 7
        for split in start...(start + Self.key.utf8.count) {
            let bytes = Array(text.utf8)
            let pieces = [
                String(decoding: bytes[..<split], as: UTF8.self),
                String(decoding: bytes[split...], as: UTF8.self),
            ]
            let out = streamed(pieces)
            #expect(out == redactor.redact(text), "split at \(split)")
            #expect(!out.contains("SECRET"))
        }
    }

    @Test func piecesOfEverySizeGiveTheWholeRedaction() {
        let parts = [
            Self.filler, "key: sk-test-SECR****-123, ", "masked sk-test-SE•••••\n",
            "cut sk-test-SECRE… ", "héllo ☃ “quoted” — ", "**bold** ***\n", Self.key,
            "another-secret-value", Self.filler,
        ]
        let text = String(repeating: parts.joined(), count: 6)
        let expected = redactor.redact(text)
        // Slices cut anywhere, even inside a multi-byte character.
        for size in [1, 7, 100, 4_099, 65_536] {
            let bytes = Array(text.utf8)
            var stream = SecretRedactor.Stream(redactor)
            var out: [UInt8] = []
            for start in stride(from: 0, to: bytes.count, by: size) {
                out += stream.feed(Array(bytes[start..<min(bytes.count, start + size)]))
            }
            out += Array(stream.finish().utf8)
            #expect(String(decoding: out, as: UTF8.self) == expected, "slices of \(size)")
        }
    }

    @Test func aSecretsStartEndingAPieceIsCutOffOnlyAtTheTextsEnd() {
        // The whole-text rule: a prefix of the key at the very end is a cut-off echo.
        let text = Self.filler + "sk-test-SECRET"
        #expect(streamed([text]) == Self.filler + "[REDACTED]")
        // In the middle of the text, where a piece happens to end, it is not.
        let continued = [text, " is a prefix", Self.filler]
        #expect(streamed(continued) == continued.joined())
    }

    @Test func givesBackAsItGoesAndHoldsOnlyATail() {
        var stream = SecretRedactor.Stream(redactor)
        let first = stream.feed(Self.filler)
        #expect(!first.isEmpty)
        #expect(Self.filler.hasPrefix(first))
        #expect(Self.filler.utf8.count - first.utf8.count < 200)
    }

    @Test func withoutSecretsPiecesPassStraightThrough() {
        var stream = SecretRedactor.Stream(.none)
        #expect(stream.feed("sk-test-SECRET-123 ab") == "sk-test-SECRET-123 ab")
        #expect(stream.finish() == "")
    }
}
