import Basics
import Foundation
import PromptGateModel

/// `--output-run FILE`: a run as portable JSONL, so the shards CI jobs run on different
/// machines can be merged into one store (`promptgate merge`).
///
/// Line 1 is a header: `{"format": "promptgate-run", "version": 1, "shard": "2/3",
/// "info": RunInfo}` (the info carries the prompt, suite and provider digests, the repeat
/// count, the mode and the summary). Every further line is one `CaseResult`, in plan order.
public enum RunFile {
    public static let format = "promptgate-run"
    public static let version = 1

    struct Header: Codable {
        var format: String
        var version: Int
        /// `K/N`, or nil for a whole run (also in `info.summary.shard`; here for people).
        var shard: String?
        var info: RunInfo
    }

    /// Line 1: the header, with its newline.
    public static func headerLine(info: RunInfo) throws(PromptGateError) -> String {
        try line(
            Header(
                format: format, version: version, shard: info.summary?.shard?.description,
                info: info))
    }

    /// A result's line, with its newline.
    public static func line(_ result: CaseResult) throws(PromptGateError) -> String {
        try line(result as any Encodable)
    }

    private static func line(_ value: any Encodable) throws(PromptGateError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
        } catch {
            throw .infrastructure("cannot encode the run file: \(error)")
        }
    }

    /// Reads a run file; errors name the file and line.
    public static func read(path: String) throws(PromptGateError) -> (RunInfo, [CaseResult]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .usage("\(path): cannot read the file", hint: "write it with run --output-run")
        }
        let decoder = JSONDecoder()
        var info: RunInfo?
        var results: [CaseResult] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) {
                continue
            }
            if info == nil {
                guard let header = try? decoder.decode(Header.self, from: Data(line)),
                    header.format == format
                else {
                    throw .usage(
                        "\(path):\(lineNumber): not a promptgate run file (no header line)",
                        hint: "write it with promptgate run --output-run FILE")
                }
                guard header.version == version else {
                    throw .usage(
                        "\(path): run file version \(header.version); this promptgate reads version \(version)"
                    )
                }
                info = header.info
                continue
            }
            do {
                results.append(try decoder.decode(CaseResult.self, from: Data(line)))
            } catch {
                throw .usage("\(path):\(lineNumber): not a case result line; the file is damaged")
            }
        }
        guard let info else {
            throw .usage("\(path): empty run file", hint: "write it with run --output-run FILE")
        }
        return (info, results)
    }
}
