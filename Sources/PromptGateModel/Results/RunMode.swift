/// How a run gets its responses.
public enum RunMode: String, Sendable {
    /// Call the provider.
    case live
    /// Call the provider and write every response to suites/recordings/.
    case record
    /// Answer only from suites/recordings/; call nothing.
    case offline
}
