import Basics
import Foundation
import Testing

@testable import Providers

/// The hand-written canonical request JSON is byte for byte what JSONSerialization writes:
/// request keys (cache and recordings) must not change with the writer.
@Suite struct CanonicalJSONTests {
    static let awkward: [String] = [
        "", "plain", "quote \" backslash \\ slash / done", "tab\tnew\nline\rcr",
        "\u{0}\u{1}\u{8}\u{b}\u{c}\u{e}\u{f}\u{10}\u{1a}\u{1f}\u{7f}", "é ß 中文 😀 \u{2028}\u{feff}",
        "{{ not a template }}", "e\u{301} combining", "\u{600}\"prepended mark before a quote",
    ]

    static func request(_ content: String, params: ModelParams) -> ModelRequest {
        ModelRequest(
            providerName: "p", providerType: "openai", baseURL: "http://127.0.0.1:1/v1?a=b&c",
            model: "gpt-4o-mini",
            messages: [
                ChatMessage(role: "system", content: "You are \(content)"),
                ChatMessage(role: "user", content: content),
            ], params: params)
    }

    @Test(arguments: awkward) func sameBytesAsJSONSerialization(_ text: String) {
        let params = [
            ModelParams(), ModelParams(temperature: 0, maxTokens: 400),
            ModelParams(
                temperature: 0.7, maxTokens: 1, topP: 0.95, seed: 42, stop: ["\n", text],
                responseFormat: .object(["type": .string("json_object"), "a10": .number("1.5")])),
        ]
        for p in params {
            let request = Self.request(text, params: p)
            #expect(request.canonicalJSON == request.referenceCanonicalJSON)
        }
    }

    @Test func randomStringsAgree() {
        var generator = SystemRandomNumberGenerator()
        let pool: [Unicode.Scalar] =
            (0..<0x80).compactMap(Unicode.Scalar.init) + ["é", "中", "😀", "\u{2028}", "\u{a0}"]
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<Int.random(in: 0..<40, using: &generator) {
                text.unicodeScalars.append(pool.randomElement(using: &generator) ?? "a")
            }
            let request = Self.request(text, params: ModelParams(temperature: 0))
            #expect(
                request.canonicalJSON == request.referenceCanonicalJSON,
                "\(Array(text.unicodeScalars))")
        }
    }

    /// Long text is escaped a chunk at a time: the chunks never split a character, and text
    /// appended to a report is the same literal as on its own.
    @Test func longTextIsEscapedWhole() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["中文", "😀", "e\u{301}", "\"", "\\", "\n", "plain ", "é", "\u{1}"]
        for _ in 0..<20 {
            var text = ""
            for _ in 0..<Int.random(in: 20_000..<60_000, using: &generator) {
                text += pieces.randomElement(using: &generator) ?? "a"
            }
            let literal = CanonicalJSON.string(text)
            let reference = try JSONSerialization.data(
                withJSONObject: text, options: [.fragmentsAllowed, .withoutEscapingSlashes])
            #expect(Array(literal.utf8) == Array(reference))
            var report = "x: "
            CanonicalJSON.append(text, to: &report)
            #expect(Array(report.utf8) == Array(("x: " + literal).utf8))
        }
    }
}
