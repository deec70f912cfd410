/// Which stored records an analysis looks at: `--since` and `--version`.
public struct FeedbackSelection: Sendable, Hashable {
    /// Only feedback given at or after this time (seconds since 1970).
    public var since: Double?
    /// Only feedback on this prompt version.
    public var version: String?

    public init(since: Double? = nil, version: String? = nil) {
        self.since = since
        self.version = version
    }

    /// Whether `record` is selected; without a readable time it is not, when `since` is set.
    public func includes(_ record: FeedbackRecord) -> Bool {
        if let version, record.promptVersion != version { return false }
        if let since {
            guard let text = record.createdAt, let time = FeedbackTime.parse(text) else {
                return false
            }
            return time >= since
        }
        return true
    }
}
