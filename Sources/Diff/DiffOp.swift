/// One run of a diff: text both sides share, text only the old side has, or text only the new
/// side has.
public enum DiffOp: Sendable, Hashable {
    case equal(String)
    case delete(String)
    case insert(String)

    /// The run's text, whatever its kind.
    public var text: String {
        switch self {
        case .equal(let s), .delete(let s), .insert(let s): return s
        }
    }

    /// Whether the run is a change (a deletion or an insertion).
    public var isChange: Bool {
        if case .equal = self { return false }
        return true
    }
}
