import PromptGateModel

/// One piece of production feedback with the request it is about.
///
/// Every field is optional because exports differ; import rejects a record that has neither
/// `userInput` nor `response`, and fills `feedbackType` from the fields present when the
/// export does not say.
public struct FeedbackRecord: Sendable, Hashable {
    /// The export's own id, when it has one (numbers are kept as their decimal text).
    public var id: String?
    /// When the feedback was given; ISO 8601 text (epoch numbers are converted on import).
    public var createdAt: String?
    public var sessionID: String?
    public var requestID: String?
    public var feedbackType: FeedbackType?
    /// Thumbs: +1 up, -1 down.
    public var rating: Int?
    /// 1–5 stars.
    public var stars: Int?
    public var signal: ImplicitSignal?
    public var comment: String?
    /// What the answer should have been, as written by the user or an agent.
    public var correction: String?
    /// The response as the user edited it before using it.
    public var editedText: String?
    /// What the user asked next (a follow-up often means the answer missed).
    public var followUpText: String?
    public var systemPrompt: String?
    public var userInput: String?
    public var response: String?
    public var model: String?
    public var promptVersion: String?
    public var latencyMs: Double?

    public init(
        id: String? = nil, createdAt: String? = nil, sessionID: String? = nil,
        requestID: String? = nil, feedbackType: FeedbackType? = nil, rating: Int? = nil,
        stars: Int? = nil, signal: ImplicitSignal? = nil, comment: String? = nil,
        correction: String? = nil, editedText: String? = nil, followUpText: String? = nil,
        systemPrompt: String? = nil, userInput: String? = nil, response: String? = nil,
        model: String? = nil, promptVersion: String? = nil, latencyMs: Double? = nil
    ) {
        self.id = id
        self.createdAt = createdAt
        self.sessionID = sessionID
        self.requestID = requestID
        self.feedbackType = feedbackType
        self.rating = rating
        self.stars = stars
        self.signal = signal
        self.comment = comment
        self.correction = correction
        self.editedText = editedText
        self.followUpText = followUpText
        self.systemPrompt = systemPrompt
        self.userInput = userInput
        self.response = response
        self.model = model
        self.promptVersion = promptVersion
        self.latencyMs = latencyMs
    }

    /// Rewrites the free-text fields (comment, correction, edited and follow-up text, system
    /// prompt, user input, response) with `transform`. Identifiers (ids, model, version) are
    /// left alone: they join feedback with outcomes and prompt versions.
    public mutating func transformText(_ transform: (String) -> String) {
        comment = comment.map(transform)
        correction = correction.map(transform)
        editedText = editedText.map(transform)
        followUpText = followUpText.map(transform)
        systemPrompt = systemPrompt.map(transform)
        userInput = userInput.map(transform)
        response = response.map(transform)
    }
}

/// How the feedback was given.
public enum FeedbackType: String, Sendable, Hashable, CaseIterable, Decodable {
    /// Thumbs or stars.
    case explicit
    /// Something the user did: copied, edited, regenerated, asked again.
    case implicit
    /// A comment or a correction.
    case detailed
}
