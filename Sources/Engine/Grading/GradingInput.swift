import Assertions
import Templates

/// One output to grade, with what graded assertions may need about its case.
public struct GradingInput: Sendable {
    public var output: String
    public var latencyMs: Double?
    /// The case's variables (suite defaults merged), for templates and `command`.
    public var vars: [String: TemplateValue]
    /// The last user message sent to the model.
    public var input: String?
    public var suite: String
    public var caseID: String
    public var repeatIndex: Int
    public var tags: [String]
    /// The model that produced the output, for `cost`.
    public var model: String
    public var promptTokens: Int?
    public var completionTokens: Int?

    public init(
        output: String, latencyMs: Double? = nil, vars: [String: TemplateValue] = [:],
        input: String? = nil, suite: String = "", caseID: String = "", repeatIndex: Int = 0,
        tags: [String] = [], model: String = "", promptTokens: Int? = nil,
        completionTokens: Int? = nil
    ) {
        self.output = output
        self.latencyMs = latencyMs
        self.vars = vars
        self.input = input
        self.suite = suite
        self.caseID = caseID
        self.repeatIndex = repeatIndex
        self.tags = tags
        self.model = model
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }

    /// The context the deterministic kinds are evaluated with.
    var assertionContext: AssertionContext {
        AssertionContext(
            output: output, latencyMs: latencyMs, vars: vars.mapValues(\.plainText), input: input)
    }
}
