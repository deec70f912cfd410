import Conversation

extension AgentStep {
    /// One line per step of a trajectory, for reports: `step 1: lookup_order({"order_id":
    /// "A-1"}) → {"status":"shipped"}`, and the final answer as `step 2: answer: …`. Untrusted
    /// and unescaped: each format escapes the lines its own way.
    static func reportLines(_ steps: [AgentStep]) -> [String] {
        steps.enumerated().map { index, step in
            var parts = step.toolCalls.enumerated().map { position, call in
                guard position < step.toolResults.count else { return call.signature }
                let result = step.toolResults[position]
                return call.signature + " → "
                    + (result.error.map { "error: \($0)" } ?? result.content)
            }
            if parts.isEmpty { parts = ["answer: " + step.text] }
            return "step \(index + 1): " + parts.joined(separator: "; ")
        }
    }
}
