import Assertions
import Foundation
import Testing

@Suite struct AssertionUnicodeTests {
    typealias F = AssertionFixture

    @Test func caseFoldingHandlesSharpSAndDottedI() throws {
        #expect(try F.run(#"{"type":"icontains","value":"STRASSE"}"#, "Die Straße ist lang").passed)
        #expect(try F.run(#"{"type":"icontains","value":"straße"}"#, "DIE STRASSE").passed)
        #expect(
            try F.run(#"{"type":"icontains","value":"istanbul"}"#, "İstanbul'a hoş geldiniz").passed
        )
        #expect(
            try F.run(#"{"type":"icontains","value":"İSTANBUL"}"#, "welcome to istanbul").passed)
        #expect(try F.run(#"{"type":"icontains","value":"ΣΟΦΟΣ"}"#, "ο σοφός").passed == false)
        #expect(try F.run(#"{"type":"icontains","value":"ΣΟΦΌΣ"}"#, "ο σοφός").passed)
        // Exact contains stays exact.
        #expect(try F.run(#"{"type":"contains","value":"STRASSE"}"#, "Die Straße").passed == false)
    }

    @Test func caseInsensitiveOffsetsPointIntoTheOriginalText() throws {
        // Folding turns ß into ss; the reported offset is still the original character offset.
        let result = try F.run(
            #"{"type":"not-icontains","value":"ärger"}"#, "Straße ist lang, ÄRGER")
        #expect(
            result.reason == "expected not to contain 'ärger' (ignoring case), found at char 17")
    }

    @Test func emojiAndCJKCountAsCharacters() throws {
        let found = try F.run(#"{"type":"not-contains","value":"密码"}"#, "请重置您的密码。")
        #expect(found.reason == "expected not to contain '密码', found at char 5")
        let emoji = try F.run(#"{"type":"not-contains","value":"job"}"#, "Great 👍🏽 job")
        #expect(emoji.reason == "expected not to contain 'job', found at char 8")
        #expect(try F.run(#"{"type":"contains","value":"👍🏽"}"#, "Great 👍🏽 job").passed)
        let quoted = try F.run(#"{"type":"contains","value":"x"}"#, "👨‍👩‍👧 family\r\nline two")
        #expect(
            quoted.reason == "expected to contain 'x', output was 17 chars: '👨‍👩‍👧 family⏎line two'")
        #expect(try F.run(#"{"type":"starts-with","value":"¿"}"#, "¿Cómo?").passed)
    }

    @Test(arguments: [
        ("- **Bold** item — don't stop at state-of-the-art 1,000", 7),
        ("请重置您的密码。", 7),
        ("iPhone用户", 3),
        ("東京タワー", 4),
        ("สวัสดีครับ", 7),
        ("비밀번호를 재설정하세요", 2),
        ("café résumé naïve", 3),
        ("cafe\u{301} noir", 2),
        ("👍 🎉 ---", 0),
        ("", 0),
        ("  \n\t ", 0),
        ("one\ntwo\u{00A0}three", 3),
    ])
    func wordsAreCountedUnicodeAware(text: String, count: Int) throws {
        let result = try F.run(#"{"type":"word-count","min":0,"max":0}"#, text)
        let expected =
            count == 0 ? "0 words (expected 0…0 words)" : "expected 0…0 words, got \(count)"
        #expect(result.reason == expected)
    }

    @Test(.timeLimit(.minutes(1)))
    func megabyteOutputsAreFast() throws {
        let filler = String(repeating: "lorem ipsum dolor sit amet, ", count: 38_000)
        let big = filler + "Bearer {\"token\": \"abc\"} ÄRGER"
        #expect(big.utf8.count > 1_000_000)
        let checks: [(json: String, passes: Bool)] = [
            (#"{"type":"contains","value":"Bearer"}"#, true),
            (#"{"type":"not-contains","value":"Bearer"}"#, false),
            (#"{"type":"icontains","value":"ärger"}"#, true),
            (#"{"type":"not-icontains","value":"BEARER"}"#, false),
            (#"{"type":"contains-all","value":["Bearer","zzz"]}"#, false),
            (#"{"type":"regex","value":"Bear+er"}"#, true),
            (#"{"type":"word-count","max":100}"#, false),
            (#"{"type":"contains-json"}"#, true),
            (#"{"type":"is-json"}"#, false),
            (#"{"type":"equals","value":"x"}"#, false),
            (#"{"type":"starts-with","value":"lorem"}"#, true),
        ]
        let specs = try checks.map { try F.spec($0.json) }
        var results: [AssertionResult] = []
        let elapsed = ContinuousClock().measure {
            results = specs.map { $0.evaluate(AssertionContext(output: big)) }
        }
        #expect(results.map(\.passed) == checks.map(\.passes))
        #expect(results[3].reason.hasSuffix("found at char 1064000"))
        #expect(elapsed < .seconds(30), "took \(elapsed)")
    }

    @Test(.timeLimit(.minutes(1)))
    func pathologicalJSONSearchStaysBounded() throws {
        let spec = try F.spec(#"{"type":"contains-json"}"#)
        let cases = [
            String(repeating: "{", count: 1_000_000),
            String(repeating: "[", count: 500_000) + "{\"a\": 1}",
            String(repeating: "{\"", count: 300_000) + "[1]",
            String(repeating: "{\"a\": \"", count: 150_000),
            String(repeating: "{}", count: 300_000),
        ]
        for output in cases {
            let elapsed = ContinuousClock().measure {
                _ = spec.evaluate(AssertionContext(output: output))
            }
            #expect(elapsed < .seconds(30), "took \(elapsed) for \(output.prefix(10))")
        }
        #expect(try F.run(#"{"type":"contains-json"}"#, cases[1]).passed)
        #expect(try F.run(#"{"type":"contains-json"}"#, cases[0]).passed == false)
    }
}
