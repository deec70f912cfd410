import Conversation
import JSON

/// What an assertion is checked against: one model output and how it was produced.
public struct AssertionContext: Sendable {
    /// The model's output text, unmodified (the final answer of a trajectory).
    public var output: String
    /// How long the provider took, in milliseconds; `nil` when not measured (e.g. a cache hit).
    public var latencyMs: Double?
    /// The case's template variables, for kinds that compare with the input.
    public var vars: [String: String]
    /// The case's input (the last user message sent to the model), for `language:
    /// same-as-input`; `nil` when unknown.
    public var input: String?
    /// Every step the model took; tool assertions check the calls of all steps. A one-step
    /// answer is one step (with its calls, if any).
    public var trajectory: [AgentStep]
    /// The tools the prompt version declares, for `valid-tool-call`.
    public var tools: [ToolSpec]
    /// The prompt version's `response_format` schema, for a `json-schema` assertion without
    /// its own schema.
    public var responseSchema: JSONValue?

    public init(
        output: String, latencyMs: Double? = nil, vars: [String: String] = [:],
        input: String? = nil, trajectory: [AgentStep] = [], tools: [ToolSpec] = [],
        responseSchema: JSONValue? = nil
    ) {
        self.output = output
        self.latencyMs = latencyMs
        self.vars = vars
        self.input = input
        self.trajectory = trajectory
        self.tools = tools
        self.responseSchema = responseSchema
    }

    /// Every tool call of the trajectory, in order.
    public var toolCalls: [ToolCall] { trajectory.allToolCalls }
}
