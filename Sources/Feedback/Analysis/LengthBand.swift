/// How long a user's message is, in characters, in four bands a reader can act on.
public enum LengthBand: String, Sendable, Hashable, CaseIterable {
    case short
    case medium
    case long
    case veryLong = "very-long"

    /// The band of a text of `characters` characters.
    public init(characters: Int) {
        switch characters {
        case ..<50: self = .short
        case ..<200: self = .medium
        case ..<1000: self = .long
        default: self = .veryLong
        }
    }

    /// `under 50 characters`, `50–199 characters`, …
    public var range: String {
        switch self {
        case .short: "under 50 characters"
        case .medium: "50–199 characters"
        case .long: "200–999 characters"
        case .veryLong: "1000 characters or more"
        }
    }
}
