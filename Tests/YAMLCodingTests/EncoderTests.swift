import Foundation
import Testing
import YAMLCoding

/// A small deterministic generator so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private func roundTrip<T: Codable & Equatable>(_ value: T) throws -> (T, String) {
    let text = try YAMLEncoder().encode(value)
    return (try YAMLDecoder().decode(T.self, from: Data(text.utf8), file: "encoded.yaml"), text)
}

struct EncoderTests {
    @Test func blockStyleInEncodingOrderWithNilOmitted() throws {
        let suite = Suite(
            suite: "s", description: nil,
            cases: [
                TestCase(id: "a", vars: ["x": "1"], tags: ["t"], assert: nil, repeats: 2),
                TestCase(
                    id: "b", vars: nil, tags: [], assert: [Assertion(type: "contains", value: "y")],
                    repeats: nil),
            ])
        let expected = """
            suite: s
            cases:
            - id: a
              vars:
                x: '1'
              tags:
              - t
              repeats: 2
            - id: b
              tags: []
              assert:
              - type: contains
                value: 'y'

            """
        let encoded = try YAMLEncoder().encode(suite)
        #expect(encoded == expected)
        #expect(try roundTrip(suite).0 == suite)
    }

    @Test(arguments: [
        "yes", "no", "on", "off", "y", "n", "Y", "NO", "~", "null", "true", "False", "1.10",
        "0x1F", "12", "-3", ".5", "1e3", "2001-12-14", "", " lead", "trail ", "a: b", "#x",
        "a #b", "- x", "[x]", "{x}", "&a", "*a", "!t", "|", ">", "@x", "`x", "%x", "<<", "=",
        "'", "\"", "?", ":", "-", ".inf", ".nan",
    ])
    func ambiguousStringsAreQuoted(text: String) throws {
        let encoded = try YAMLEncoder().encode(["k": text])
        let value = encoded.dropFirst(3)
        #expect(value.first == "'" || value.first == "\"", "\(text) encoded as \(encoded)")
        #expect(try roundTrip(["k": text]).0 == ["k": text])
    }

    @Test func dictionaryKeysAreSorted() throws {
        let value = ["b": 1, "a": 2, "c": 3, "A": 4]
        #expect(try YAMLEncoder().encode(value) == "A: 4\na: 2\nb: 1\nc: 3\n")
        #expect(try YAMLEncoder().encode(["k": value]) == "k:\n  A: 4\n  a: 2\n  b: 1\n  c: 3\n")
    }

    @Test func plainStringsStayPlain() throws {
        #expect(try YAMLEncoder().encode(["k": "hello world"]) == "k: hello world\n")
        #expect(try YAMLEncoder().encode(["k": "v1.2-beta"]) == "k: v1.2-beta\n")
    }

    @Test func multiLineStringsUseLiteralBlocks() throws {
        let prompt = ["content": "You are a support assistant.\nAnswer in the user's language.\n"]
        #expect(
            try YAMLEncoder().encode(prompt)
                == "content: |\n  You are a support assistant.\n  Answer in the user's language.\n")
        #expect(
            try roundTrip(["a": "no final newline\nsecond"]).0 == ["a": "no final newline\nsecond"])
        #expect(try roundTrip(["a": "x\n\n\n"]).0 == ["a": "x\n\n\n"])
    }

    @Test func numbersAndBooleansRoundTrip() throws {
        let flags = Flags(enabled: false, count: -3, ratio: 0.1, small: 255)
        #expect(try roundTrip(flags).0 == flags)
        for ratio: Double in [.infinity, -.infinity, 1e300, .leastNonzeroMagnitude, 0, -0.5] {
            #expect(try roundTrip(Flags(ratio: ratio)).0.ratio == ratio)
        }
        #expect(try roundTrip(Flags(ratio: .nan)).0.ratio?.isNaN == true)
    }

    @Test func locatedEncodesJustItsValue() throws {
        #expect(
            try YAMLEncoder().encode([
                "k": Located("v", mark: YAMLMark(file: "f", line: 3, column: 1))
            ]) == "k: v\n")
    }

    /// decode(encode(x)) == x for random strings built from the characters that cause trouble.
    @Test func randomStringsRoundTrip() throws {
        let pieces: [String] = [
            "a", "Z", "0", "1.", "x", " ", "  ", "\n", "\n\n", "\t", "\r", "\r\n", ":", ": ", " #",
            "#",
            "'", "\"", "\\", "-", "- ", "?", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "%",
            "@", "`", "~", "yes", "null", "ü", "日本", "😀", "\u{85}", "\u{2028}", "\u{FEFF}",
            "\u{7}", "\u{0}", "---", "...", "<<", "e", ".inf",
        ]
        var generator = SplitMix64(state: 0x5EED)
        for _ in 0..<2000 {
            let length = Int.random(in: 0...8, using: &generator)
            let text = (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let key = (0..<Int.random(in: 0...3, using: &generator))
                .map { _ in pieces.randomElement(using: &generator)! }.joined()
            var value = ["plain": "x", "text": text, "joined": text + key]
            value[key] = text
            let (back, encoded) = try roundTrip(value)
            #expect(back == value, "\(value.debugDescription) encoded as:\n\(encoded)")
        }
    }
}
