import Assertions
import Engine
import Foundation
import Testing

/// Reading `{pass, score, reason}` from what judges really answer.
@Suite struct GradingVerdictTests {
    @Test func plainJSON() throws {
        let v = try #require(JudgeVerdict.parse(#"{"pass": true, "score": 0.8, "reason": "ok"}"#))
        #expect(v == JudgeVerdict(pass: true, score: 0.8, reason: "ok"))
    }

    @Test func fencedBlockAmongProse() throws {
        let text = """
            Here is my assessment of the output.

            ```json
            {"reason": "It explains the reset", "pass": true, "score": 0.9}
            ```
            Let me know if you need more.
            """
        let v = try #require(JudgeVerdict.parse(text))
        #expect(v.pass && v.score == 0.9 && v.reason == "It explains the reset")
    }

    @Test func objectInsideProseWithBracesInStrings() throws {
        let text =
            #"I think {this} is fine: {"pass": false, "reason": "uses {{ braces }}", "score": 0.1}."#
        let v = try #require(JudgeVerdict.parse(text))
        #expect(!v.pass && v.score == 0.1 && v.reason == "uses {{ braces }}")
    }

    @Test(arguments: [
        (#""yes""#, true), (#""no""#, false), ("true", true), ("false", false),
        (#""true""#, true), (#""False""#, false), ("1", true), ("0", false),
        (#""PASS""#, true), (#""fail""#, false),
    ])
    func passSpellings(spelling: String, expected: Bool) throws {
        let v = try #require(JudgeVerdict.parse(#"{"pass": \#(spelling), "reason": "r"}"#))
        #expect(v.pass == expected)
        // No score: 1 for a pass, 0 for a failure.
        #expect(v.score == (expected ? 1 : 0))
    }

    @Test func scoresAsNumbersOrTextAreClamped() throws {
        #expect(JudgeVerdict.parse(#"{"pass": true, "score": "0.75"}"#)?.score == 0.75)
        #expect(JudgeVerdict.parse(#"{"pass": true, "score": 7}"#)?.score == 1)
        #expect(JudgeVerdict.parse(#"{"pass": false, "score": -2}"#)?.score == 0)
        #expect(JudgeVerdict.parse(#"{"pass": true, "score": "80%"}"#)?.score == 0.8)
        // A score without pass decides pass at 0.5.
        #expect(JudgeVerdict.parse(#"{"score": 0.4}"#)?.pass == false)
        #expect(JudgeVerdict.parse(#"{"score": 0.6}"#)?.pass == true)
        // A boolean is not a score.
        #expect(JudgeVerdict.parse(#"{"pass": true, "score": true}"#)?.score == 1)
    }

    @Test func pythonishAndSloppyObjectsAreRepaired() throws {
        let single = try #require(
            JudgeVerdict.parse("Sure! {'pass': False, 'score': 0.2, 'reason': 'too \"rude\"'}"))
        #expect(!single.pass && single.score == 0.2 && single.reason == #"too "rude""#)
        let bare = try #require(JudgeVerdict.parse("{pass: yes, score: 0.9, reason: fine,}"))
        #expect(bare.pass && bare.score == 0.9 && bare.reason == "fine")
        let keys = try #require(JudgeVerdict.parse(#"{"PASS": "Yes", "Reason": "ok"}"#))
        #expect(keys.pass && keys.reason == "ok")
    }

    @Test func nestedVerdictAndLaterObjects() throws {
        let nested = try #require(
            JudgeVerdict.parse(#"{"result": {"pass": false, "score": 0.3, "reason": "no"}}"#))
        #expect(!nested.pass && nested.score == 0.3)
        // An object without a verdict is passed over for the next one.
        let second = try #require(
            JudgeVerdict.parse(#"Input was {"q": "hi"}. Verdict: {"pass": true, "score": 1}"#))
        #expect(second.pass)
    }

    @Test(arguments: [
        "", "   ", "The output passes.", "PASS", #"{"reason": "no verdict here"}"#,
        #"{"pass": "maybe", "reason": "unsure"}"#, "{pass: ", "```json\n{\"pass\":\n```",
        #"["pass", true]"#, String(repeating: "{", count: 5000),
    ])
    func unparseableVerdictsAreNil(text: String) {
        #expect(JudgeVerdict.parse(text) == nil)
    }

    @Test func factualityCategories() throws {
        let v = try #require(
            JudgeVerdict.parse(#"{"category": "Different but irrelevant", "reason": "style"}"#))
        #expect(v.category == .differentButIrrelevant && v.pass)
        let d = try #require(JudgeVerdict.parse(#"{"choice": "D", "reason": "contradicts"}"#))
        #expect(d.category == .disagrees && !d.pass && d.score == 0)
        #expect(FactualityCategory(loose: "SUPERSET.") == .superset)
        #expect(FactualityCategory(loose: "maybe") == nil)
        #expect(FactualityCategory.allCases.filter { !$0.passesByDefault } == [.disagrees])
    }

    @Test func aVerdictWithoutPassSaysSo() throws {
        let noPass = try #require(
            JudgeVerdict.parse(
                #"{"reason": "The output does not meet the rubric.", "score": 0.5}"#))
        #expect(!noPass.passStated && noPass.score == 0.5)
        let stated = try #require(JudgeVerdict.parse(#"{"pass": true, "score": 0.1}"#))
        #expect(stated.passStated && stated.pass && stated.score == 0.1)
        let category = try #require(JudgeVerdict.parse(#"{"category": "same"}"#))
        #expect(category.passStated)
    }

    @Test func hugeRepliesAreBounded() {
        let junk = String(repeating: "{\"a\": [", count: 20_000) + "x"
        let start = ContinuousClock.now
        #expect(JudgeVerdict.parse(junk) == nil)
        #expect(ContinuousClock.now - start < .seconds(5))
    }
}
