import Basics
import Foundation

extension AssertionSpec {
    /// Checks this assertion against one output. Never throws and never crashes: an assertion
    /// built without a required value fails with a reason saying so. Kinds this module does
    /// not evaluate (see ``AssertionKind/isEvaluatedLocally``) come back ``AssertionResult/skipped``.
    public func evaluate(_ ctx: AssertionContext) -> AssertionResult {
        if let evaluator = kind.evaluator {
            return AssertionResult(
                type: typeName, passed: false, score: 0,
                reason: "not evaluated: \(typeName) needs \(evaluator)", weight: weight,
                metric: metric, skipped: true)
        }
        let outcome = check(ctx)
        return AssertionResult(
            type: typeName, passed: outcome.passed,
            score: outcome.score ?? (outcome.passed ? 1 : 0),
            reason: outcome.reason, weight: weight, metric: metric)
    }

    /// Pass or fail with its one-line reason, `not-` already applied.
    struct Outcome {
        var passed: Bool
        var reason: String
        /// A graded score in 0…1; nil means 1 for a pass and 0 for a failure.
        var score: Double? = nil
    }

    private func check(_ ctx: AssertionContext) -> Outcome {
        let output = ctx.output
        switch kind {
        case .equals:
            guard let expected = value?.text else { return missingValue() }
            return checkEquals(expected, output)
        case .contains, .icontains:
            guard let needle = value?.text else { return missingValue() }
            return checkContains(needle, output, ignoringCase: kind == .icontains)
        case .containsAny, .containsAll:
            guard let needles = value?.texts, !needles.isEmpty else { return missingValue() }
            return kind == .containsAny
                ? checkContainsAny(needles, output) : checkContainsAll(needles, output)
        case .startsWith:
            guard let prefix = value?.text else { return missingValue() }
            return checkStartsWith(prefix, output)
        case .regex:
            guard let pattern = value?.text else { return missingValue() }
            return checkRegex(pattern, output)
        case .isJSON:
            return checkIsJSON(output)
        case .containsJSON:
            return checkContainsJSON(output)
        case .wordCount:
            return checkWordCount(output)
        case .latency:
            return checkLatency(ctx.latencyMs)
        case .language:
            guard let expected = value?.text else { return missingValue() }
            return checkLanguage(expected, ctx)
        case .levenshtein, .rougeN, .rougeL, .bleu:
            return checkTextMetric(output)
        case .jsonSchema:
            return checkJSONSchema(output, responseSchema: ctx.responseSchema)
        case .toolCalled, .toolArgs, .toolSequence, .toolCallCount, .validToolCall, .noToolCall:
            return checkTools(ctx)
        case .llmRubric, .factuality, .answerRelevance, .similar, .isRefusal, .cost, .command,
            .assertSet:
            return Outcome(passed: false, reason: "'\(typeName)' is not evaluated here")
        }
    }

    /// Picks the reason for the outcome: `holds` is whether the positive check held.
    func outcome(
        holds: Bool, pass: @autoclosure () -> String, fail: @autoclosure () -> String,
        negatedPass: @autoclosure () -> String, negatedFail: @autoclosure () -> String
    ) -> Outcome {
        switch (negated, holds) {
        case (false, true): return Outcome(passed: true, reason: pass())
        case (false, false): return Outcome(passed: false, reason: fail())
        case (true, false): return Outcome(passed: true, reason: negatedPass())
        case (true, true): return Outcome(passed: false, reason: negatedFail())
        }
    }

    private func missingValue() -> Outcome {
        Outcome(passed: false, reason: "'\(typeName)' has no value to check against")
    }

    private func checkEquals(_ expected: String, _ output: String) -> Outcome {
        let want = Self.trimmingTrailingWhitespace(expected)
        let got = Self.trimmingTrailingWhitespace(output)
        let holds = want == got
        let q = AssertionText.quote(want)
        return outcome(
            holds: holds, pass: "equals \(q)",
            fail: "expected to equal \(q), got \(AssertionText.quote(got)) "
                + "(first difference at char \(Self.firstDifference(want, got)))",
            negatedPass: "does not equal \(q)", negatedFail: "expected not to equal \(q)")
    }

    private func checkContains(_ needle: String, _ output: String, ignoringCase: Bool) -> Outcome {
        let at = Self.offset(of: needle, in: output, ignoringCase: ignoringCase)
        let q = AssertionText.quote(needle) + (ignoringCase ? " (ignoring case)" : "")
        return outcome(
            holds: at != nil, pass: "contains \(q)",
            fail: "expected to contain \(q), \(AssertionText.outputSummary(output))",
            negatedPass: "does not contain \(q)",
            negatedFail: "expected not to contain \(q), found at char \(at ?? 0)")
    }

    private func checkContainsAny(_ needles: [String], _ output: String) -> Outcome {
        let found = needles.lazy.compactMap { needle in
            Self.offset(of: needle, in: output, ignoringCase: false).map { (needle, $0) }
        }.first
        let list = AssertionText.quoteList(needles)
        return outcome(
            holds: found != nil, pass: "contains \(AssertionText.quote(found?.0 ?? ""))",
            fail: "expected to contain any of \(list), \(AssertionText.outputSummary(output))",
            negatedPass: "contains none of \(list)",
            negatedFail: "expected to contain none of \(list), found "
                + "\(AssertionText.quote(found?.0 ?? "")) at char \(found?.1 ?? 0)")
    }

    private func checkContainsAll(_ needles: [String], _ output: String) -> Outcome {
        let missing = needles.filter { Self.offset(of: $0, in: output, ignoringCase: false) == nil }
        let list = AssertionText.quoteList(needles)
        let missingList = AssertionText.quoteList(missing)
        return outcome(
            holds: missing.isEmpty, pass: "contains all of \(list)",
            fail: "expected to contain all of \(list), missing \(missingList); "
                + AssertionText.outputSummary(output),
            negatedPass: "does not contain all: missing \(missingList)",
            negatedFail: "expected not to contain all of \(list), found all")
    }

    private func checkStartsWith(_ prefix: String, _ output: String) -> Outcome {
        let q = AssertionText.quote(prefix)
        let start =
            output.isEmpty
            ? "output was empty" : "output starts with \(AssertionText.quote(output))"
        return outcome(
            holds: output.hasPrefix(prefix), pass: "starts with \(q)",
            fail: "expected to start with \(q), \(start)",
            negatedPass: "does not start with \(q)",
            negatedFail: "expected not to start with \(q), \(start)")
    }

    /// The 0-based character offset of `needle` in `output`, or nil. Case-insensitive search
    /// compares case-folded text and maps the offset back to the original characters.
    static func offset(of needle: String, in output: String, ignoringCase: Bool) -> Int? {
        if needle.isEmpty { return 0 }
        guard ignoringCase else {
            return output.range(of: needle).map {
                AssertionText.offset(of: $0.lowerBound, in: output)
            }
        }
        let isASCII = TextFolding.isASCII(output)
        if isASCII, TextFolding.isASCII(needle) {
            // Searched without a folded copy of the output.
            return TextFolding.asciiOffset(of: needle, in: output).map {
                AssertionText.offset(
                    of: output.utf8.index(output.startIndex, offsetBy: $0), in: output)
            }
        }
        let folded = TextFolding.caseFold(output)
        guard let range = folded.range(of: TextFolding.caseFold(needle)) else { return nil }
        let foldedOffset = AssertionText.offset(of: range.lowerBound, in: folded)
        if isASCII { return foldedOffset }
        // Folding can change lengths (ß → ss): walk the original until the folded text lines up.
        var consumed = 0
        var index = 0
        for character in output {
            if consumed >= foldedOffset { break }
            consumed += TextFolding.caseFold(String(character)).count
            index += 1
        }
        return index
    }

    static func trimmingTrailingWhitespace(_ text: String) -> String {
        var end = text.endIndex
        while end > text.startIndex {
            let previous = text.index(before: end)
            guard text[previous].isWhitespace else { break }
            end = previous
        }
        return String(text[..<end])
    }

    /// The 0-based offset of the first character where `a` and `b` differ.
    static func firstDifference(_ a: String, _ b: String) -> Int {
        var offset = 0
        for (x, y) in zip(a, b) {
            if x != y { break }
            offset += 1
        }
        return offset
    }
}
