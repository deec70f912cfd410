import Assertions
import Foundation
import Testing

/// `levenshtein`, `rouge-n`, `rouge-l` and `bleu` as suite assertions: decoding and results.
@Suite struct MetricAssertionTests {
    typealias F = AssertionFixture

    @Test func levenshteinPassesUpToTheThresholdAndShowsTheDistance() throws {
        let spec = #"{"type":"levenshtein","value":"kitten","threshold":3}"#
        let pass = try F.run(spec, "sitting")
        #expect(pass.passed && !pass.skipped)
        #expect(pass.reason == "edit distance 3 ≤ 3 from the reference")
        #expect(abs(pass.score - (1 - 3.0 / 7)) < 1e-12)
        let fail = try F.run(#"{"type":"levenshtein","value":"kitten","threshold":2}"#, "sitting")
        #expect(!fail.passed && fail.reason == "edit distance 3 exceeds 2 from the reference")
        let nfd = try F.run(#"{"type":"levenshtein","value":"café","threshold":0}"#, "cafe\u{301}")
        #expect(nfd.passed && nfd.score == 1)
        let negated = try F.run(#"{"type":"not-levenshtein","value":"abc","threshold":0}"#, "abd")
        #expect(negated.passed && negated.reason == "edit distance 1 exceeds 0 from the reference")
        #expect(abs(negated.score - 1.0 / 3) < 1e-12)
        // An empty reference is allowed: the distance is the output's length.
        #expect(try F.run(#"{"type":"levenshtein","value":"","threshold":0}"#, "").passed)
    }

    @Test func rougeNUsesRecallWithNDefaultingToOne() throws {
        let reference = "The quick brown fox jumps over the lazy dog"
        let output = "The quick brown dog jumps on the log."
        let one = try F.run(
            #"{"type":"rouge-n","value":"\#(reference)","threshold":0.6}"#, output)
        #expect(one.passed && abs(one.score - 6.0 / 9) < 1e-12)
        #expect(
            one.reason
                == "ROUGE-1 recall 0.667 ≥ 0.6 (6 of 9 reference words matched, precision 0.75)")
        let two = try F.run(
            #"{"type":"rouge-n","n":2,"value":"\#(reference)","threshold":0.6}"#, output)
        #expect(!two.passed && two.score == 0.25)
        #expect(
            two.reason
                == "ROUGE-2 recall 0.25 is below 0.6 (2 of 8 reference bigrams matched, "
                + "precision 0.286)")
        let negated = try F.run(
            #"{"type":"not-rouge-n","n":2,"value":"\#(reference)","threshold":0.6}"#, output)
        #expect(negated.passed && negated.score == 0.75)
    }

    @Test func rougeLAndBleuReportTheirScores() throws {
        let reference = "The quick brown fox jumps over the lazy dog"
        let output = "The quick brown dog jumps on the log."
        let lcs = try F.run(
            #"{"type":"rouge-l","value":"\#(reference)","threshold":0.5,"metric":"overlap"}"#,
            output)
        #expect(lcs.passed && lcs.metric == "overlap")
        #expect(
            lcs.reason
                == "ROUGE-L F1 0.588 ≥ 0.5 (common subsequence of 5 words; recall 0.556, "
                + "precision 0.625)")
        let bleu = try F.run(#"{"type":"bleu","value":"\#(reference)","threshold":0.3}"#, output)
        #expect(bleu.passed && abs(bleu.score - 0.30021438562427966) < 1e-12)
        #expect(
            bleu.reason
                == "BLEU 0.3 ≥ 0.3 (n-gram precisions 0.75/0.375/0.286/0.167, brevity penalty "
                + "0.882)")
        let same = try F.run(#"{"type":"bleu","value":"Reset it","threshold":1}"#, "reset it.")
        #expect(same.passed && same.score == 1)
        let empty = try F.run(#"{"type":"bleu","value":"Reset it","threshold":0.1}"#, "")
        #expect(!empty.passed && empty.score == 0)
    }

    @Test(arguments: [
        (
            #"{"type":"bleu","value":"x"}"#,
            "'bleu' needs threshold, the least score that passes, e.g. "
                + #"{ type: bleu, value: "the reference text", threshold: 0.5 }"#, "type"
        ),
        (
            #"{"type":"levenshtein","threshold":2}"#,
            "'levenshtein' needs a value, e.g. "
                + #"{ type: levenshtein, value: "the reference text", threshold: 5 }"#, "type"
        ),
        (
            #"{"type":"levenshtein","value":"x","threshold":2.5}"#,
            "'levenshtein' threshold is a number of edits, a whole number; got 2.5", "threshold"
        ),
        (
            #"{"type":"rouge-l","value":"x","threshold":1.5}"#,
            "'rouge-l' threshold must be between 0 and 1, got 1.5", "threshold"
        ),
        (
            #"{"type":"rouge-n","value":"x","threshold":0.5,"n":3}"#,
            "'rouge-n' n must be 1 (unigrams) or 2 (bigrams)", "n"
        ),
        (
            #"{"type":"rouge-l","value":"x","threshold":0.5,"n":2}"#,
            "'rouge-l' does not take 'n'; only rouge-n does", "n"
        ),
        (
            #"{"type":"contains","value":"x","n":2}"#,
            "'contains' does not take 'n'; only rouge-n does", "n"
        ),
        (
            #"{"type":"bleu","value":"","threshold":0.5}"#,
            "'bleu' needs a non-empty reference text", "value"
        ),
        (
            #"{"type":"rouge-n","value":["a","b"],"threshold":0.5}"#,
            "'rouge-n' value must be one reference text, not a list", "value"
        ),
        (
            #"{"type":"bleu","value":"x","threshold":0.5,"max":3}"#,
            "'bleu' does not take 'max'", "max"
        ),
    ])
    func configurationErrorsNameTheKey(json: String, message: String, key: String) throws {
        let failure = try #require(F.failure(json))
        #expect(failure.message == message)
        #expect(failure.path.last == key)
    }

    @Test func metricAssertionsRoundTripThroughEncoding() throws {
        let json = #"{"type":"rouge-n","value":"a b","threshold":0.5,"n":2,"weight":2}"#
        let spec = try F.spec(json)
        #expect(spec.n == 2 && spec.threshold == 0.5 && spec.value == .string("a b"))
        let again = try JSONDecoder().decode(AssertionSpec.self, from: JSONEncoder().encode(spec))
        #expect(again == spec)
    }

    @Test func builtInCodeWithoutValueOrThresholdFailsInsteadOfCrashing() {
        let ctx = AssertionContext(output: "x")
        for kind in [AssertionKind.levenshtein, .rougeN, .rougeL, .bleu] {
            let noValue = AssertionSpec(kind: kind, threshold: 1).evaluate(ctx)
            #expect(!noValue.passed && !noValue.skipped)
            let noThreshold = AssertionSpec(kind: kind, value: .string("x")).evaluate(ctx)
            #expect(
                !noThreshold.passed && noThreshold.reason == "'\(kind.rawValue)' needs threshold")
        }
    }
}
