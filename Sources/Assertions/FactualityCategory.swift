import Foundation

/// How the judge relates an output to the reference of a `factuality` assertion.
public enum FactualityCategory: String, Sendable, Hashable, CaseIterable, Codable,
    CodingKeyRepresentable
{
    /// The output is a consistent subset of the reference.
    case subset
    /// The output is a consistent superset: all of the reference, and more.
    case superset
    /// The output has the same details as the reference.
    case same
    /// The output disagrees with the reference.
    case disagrees
    /// They differ, but not in ways that matter for factuality.
    case differentButIrrelevant = "different-but-irrelevant"

    /// The documented default: everything passes except ``disagrees``.
    public var passesByDefault: Bool { self != .disagrees }

    /// Reads a judge's or a user's spelling: case, spaces and underscores do not matter, the
    /// letters A–E of the classic prompt are accepted, and `irrelevant`, `different`,
    /// `disagree`, `contradicts` and `equal` are aliases.
    public init?(loose text: String) {
        let trimmed = text.trimmingCharacters(
            in: .whitespacesAndNewlines.union(.punctuationCharacters))
        let key = trimmed.lowercased().replacingOccurrences(of: "_", with: "-")
            .replacingOccurrences(of: " ", with: "-")
        if let exact = Self(rawValue: key) {
            self = exact
            return
        }
        switch key {
        case "a": self = .subset
        case "b": self = .superset
        case "c", "equal", "equivalent", "identical": self = .same
        case "d", "disagree", "disagreement", "contradicts", "contradiction": self = .disagrees
        case "e", "irrelevant", "different", "differs", "different-irrelevant":
            self = .differentButIrrelevant
        default: return nil
        }
    }
}
