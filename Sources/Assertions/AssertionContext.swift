/// What an assertion is checked against: one model output and how it was produced.
public struct AssertionContext: Sendable {
    /// The model's output text, unmodified.
    public var output: String
    /// How long the provider took, in milliseconds; `nil` when not measured (e.g. a cache hit).
    public var latencyMs: Double?
    /// The case's template variables, for kinds that compare with the input.
    public var vars: [String: String]
    /// The case's input (the last user message sent to the model), for `language:
    /// same-as-input`; `nil` when unknown.
    public var input: String?

    public init(
        output: String, latencyMs: Double? = nil, vars: [String: String] = [:],
        input: String? = nil
    ) {
        self.output = output
        self.latencyMs = latencyMs
        self.vars = vars
        self.input = input
    }
}
