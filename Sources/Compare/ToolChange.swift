import Conversation
import JSON

/// How the tool calls of a case differ between the two sides (their first repeats): the
/// step where the trajectories part, every call of each side, and the argument-level JSON
/// differences of calls made in the same place to the same tool. Call ids are ignored: two
/// providers (or two runs) number calls differently.
public struct ToolChange: Sendable, Hashable {
    /// One argument that differs: its path in the arguments (`order_id`, `items[0].qty`,
    /// empty for the whole value), and its JSON text on each side (nil where absent).
    public struct Argument: Sendable, Hashable {
        /// The call's index in the trajectory (1-based) and its tool.
        public var call: Int
        public var tool: String
        public var path: String
        public var base: String?
        public var candidate: String?
    }

    /// The 1-based step where the two trajectories first differ.
    public var partingStep: Int
    public var base: [ToolCall]
    public var candidate: [ToolCall]
    public var arguments: [Argument]

    /// The change between two trajectories, or nil when they make the same calls in the same
    /// steps.
    public init?(base: [AgentStep], candidate: [AgentStep]) {
        let left = base.map { $0.toolCalls.map(Self.key) }
        let right = candidate.map { $0.toolCalls.map(Self.key) }
        // A plain answer stores no trajectory: no calls either way is no change.
        let trimmedLeft = left.filter { !$0.isEmpty }
        let trimmedRight = right.filter { !$0.isEmpty }
        guard trimmedLeft != trimmedRight else { return nil }
        var step = 0
        while step < left.count, step < right.count, left[step] == right[step] { step += 1 }
        partingStep = step + 1
        self.base = base.allToolCalls
        self.candidate = candidate.allToolCalls
        arguments = []
        for (index, (b, c)) in zip(self.base, self.candidate).enumerated() where b.name == c.name {
            for (path, was, now) in Self.differences(Self.value(b), Self.value(c), path: "") {
                arguments.append(
                    Argument(
                        call: index + 1, tool: b.name, path: path, base: was?.jsonText,
                        candidate: now?.jsonText))
            }
        }
    }

    /// A call as compared: its name and its arguments (parsed when JSON, else the raw text).
    static func key(_ call: ToolCall) -> [JSONValue] {
        [.string(call.name), value(call)]
    }

    static func value(_ call: ToolCall) -> JSONValue {
        call.parsedArguments ?? .string(call.arguments)
    }

    /// The leaves where two values differ: members of objects by key, arrays item by item.
    static func differences(_ a: JSONValue?, _ b: JSONValue?, path: String)
        -> [(String, JSONValue?, JSONValue?)]
    {
        switch (a, b) {
        case (.object(let x)?, .object(let y)?):
            return Set(x.keys).union(y.keys).sorted().flatMap { key in
                differences(x[key], y[key], path: path.isEmpty ? key : "\(path).\(key)")
            }
        case (.array(let x)?, .array(let y)?) where x.count == y.count:
            return x.indices.flatMap { differences(x[$0], y[$0], path: "\(path)[\($0)]") }
        default:
            return a == b ? [] : [(path, a, b)]
        }
    }
}

extension ToolCall {
    /// `name({"order_id":"A-1"})`, for reports.
    public var signature: String { "\(name)(\(parsedArguments?.jsonText ?? arguments))" }
}
