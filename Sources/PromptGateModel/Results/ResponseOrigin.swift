/// Where a result's output came from.
public enum ResponseOrigin: String, Sendable, Hashable, Codable, CaseIterable {
    /// Sent to the provider by this run.
    case live
    /// The store's response cache, or an identical request in flight at the same time.
    case cache
    /// suites/recordings/ (`--offline`).
    case recording

    /// Whether the output cost nothing this time: answered without a request.
    public var isReplay: Bool { self != .live }
}
