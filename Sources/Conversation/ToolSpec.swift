import Basics
import JSON

/// A tool a prompt version declares: what the model may call.
public struct ToolSpec: Sendable, Hashable {
    public var name: String
    public var description: String?
    /// JSON Schema of the arguments object (`{"type":"object"}` when none was given).
    public var parameters: JSONValue

    public init(
        name: String, description: String? = nil, parameters: JSONValue = ["type": "object"]
    ) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }

    /// Compact JSON with sorted keys, as it goes into the request key.
    public var jsonText: String {
        var fields: [(String, String)] = []
        if let description { fields.append(("description", JSONText.string(description))) }
        fields.append(("name", JSONText.string(name)))
        fields.append(("parameters", parameters.jsonText))
        return JSONText.object(fields)
    }
}

/// `tool_choice` of a prompt version: whether and which tool the model must call.
public enum ToolChoice: Sendable, Hashable, CustomStringConvertible {
    /// The model decides (the providers' default when tools are given).
    case auto
    /// No tool call, even though tools are declared.
    case none
    /// Some tool call is required.
    case required
    /// This tool must be called.
    case tool(String)

    /// `auto`, `none`, `required`, or a tool name.
    public init(_ text: String) {
        switch text {
        case "auto": self = .auto
        case "none": self = .none
        case "required": self = .required
        default: self = .tool(text)
        }
    }

    public var description: String {
        switch self {
        case .auto: "auto"
        case .none: "none"
        case .required: "required"
        case .tool(let name): name
        }
    }
}
