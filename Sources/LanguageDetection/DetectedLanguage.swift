/// The language ``LanguageDetector`` found in a text.
public struct DetectedLanguage: Sendable, Hashable {
    /// An ISO 639-1 code from ``LanguageDetector/supportedCodes``, or ``unknownCode``.
    public var code: String
    /// How sure the detector is, 0…1; 0 when the code is ``unknownCode``.
    public var confidence: Double

    /// The code of a text whose language could not be told: too short, ambiguous or in a
    /// language the detector does not know.
    public static let unknownCode = "unknown"

    /// A text whose language could not be detected.
    public static let unknown = DetectedLanguage(code: unknownCode, confidence: 0)

    public init(code: String, confidence: Double) {
        self.code = code
        self.confidence = confidence
    }

    /// Whether a language was detected (the code is not ``unknownCode``).
    public var isKnown: Bool { code != Self.unknownCode }
}
