import Basics
import Conversation
import Foundation
import PromptGateModel
import Providers

/// Recorded model responses: `suites/recordings/<suite>.jsonl`, one JSON object a line,
/// sorted by request key and repeat so a re-recording diffs well in review.
///
/// A line holds the request key (SHA-256 of the canonical request, never an API key), the
/// repeat slot, the request itself for reviewers, and the response.
public struct Recordings: Sendable {
    public struct Slot: Sendable, Hashable {
        public var key: String
        public var repeatIndex: Int
    }

    public struct Entry: Sendable, Hashable {
        public var slot: Slot
        /// Canonical JSON of the request (already secret-free).
        public var request: String
        public var response: ModelResponse
    }

    public static let directory = "suites/recordings"
    private static let writeLock = NSLock()

    /// Slot → entry for every file loaded.
    public private(set) var entries: [Slot: Entry] = [:]
    /// The files read, with their digests (for gate evidence).
    public private(set) var files: [RunInfo.FileDigest] = []

    public init() {}

    public static func path(forSuite name: String) -> String { "\(directory)/\(name).jsonl" }

    /// Loads the recordings of the given suites; a missing file is simply empty.
    public static func load(suites: [String], root: String) throws(PromptGateError) -> Recordings {
        var out = Recordings()
        for suite in suites {
            let relative = path(forSuite: suite)
            let absolute = (root as NSString).appendingPathComponent(relative)
            guard let data = FileManager.default.contents(atPath: absolute) else { continue }
            out.files.append(
                RunInfo.FileDigest(path: relative, sha256: Digest.sha256Hex([UInt8](data))))
            var lineNumber = 0
            for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            {
                lineNumber += 1
                if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) {
                    continue
                }
                guard let entry = parse(Data(line)) else {
                    throw .usage(
                        "\(relative):\(lineNumber): not a recording line; re-record with --record or fix the file"
                    )
                }
                out.entries[entry.slot] = entry
            }
        }
        return out
    }

    public func response(key: String, repeatIndex: Int) -> ModelResponse? {
        entries[Slot(key: key, repeatIndex: repeatIndex)]?.response
    }

    static func parse(_ line: Data) -> Entry? {
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
            let key = object["key"] as? String, let response = object["response"] as? [String: Any],
            let text = response["text"] as? String
        else { return nil }
        let repeatIndex = object["repeat"] as? Int ?? 0
        var request = ""
        if let r = object["request"],
            let data = try? JSONSerialization.data(
                withJSONObject: r, options: [.sortedKeys, .withoutEscapingSlashes])
        {
            request = String(decoding: data, as: UTF8.self)
        }
        let model = ModelResponse(
            text: text, finishReason: response["finish_reason"] as? String,
            promptTokens: response["prompt_tokens"] as? Int,
            completionTokens: response["completion_tokens"] as? Int,
            latencyMs: (response["latency_ms"] as? NSNumber)?.doubleValue ?? 0,
            toolCalls: (response["tool_calls"] as? [[String: Any]] ?? []).compactMap { o in
                guard let name = o["name"] as? String else { return nil }
                return ToolCall(
                    id: o["id"] as? String ?? "", name: name,
                    arguments: o["arguments"] as? String ?? "")
            })
        return Entry(
            slot: Slot(key: key, repeatIndex: repeatIndex), request: request, response: model)
    }

    static func line(_ entry: Entry) -> String {
        var response: [String: Any] = [
            "text": entry.response.text,
            "latency_ms": Int(entry.response.latencyMs.rounded()),
        ]
        if let f = entry.response.finishReason { response["finish_reason"] = f }
        if let p = entry.response.promptTokens { response["prompt_tokens"] = p }
        if let c = entry.response.completionTokens { response["completion_tokens"] = c }
        if !entry.response.toolCalls.isEmpty {
            response["tool_calls"] = entry.response.toolCalls.map {
                ["id": $0.id, "name": $0.name, "arguments": $0.arguments]
            }
        }
        var object: [String: Any] = [
            "key": entry.slot.key, "repeat": entry.slot.repeatIndex, "response": response,
        ]
        if let data = entry.request.data(using: .utf8),
            let request = try? JSONSerialization.jsonObject(with: data)
        {
            object["request"] = request
        }
        let data =
            (try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Merges new entries into `suites/recordings/<suite>.jsonl` (same slot: replaced), sorted,
    /// written atomically.
    public static func write(_ new: [Entry], suite: String, root: String) throws(PromptGateError) {
        // Both sides of a compare --record write the same files: read-merge-write must not interleave.
        writeLock.lock()
        defer { writeLock.unlock() }
        var merged = (try? load(suites: [suite], root: root).entries) ?? [:]
        for entry in new { merged[entry.slot] = entry }
        let sorted = merged.values.sorted {
            ($0.slot.key, $0.slot.repeatIndex) < ($1.slot.key, $1.slot.repeatIndex)
        }
        let text = sorted.map(line).joined(separator: "\n") + (sorted.isEmpty ? "" : "\n")
        let relative = path(forSuite: suite)
        let absolute = (root as NSString).appendingPathComponent(relative)
        try AtomicFile.write(text, to: absolute, shown: relative, what: "recordings")
    }
}
