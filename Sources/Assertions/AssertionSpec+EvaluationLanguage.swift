import Foundation
import LanguageDetection

extension AssertionSpec {
    /// `language`: the output's detected language is `expected` (a code or `same-as-input`).
    /// An output or input whose language cannot be detected fails, whether negated or not.
    func checkLanguage(_ expected: String, _ ctx: AssertionContext) -> Outcome {
        let detected = LanguageDetector.detect(ctx.output)
        guard detected.isKnown else {
            let size = ctx.output.isEmpty ? "an empty" : "a \(ctx.output.count)-char"
            return Outcome(
                passed: false, reason: "could not detect the language of \(size) output")
        }
        let got = Self.describe(detected)
        guard expected == Self.sameAsInput else {
            if let error = Self.languageError(expected) {
                return Outcome(passed: false, reason: error)
            }
            let want = Self.describe(code: expected)
            return outcome(
                holds: detected.code == expected, pass: "detected \(got)",
                fail: "expected language \(want), detected \(got)",
                negatedPass: "detected \(got), not \(want)",
                negatedFail: "expected a language other than \(want), detected \(got)")
        }
        guard let input = ctx.input else {
            return Outcome(
                passed: false,
                reason: "'\(Self.sameAsInput)' needs the case's input, but none was given")
        }
        let source = LanguageDetector.detect(input)
        guard source.isKnown else {
            let size = input.isEmpty ? "an empty" : "a \(input.count)-char"
            return Outcome(passed: false, reason: "could not detect the language of \(size) input")
        }
        let want = Self.describe(code: source.code)
        return outcome(
            holds: detected.code == source.code, pass: "detected \(got), the input's language",
            fail: "expected the input's language \(want), detected \(got)",
            negatedPass: "detected \(got), not the input's language \(want)",
            negatedFail: "expected a language other than the input's \(want), detected \(got)")
    }

    /// `es (Spanish)`.
    private static func describe(code: String) -> String {
        "\(code) (\(LanguageDetector.name(of: code) ?? code))"
    }

    /// `en (English, confidence 0.93)`.
    private static func describe(_ language: DetectedLanguage) -> String {
        let name = LanguageDetector.name(of: language.code) ?? language.code
        return "\(language.code) (\(name), confidence "
            + String(format: "%.2f", language.confidence) + ")"
    }
}
