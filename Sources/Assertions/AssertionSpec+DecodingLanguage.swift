import Basics
import LanguageDetection

extension AssertionSpec {
    /// The `language` value that compares with the language of the case's input.
    public static let sameAsInput = "same-as-input"

    /// Why `value` is not a valid `language` value, or nil when it is: `unknown language code
    /// 'sp'; did you mean 'es'?`
    static func languageError(_ value: String) -> String? {
        if value == sameAsInput || LanguageDetector.supportedCodes.contains(value) { return nil }
        if let code = LanguageDetector.suggestedCode(for: value) {
            return "unknown language code '\(value)'; did you mean '\(code)'?"
        }
        if suggestion(for: value, among: [sameAsInput]) != nil {
            return "unknown language code '\(value)'; did you mean '\(sameAsInput)'?"
        }
        let codes = LanguageDetector.supportedCodes.joined(separator: ", ")
        return "unknown language code '\(value)'; use one of \(codes) or \(sameAsInput)"
    }
}
