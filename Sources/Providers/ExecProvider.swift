import Basics
import Conversation
import Foundation
import JSON

/// Runs a local command per request, for testing a whole application rather than a model.
///
/// The command gets `{"model", "messages", "params"}` as JSON on stdin (with `tools`,
/// `tool_choice` and `response_schema` when the prompt version has them, and tool fields on
/// the messages, in ``GenericWire``'s shape) and answers on stdout: plain text (trailing
/// newlines dropped) or, with `output: json`, `{"output": "..."}` (optionally with
/// `finish_reason`, `usage: {prompt_tokens, completion_tokens}` and `tool_calls: [{id, name,
/// arguments}]`, where `output` may be null). It runs
/// without a shell, in the project root, with a minimal environment: ``ChildEnvironment``'s
/// base plus the variables its `env:` names. A non-zero exit, a timeout (the command and its
/// children are killed) or unusable output is an error.
public struct ExecProvider: ModelProvider {
    public var name: String
    public var config: ProviderConfig
    /// The absolute path that runs.
    public let executable: String
    private let output: ExecOutput
    private let process: ChildProcess

    /// The command `name` configured by `config`, with the built-in timeout when `config`
    /// sets none; `root` is the project root, where it runs and relative paths resolve.
    public init(
        name: String, config: ProviderConfig, environment: [String: String], root: String
    ) throws(ProviderError) {
        try self.init(
            ProviderSettings(name: name, config: config, environment: environment), root: root)
    }

    /// Checks the command and its output form, and finds the program once.
    public init(_ settings: ProviderSettings, root: String) throws(ProviderError) {
        let (name, config, environment) = (settings.name, settings.config, settings.environment)
        self.name = name
        self.config = config
        guard let command = config.command, !command.isEmpty else {
            throw .invalidRequest("provider '\(name)' (type exec) needs a 'command'")
        }
        do {
            output = try ExecOutput(config.output ?? "text")
        } catch {
            throw .invalidRequest("provider '\(name)': output: \(error.description)")
        }
        executable = Self.resolve(command, root: root, path: environment["PATH"])
        process = ChildProcess(
            executable: executable, arguments: config.args,
            environment: ChildEnvironment.make(environment, names: config.env),
            directory: root, timeout: settings.timeout)
    }

    /// Absolute paths as they are; paths with a `/` against the project root; bare names on
    /// `PATH` (like a shell), else in the project root.
    package static func resolve(_ command: String, root: String, path: String?) -> String {
        if command.hasPrefix("/") { return command }
        if !command.contains("/") {
            for dir in (path ?? "").split(separator: ":") where !dir.isEmpty {
                let candidate = "\(dir)/\(command)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return URL(fileURLWithPath: root).appendingPathComponent(command).standardizedFileURL.path
    }

    /// What the command reads on stdin.
    static func input(_ request: ModelRequest) throws(ProviderError) -> [UInt8] {
        var input: [String: Any] = [
            "model": request.model,
            "messages": request.messages.map { GenericWire.message($0).foundationObject },
            "params": request.params.jsonObject,
        ]
        for (key, value) in GenericWire.fields(request) { input[key] = value.foundationObject }
        return try ProviderHTTP.encode(input)
    }

    public func complete(_ request: ModelRequest) async throws -> ModelResponse {
        let result: ChildProcess.Result
        do {
            result = try await process.run(stdin: Self.input(request))
        } catch let error as ChildProcessError {
            switch error {
            case .spawn(let reason), .pipe(let reason):
                throw ProviderError.command("command '\(executable)' could not start: \(reason)")
            }
        }
        return try parse(result)
    }

    func parse(_ result: ChildProcess.Result) throws(ProviderError) -> ModelResponse {
        let shown = config.command ?? executable
        switch result.termination {
        case .exited(0):
            break
        case .exited(let code):
            throw .command(
                "command '\(shown)' exited with status \(code): \(Self.stderrExcerpt(result.stderr))"
            )
        case .signaled(let signal):
            throw .command(
                "command '\(shown)' was killed by signal \(signal): \(Self.stderrExcerpt(result.stderr))"
            )
        case .timedOut:
            throw .command(
                "command '\(shown)' timed out after \(JSONText.number(process.timeout)) s and was killed"
            )
        case .unknown:
            throw .command("command '\(shown)' ended, but its exit status could not be read")
        case .outputTooLarge:
            throw .command(
                "command '\(shown)' printed more than \(process.maxOutputBytes) bytes and was killed"
            )
        }
        let latency = result.elapsed * 1000
        switch output {
        case .text:
            var text = String(decoding: result.stdout, as: UTF8.self)
            while text.hasSuffix("\n") || text.hasSuffix("\r\n") { text.removeLast() }
            return ModelResponse(
                text: text, finishReason: nil, promptTokens: nil, completionTokens: nil,
                latencyMs: latency)
        case .json(let path):
            return try Self.parseJSON(result.stdout, path: path, command: shown, latencyMs: latency)
        }
    }

    static func parseJSON(_ stdout: [UInt8], path: JSONPath, command: String, latencyMs: Double)
        throws(ProviderError) -> ModelResponse
    {
        guard
            let json = try? JSONSerialization.jsonObject(
                with: Data(stdout), options: .fragmentsAllowed)
        else {
            throw .command(
                "command '\(command)' printed output that is not JSON (output: json): \(trimmedExcerpt(stdout))"
            )
        }
        let object = json as? [String: Any]
        let calls: [ToolCall]
        do {
            calls = try WireJSON.toolCalls(object?["tool_calls"], what: "'tool_calls'")
        } catch {
            throw .command(
                "command '\(command)' output: \(error.reason): \(trimmedExcerpt(stdout))")
        }
        let value: Any
        switch path.evaluate(json) {
        case .success(let found): value = found
        case .failure where !calls.isEmpty: value = NSNull()
        case .failure(let miss):
            throw .command(
                "command '\(command)' output: \(miss.message): \(trimmedExcerpt(stdout))")
        }
        // A reply that only calls tools may leave the text out.
        let text: String
        if let string = value as? String {
            text = string
        } else if value is NSNull, !calls.isEmpty {
            text = ""
        } else {
            throw .command(
                "command '\(command)' output: \(path.source) is \(JSONPath.kind(value)), not a string: \(trimmedExcerpt(stdout))"
            )
        }
        let usage = object?["usage"] as? [String: Any]
        return ModelResponse(
            text: text, finishReason: object?["finish_reason"] as? String,
            promptTokens: usage?["prompt_tokens"] as? Int,
            completionTokens: usage?["completion_tokens"] as? Int, latencyMs: latencyMs,
            toolCalls: calls)
    }

    static func stderrExcerpt(_ bytes: [UInt8]) -> String {
        let shown = trimmedExcerpt(bytes)
        return shown.isEmpty ? "(stderr empty)" : "stderr: " + shown
    }

    /// An excerpt without the trailing newline every line-printing program adds.
    static func trimmedExcerpt(_ bytes: [UInt8]) -> String {
        var end = bytes.count
        while end > 0, [9, 10, 13, 32].contains(bytes[end - 1]) { end -= 1 }
        return end == 0 ? "" : excerpt(Array(bytes[0..<end]))
    }
}

/// How an `exec` command's stdout becomes the output.
enum ExecOutput: Sendable, Hashable {
    case text
    case json(JSONPath)

    /// `text`, `json` (the same as `$.output`) or a JSON path.
    init(_ text: String) throws(JSONPathError) {
        switch text {
        case "text": self = .text
        case "json": self = .json(try JSONPath("$.output"))
        default:
            guard text.hasPrefix("$") else {
                throw JSONPathError(
                    message: "expected text, json or a JSON path such as $.output, got '\(text)'",
                    offset: nil)
            }
            self = .json(try JSONPath(text))
        }
    }
}
