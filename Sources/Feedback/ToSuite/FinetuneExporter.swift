import Basics
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
            try store.eachEntry { entry in
                guard let line = line(for: entry.record, &summary, &seen) else { return }
                try write(line)
                summary.written += 1
            }
        } catch {
            throw .io(path: "output", reason: "\(error)")
        }
        return summary
    }

    /// The JSON line for one record, or nil when it is skipped (counted in `summary`).
    func line(for r: FeedbackRecord, _ summary: inout Summary, _ seen: inout Set<String>)
        -> String?
    {
        guard let raw = r.correction else { return nil }
        let correction = FieldConversion.trim(raw)
        guard correction.count >= minCorrectionChars else {
            summary.shortCorrection += 1
            return nil
        }
        guard let input = r.userInput else {
            summary.noInput += 1
            return nil
        }
        var prompt: [(String, String)] = []
        if let system = r.systemPrompt { prompt.append(("system", system)) }
        prompt.append(("user", input))
        let text: String
        switch format {
        case .openAISFT:
            text = "{\"messages\":\(Self.messages(prompt + [("assistant", correction)]))}"
        case .openAIDPO:
            guard let response = r.response,
                FieldConversion.trim(response) != correction
            else {
                summary.noResponse += 1
                return nil
            }
            text =
                "{\"input\":{\"messages\":\(Self.messages(prompt))},"
                + "\"preferred_output\":\(Self.messages([("assistant", correction)])),"
                + "\"non_preferred_output\":\(Self.messages([("assistant", response)]))}"
        }
        guard seen.insert(Digest.sha256Hex(text)).inserted else {
            summary.duplicate += 1
            return nil
        }
        return text
    }

    /// `[{"role":…,"content":…},…]`: the fixed shapes are written directly, several times
    /// faster than `JSONSerialization` on large exports.
    static func messages(_ list: [(role: String, content: String)]) -> String {
        "["
            + list.map { "{\"role\":\(jsonString($0.role)),\"content\":\(jsonString($0.content))}" }
            .joined(separator: ",") + "]"
    }

    /// `text` as a JSON string literal (control characters escaped, `/` and Unicode kept).
    static func jsonString(_ text: String) -> String {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(text.utf8.count + 2)
        let hex = Array("0123456789abcdef".utf8)
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                out += Array("\\u00".utf8) + [hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }
}
