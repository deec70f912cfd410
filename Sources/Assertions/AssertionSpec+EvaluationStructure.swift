import Basics
import Foundation

/// The checks on an output's form rather than its text: regex, JSON, length and latency.
extension AssertionSpec {
    func checkRegex(_ pattern: String, _ output: String) -> Outcome {
        let q = AssertionText.quote(pattern)
        let regex: RegexMatcher
        switch CompiledRegex.compile(pattern) {
        case .success(let compiled): regex = compiled
        case .failure(let error):
            return Outcome(
                passed: false, reason: "invalid regular expression \(q): \(error.reason)")
        }
        let match = regex.firstMatch(in: output)
        // ICU matches code points, so a match may start or end inside a character (an `e`
        // before a combining accent): the quote shows exactly the scalars matched.
        let matched = match.map {
            "matched \(AssertionText.quote(String(output.unicodeScalars[$0]))) at char "
                + "\(AssertionText.offset(of: $0.lowerBound, in: output))"
        }
        return outcome(
            holds: match != nil, pass: "regex \(q) \(matched ?? "")",
            fail: "regex \(q) did not match", negatedPass: "regex \(q) did not match",
            negatedFail: "regex \(q) \(matched ?? ""), expected no match")
    }

    func checkIsJSON(_ output: String) -> Outcome {
        let text = output.trimmingCharacters(in: .whitespacesAndNewlines)
        var problem: String?
        if text.isEmpty {
            problem = "output is empty"
        } else {
            do {
                _ = try JSONSerialization.jsonObject(
                    with: Data(text.utf8), options: .fragmentsAllowed)
            } catch {
                problem = Self.describeJSONError(error)
            }
        }
        let kindName = Self.jsonKindName(text.first)
        return outcome(
            holds: problem == nil, pass: "valid JSON (\(kindName))",
            fail: "expected valid JSON: \(problem ?? "")",
            negatedPass: "not valid JSON: \(problem ?? "")",
            negatedFail: "expected invalid JSON, output is a JSON \(kindName)")
    }

    func checkContainsJSON(_ output: String) -> Outcome {
        let found = AssertionJSONFinder.find(in: output)
        let description = found.map { found -> String in
            let index = output.utf8.index(output.startIndex, offsetBy: found.byteOffset)
            let kindName = found.isObject ? "object" : "array"
            return "JSON \(kindName) at char \(AssertionText.offset(of: index, in: output))"
        }
        let none = "no JSON object or array found in output"
        return outcome(
            holds: found != nil, pass: "contains a \(description ?? "")", fail: none,
            negatedPass: none, negatedFail: "expected no JSON, found a \(description ?? "")")
    }

    func checkWordCount(_ output: String) -> Outcome {
        let count = AssertionWordCounter.count(output)
        let lowOK = min.map { Double(count) >= $0 } ?? true
        let highOK = max.map { Double(count) <= $0 } ?? true
        let expected: String
        let outside: String
        switch (min.map(AssertionText.number), max.map(AssertionText.number)) {
        case (let low?, let high?):
            expected = "\(low)…\(high) words"
            outside = "a word count outside \(low)…\(high)"
        case (let low?, nil):
            expected = "at least \(low) words"
            outside = "fewer than \(low) words"
        case (nil, let high?):
            expected = "at most \(high) words"
            outside = "more than \(high) words"
        case (nil, nil):
            return Outcome(passed: false, reason: "'\(typeName)' needs min and/or max")
        }
        let got = count == 1 ? "1 word" : "\(count) words"
        return outcome(
            holds: lowOK && highOK, pass: "\(got) (expected \(expected))",
            fail: "expected \(expected), got \(count)",
            negatedPass: "\(got) (expected \(outside))",
            negatedFail: "expected \(outside), got \(count)")
    }

    func checkLatency(_ latencyMs: Double?) -> Outcome {
        guard let limit = max else {
            return Outcome(passed: false, reason: "'\(typeName)' needs max (milliseconds)")
        }
        guard let latencyMs, latencyMs.isFinite else {
            return Outcome(passed: false, reason: "no latency measured for this output")
        }
        let took = "latency \(Self.milliseconds(latencyMs)) ms"
        let limitText = "\(Self.milliseconds(limit)) ms"
        return outcome(
            holds: latencyMs <= limit, pass: "\(took) ≤ \(limitText)",
            fail: "\(took) exceeds \(limitText)", negatedPass: "\(took) exceeds \(limitText)",
            negatedFail: "\(took) is within \(limitText), expected more")
    }

    /// Milliseconds to one decimal place at most: `4210`, `3000.4`.
    private static func milliseconds(_ value: Double) -> String {
        AssertionText.number((value * 10).rounded() / 10)
    }

    /// Foundation's parse error description, e.g. `Invalid value around character 0`.
    private static func describeJSONError(_ error: any Error) -> String {
        let nsError = error as NSError
        let detail =
            (nsError.userInfo[NSDebugDescriptionErrorKey] as? String)
            ?? nsError.localizedDescription
        let line = detail.split(whereSeparator: \.isNewline).first.map(String.init) ?? detail
        return line.hasSuffix(".") ? String(line.dropLast()) : line
    }

    /// What JSON value a text starting with `first` is.
    private static func jsonKindName(_ first: Character?) -> String {
        switch first {
        case "{": return "object"
        case "[": return "array"
        case "\"": return "string"
        case "t", "f": return "boolean"
        case "n": return "null"
        default: return "number"
        }
    }
}
