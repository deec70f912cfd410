import Foundation
import Metrics
import Testing

/// The pure metrics: tokenization, Levenshtein, ROUGE and BLEU against hand-computed and
/// published values.
@Suite struct MetricTextTests {
    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        abs(a - b) <= tolerance
    }

    @Test func wordsSplitOnPunctuationFoldCaseAndKeepScriptsWithoutSpacesPerCharacter() {
        #expect(
            TextMetrics.words("Hello, WORLD! Don’t panic: 3.14 + 1,000 Straße.")
                == ["hello", "world", "don't", "panic", "3.14", "+", "1,000", "strasse"])
        #expect(TextMetrics.words("state-of-the-art") == ["state", "of", "the", "art"])
        #expect(TextMetrics.words("東京は日本") == ["東", "京", "は", "日", "本"])
        // Thai: combining vowels stay with their consonant (one grapheme, one word each).
        #expect(TextMetrics.words("สวัสดี") == ["ส", "วั", "ส", "ดี"])
        #expect(TextMetrics.words("great 👍🏽 job") == ["great", "👍🏽", "job"])
        #expect(TextMetrics.words("  \n—…  ").isEmpty)
        #expect(TextMetrics.words("ΣΊΣΥΦΟΣ") == TextMetrics.words("σίσυφος"))
    }

    @Test func levenshteinCountsGraphemeClustersAndTreatsNFCAsNFD() {
        #expect(TextMetrics.levenshtein("kitten", "sitting") == 3)
        #expect(TextMetrics.levenshtein("", "abc") == 3)
        #expect(TextMetrics.levenshtein("abc", "") == 3)
        #expect(TextMetrics.levenshtein("", "") == 0)
        #expect(TextMetrics.levenshtein("flaw", "lawn") == 2)
        // Precomposed é (NFC) and e + combining acute (NFD) are the same character.
        #expect(TextMetrics.levenshtein("caf\u{E9}", "cafe\u{301}") == 0)
        #expect(TextMetrics.levenshtein("cafe", "caf\u{E9}") == 1)
        // A family emoji is one grapheme cluster of five scalars: one substitution.
        #expect(TextMetrics.levenshtein("hi 👨‍👩‍👧", "hi 👍") == 1)
        #expect(TextMetrics.levenshtein("Case", "case") == 1)
        #expect(TextMetrics.levenshteinSimilarity(distance: 3, "kitten", "sitting") == 1 - 3.0 / 7)
        #expect(TextMetrics.levenshteinSimilarity(distance: 0, "", "") == 1)
    }

    /// Google's rouge-score README example: target "The quick brown fox jumps over the lazy
    /// dog", prediction "The quick brown dog jumps on the log." → rouge1 P 0.75, R 0.6667,
    /// rougeL P 0.625, R 0.5556, F 0.5882.
    @Test func rougeMatchesThePublishedExample() {
        let reference = "The quick brown fox jumps over the lazy dog"
        let candidate = "The quick brown dog jumps on the log."
        let one = TextMetrics.rougeN(candidate: candidate, reference: reference, n: 1)
        #expect(one.matched == 6 && one.candidateCount == 8 && one.referenceCount == 9)
        #expect(close(one.recall, 6.0 / 9) && close(one.precision, 0.75))
        #expect(close(one.f1, 0.7058823529411765))
        // Bigrams: "the quick", "quick brown" match: 2 of 8 reference, 2 of 7 candidate.
        let two = TextMetrics.rougeN(candidate: candidate, reference: reference, n: 2)
        #expect(two.matched == 2 && two.candidateCount == 7 && two.referenceCount == 8)
        #expect(close(two.recall, 0.25))
        // LCS "the quick brown jumps the" = 5.
        let lcs = TextMetrics.rougeL(candidate: candidate, reference: reference)
        #expect(lcs.matched == 5)
        #expect(close(lcs.recall, 5.0 / 9) && close(lcs.precision, 0.625))
        #expect(close(lcs.f1, 0.5882352941176471))
    }

    @Test func rougeClipsRepeatedWordsAndHandlesEmptyTexts() {
        // "the the the" against "the cat": one "the" in the reference, so 1 match, not 3.
        let clipped = TextMetrics.rougeN(candidate: "the the the", reference: "the cat", n: 1)
        #expect(
            clipped.matched == 1 && close(clipped.recall, 0.5) && close(clipped.precision, 1.0 / 3))
        let emptyOutput = TextMetrics.rougeN(candidate: "", reference: "a b", n: 1)
        #expect(emptyOutput.recall == 0 && emptyOutput.f1 == 0)
        let emptyReference = TextMetrics.rougeL(candidate: "a b", reference: "")
        #expect(emptyReference.recall == 0 && emptyReference.f1 == 0)
        #expect(TextMetrics.rougeL(candidate: "", reference: "").f1 == 1)
        // One word has no bigrams on either side: identical texts still score 1.
        #expect(TextMetrics.rougeN(candidate: "Yes", reference: "yes!", n: 2).recall == 1)
        let same = "Le chat est sur le tapis"
        #expect(TextMetrics.rougeN(candidate: same, reference: same, n: 2).recall == 1)
        #expect(TextMetrics.rougeL(candidate: same, reference: same).f1 == 1)
    }

    /// NLTK's `sentence_bleu` docstring example (hypothesis1 against reference1 alone). A
    /// Python replica of NLTK's formula reproduces the docstring's values (0.4118 unsmoothed;
    /// 0.4490 with the old all-orders method2) and gives, with today's method2 (p₂…p₄ smoothed)
    /// on lower-cased words ("Party" = "party"):
    /// p₁ = 12/18, p₂ = (8+1)/(17+1), p₃ = (6+1)/(16+1), p₄ = (4+1)/(15+1), BP = 1 (18 > 16),
    /// BLEU = (2/3 · 1/2 · 7/17 · 5/16)^¼ = 0.45508704375633.
    @Test func bleuMatchesNLTKMethod2OnTheDocstringExample() {
        let hypothesis =
            "It is a guide to action which ensures that the military always obeys the commands "
            + "of the party"
        let reference =
            "It is a guide to action that ensures that the military will forever heed Party "
            + "commands"
        let score = TextMetrics.bleu(candidate: hypothesis, reference: reference)
        #expect(score.candidateLength == 18 && score.referenceLength == 16)
        #expect(score.brevityPenalty == 1)
        let expected = [2.0 / 3, 0.5, 7.0 / 17, 5.0 / 16]
        #expect(zip(score.precisions, expected).allSatisfy { close($0, $1) })
        #expect(close(score.score, 0.4550870437563329))
    }

    /// "the quick brown dog jumps on the log" (8 words) against "the quick brown fox jumps over
    /// the lazy dog" (9): p = 6/8, (2+1)/(7+1), (1+1)/(6+1), (0+1)/(5+1);
    /// BP = e^(1 − 9/8) = 0.8824969; BLEU = BP · (0.75 · 0.375 · 2/7 · 1/6)^¼ = 0.30021438562.
    @Test func bleuAppliesTheBrevityPenaltyAndSmoothsMissingFourGrams() {
        let score = TextMetrics.bleu(
            candidate: "The quick brown dog jumps on the log.",
            reference: "The quick brown fox jumps over the lazy dog")
        #expect(close(score.brevityPenalty, exp(1 - 9.0 / 8)))
        #expect(close(score.precisions[3], 1.0 / 6))
        #expect(close(score.score, 0.30021438562427966))
    }

    /// Japanese, one word per character: 10 against 11 characters, 9 shared in order.
    /// p = 9/10, (8+1)/(9+1), (7+1)/(8+1), (6+1)/(7+1); BP = e^(1 − 11/10); BLEU = 0.80613112.
    @Test func bleuOnTextWithoutSpaces() {
        let score = TextMetrics.bleu(candidate: "東京は日本の首都です", reference: "東京は日本の首都である")
        #expect(close(score.score, 0.8061311239553345))
    }

    @Test func bleuEdgeCases() {
        #expect(TextMetrics.bleu(candidate: "", reference: "a b c d").score == 0)
        #expect(TextMetrics.bleu(candidate: "a b c d", reference: "").score == 0)
        #expect(TextMetrics.bleu(candidate: "x y z", reference: "a b c").score == 0)
        // Identical texts score 1 at any length (effective order for short ones).
        for text in ["Yes.", "Thank you!", "Reset it in Settings", "東京", "a b c d e f g"] {
            #expect(close(TextMetrics.bleu(candidate: text, reference: text).score, 1))
        }
        #expect(
            TextMetrics.bleu(candidate: "Thank you", reference: "thank you").precisions.count == 2)
    }
}

@Suite struct MetricLevenshteinBandTests {
    /// The banded distance agrees with the full one whenever it is within the limit.
    @Test func bandedDistanceAgreesWithTheExactOne() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcé👍 ")
        for _ in 0..<300 {
            let a = String(
                (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                    alphabet.randomElement(using: &generator) ?? "a"
                })
            let b = String(
                (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                    alphabet.randomElement(using: &generator) ?? "a"
                })
            let exact = TextMetrics.levenshtein(a, b)
            for limit in 0...6 {
                let banded = TextMetrics.levenshtein(a, b, atMost: limit)
                #expect(banded == (exact <= limit ? exact : nil), "\(a) / \(b) limit \(limit)")
            }
        }
    }

    @Test func longTextsUseTheBandAndStayFast() throws {
        let reference = String(
            repeating: "The quick brown fox jumps over the lazy dog. ", count: 60)
        let output = reference.replacingOccurrences(of: "lazy", with: "lazy old")
        let start = ContinuousClock.now
        let near = try AssertionFixture.run(
            #"{"type":"levenshtein","value":"\#(reference)","threshold":400}"#, output)
        #expect(near.passed && near.reason == "edit distance 240 ≤ 400 from the reference")
        let far = try AssertionFixture.run(
            #"{"type":"levenshtein","value":"\#(reference)","threshold":10}"#,
            String(reference.reversed()))
        #expect(
            !far.passed && far.reason == "edit distance more than 64 exceeds 10 from the reference")
        #expect(far.score < 1)
        #expect(ContinuousClock.now - start < .seconds(10))
    }
}
