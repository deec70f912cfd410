import Foundation

/// Writes stored corrections as fine-tuning data in OpenAI's JSONL formats.
///
/// - `openai-sft`: `{"messages": [system?, user, {"role": "assistant", "content": correction}]}`
/// - `openai-dpo`: `{"input": {"messages": [system?, user]}, "preferred_output": [assistant:
///   correction], "non_preferred_output": [assistant: the response]}`
///
/// A record is used when it has a correction; it is skipped (and counted by reason) when
/// the correction is shorter than the minimum, when it has no user input, for DPO when it
/// has no response or the correction equals it, and when the same example was already
/// written.
public struct FinetuneExporter: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case openAISFT = "openai-sft"
        case openAIDPO = "openai-dpo"
    }

    /// Why records were left out, with counts.
    public struct Summary: Sendable, Hashable {
        public var written = 0
        public var shortCorrection = 0
        public var noInput = 0
        public var noResponse = 0
        public var duplicate = 0

        public init() {}

        public var skipped: Int { shortCorrection + noInput + noResponse + duplicate }
    }

    public var format: Format
    /// Corrections shorter than this many characters (after trimming) are skipped.
    public var minCorrectionChars: Int

    public init(format: Format, minCorrectionChars: Int = 20) {
        self.format = format
        self.minCorrectionChars = minCorrectionChars
    }

    /// Streams the store's corrections to `write`, one JSON line per call.
    public func export(from store: FeedbackStore, write: (String) throws -> Void)
        throws(PromptGateError) -> Summary
    {
        var summary = Summary()
        var seen: Set<String> = []
        do {
            try store.forEach { entry in
                guard let line = try line(for: entry.record, &summary, &seen) else { return }
                try write(line)
                summary.written += 1
            }
        } catch {
            throw .io(path: "output", reason: "\(error)")
        }
        return summary
    }

    /// The JSON line for one record, or nil when it is skipped (counted in `summary`).
    func line(for r: FeedbackRecord, _ summary: inout Summary, _ seen: inout Set<String>) throws
        -> String?
    {
        guard let raw = r.correction else { return nil }
        let correction = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard correction.count >= minCorrectionChars else {
            summary.shortCorrection += 1
            return nil
        }
        guard let input = r.userInput else {
            summary.noInput += 1
            return nil
        }
        var prompt: [[String: String]] = []
        if let system = r.systemPrompt { prompt.append(["role": "system", "content": system]) }
        prompt.append(["role": "user", "content": input])
        let object: [String: Any]
        switch format {
        case .openAISFT:
            object = ["messages": prompt + [["role": "assistant", "content": correction]]]
        case .openAIDPO:
            guard let response = r.response,
                response.trimmingCharacters(in: .whitespacesAndNewlines) != correction
            else {
                summary.noResponse += 1
                return nil
            }
            object = [
                "input": ["messages": prompt],
                "preferred_output": [["role": "assistant", "content": correction]],
                "non_preferred_output": [["role": "assistant", "content": response]],
            ]
        }
        let data = try JSONSerialization.data(
            withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        let text = String(decoding: data, as: UTF8.self)
        guard seen.insert(Digest.sha256Hex(text)).inserted else {
            summary.duplicate += 1
            return nil
        }
        return text
    }
}
