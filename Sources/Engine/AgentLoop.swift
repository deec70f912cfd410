import Basics
import PromptGateModel
import Providers

/// One case's requests: a single answer, or — when the case stubs its tools — each reply's
/// calls answered from the stubs and sent back until the model answers without a call.
struct AgentLoop: Sendable {
    var steps: [AgentStep] = []
    /// Each step's request and reply, kept only when the source records (`--record`).
    var recordings: [Recordings.Entry] = []
    var last = ModelResponse(
        text: "", finishReason: nil, promptTokens: nil, completionTokens: nil, latencyMs: 0)
    /// Live when any step was sent, else where the first step came from.
    var origin = ResponseOrigin.live
    var latencyMs: Double?
    var promptTokens: Int?
    var completionTokens: Int?
    var retries = 0
    /// Why the loop is an error (`max_steps` reached, a call without stub, a failing stub).
    var error: String?

    static func run(
        _ first: ModelRequest, key firstKey: String, repeatIndex: Int,
        stubs: [String: ToolStub], maxSteps: Int, source: ResponseSource, root: String
    ) async throws -> AgentLoop {
        var loop = AgentLoop()
        var request = first
        var key = firstKey
        var origins: [ResponseOrigin] = []
        while true {
            let (response, origin) = try await source.respond(
                request, key: key, repeatIndex: repeatIndex,
                deferCacheWrite: stubs.isEmpty && source.cache != nil)
            origins.append(origin)
            loop.add(response)
            // The canonical JSON again only when it is kept: the key already cost one.
            if source.records {
                loop.recordings.append(
                    Recordings.Entry(
                        slot: .init(key: key, repeatIndex: repeatIndex),
                        request: request.canonicalJSON, response: response))
            }
            let calls = ToolCall.assignMissingIDs(response.toolCalls, step: loop.steps.count)
            var step = AgentStep(text: response.text, toolCalls: calls, requestKey: key)
            guard !stubs.isEmpty, !calls.isEmpty else {
                loop.steps.append(step)
                break
            }
            if loop.steps.count + 1 >= maxSteps {
                loop.steps.append(step)
                let names = calls.map(\.name).joined(separator: ", ")
                loop.error =
                    "max_steps (\(maxSteps)) reached: reply \(loop.steps.count) still calls \(names); raise max_steps or fix the prompt"
                break
            }
            step.toolResults = await ToolStubs.answer(
                calls, stubs: stubs, root: root, redactor: source.redactor)
            loop.steps.append(step)
            if let failure = step.toolResults.compactMap(\.error).first {
                loop.error = "step \(loop.steps.count): \(failure)"
                break
            }
            request.messages.append(
                ChatMessage(role: "assistant", content: response.text, toolCalls: calls))
            for result in step.toolResults {
                request.messages.append(
                    ChatMessage(
                        role: "tool", content: result.content, toolCallID: result.callID,
                        toolName: result.name))
            }
            key = request.key
        }
        loop.origin = origins.contains(.live) ? .live : origins.first ?? .live
        return loop
    }

    private mutating func add(_ response: ModelResponse) {
        last = response
        retries += response.retries
        latencyMs = (latencyMs ?? 0) + response.latencyMs
        if let t = response.promptTokens { promptTokens = (promptTokens ?? 0) + t }
        if let t = response.completionTokens { completionTokens = (completionTokens ?? 0) + t }
    }
}
