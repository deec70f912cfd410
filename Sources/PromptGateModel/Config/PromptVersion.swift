import Basics
import JSON
import Providers
import YAMLCoding

/// One prompt version: `prompts/<id>/v<version>.yaml`. Immutable once promoted.
public struct PromptVersion: Sendable, Decodable {
    public var id: String
    public var version: String
    public var parent: String?
    public var changelog: String?
    public var description: String?
    public var model: PromptModel
    public var messages: [Message]
    /// `tools:`: what the model may call (empty: no tools are sent).
    public var tools: [ToolSpec] = []
    /// `tool_choice:`; nil leaves it to the provider (auto when tools are given).
    public var toolChoice: ToolChoice?
    /// `response_format: { json_schema: … }`: the schema the answer must follow.
    public var responseSchema: JSONValue?
    /// Position of `parent`, `model.provider`: where a dangling reference is reported.
    public var parentMark: YAMLMark?

    public struct Message: Sendable, Hashable, Decodable {
        public static let roles = ["system", "user", "assistant"]
        public var role: String
        public var content: TemplateSource

        enum CodingKeys: String, CodingKey, CaseIterable {
            case role, content
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            role = try c.decode(String.self, forKey: .role)
            if !Self.roles.contains(role) {
                let hint = suggestion(for: role, among: Self.roles).map {
                    "; did you mean '\($0)'?"
                }
                throw DecodingError.dataCorruptedError(
                    forKey: .role, in: c,
                    debugDescription: "unknown role '\(role)'"
                        + (hint ?? " (use system, user or assistant)"))
            }
            content = try c.decode(TemplateSource.self, forKey: .content)
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, version, parent, changelog, description, model, messages, tools
        case toolChoice = "tool_choice"
        case responseFormat = "response_format"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        version = try c.decode(String.self, forKey: .version)
        let parent = try c.decodeIfPresent(Located<String>.self, forKey: .parent)
        self.parent = parent?.value
        parentMark = parent?.mark
        changelog = try c.decodeIfPresent(String.self, forKey: .changelog)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        model = try c.decodeIfPresent(PromptModel.self, forKey: .model) ?? PromptModel()
        messages = try c.decode([Message].self, forKey: .messages)
        if messages.isEmpty {
            throw DecodingError.dataCorruptedError(
                forKey: .messages, in: c,
                debugDescription: "a prompt version needs at least one message")
        }
        try decodeTools(c)
    }
}

/// `model:` of a prompt version: which provider, and sampling parameters over the provider's.
public struct PromptModel: Sendable, Hashable, Decodable {
    /// A provider name from `promptgate.yaml`, or `default` (nil) for `defaults.provider`.
    public var provider: String?
    public var providerMark: YAMLMark?
    /// Overrides the provider's model name.
    public var model: String?
    public var params: ModelParams

    public init() {
        params = ModelParams()
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case provider, model, temperature
        case maxTokens = "max_tokens"
        case topP = "top_p"
        case seed, stop
        case responseFormat = "response_format"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let provider = try c.decodeIfPresent(Located<String>.self, forKey: .provider)
        self.provider = provider?.value == "default" ? nil : provider?.value
        providerMark = provider?.mark
        model = try c.decodeIfPresent(String.self, forKey: .model)
        params = try ModelParams(
            container: c, keys: (.temperature, .maxTokens, .topP, .seed, .stop, .responseFormat))
    }
}
