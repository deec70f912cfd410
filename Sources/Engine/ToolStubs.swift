import Basics
import Foundation
import PromptGateModel
import Providers

/// Answers a step's tool calls from a case's `tool_results:` stubs.
enum ToolStubs {
    /// One result per call, in order; a call with no stub, no matching rule, or a failing
    /// `exec` gets a result with ``ToolResult/error`` set (the case is then an error).
    static func answer(
        _ calls: [ToolCall], stubs: [String: ToolStub], root: String, redactor: SecretRedactor
    ) async -> [ToolResult] {
        var out: [ToolResult] = []
        for call in calls {
            out.append(await answer(call, stubs: stubs, root: root, redactor: redactor))
        }
        return out
    }

    private static func answer(
        _ call: ToolCall, stubs: [String: ToolStub], root: String, redactor: SecretRedactor
    ) async -> ToolResult {
        func failed(_ reason: String) -> ToolResult {
            ToolResult(callID: call.id, name: call.name, content: "", error: reason)
        }
        guard let stub = stubs[call.name] else {
            let known = stubs.keys.sorted().joined(separator: ", ")
            return failed(
                "the model called '\(call.name)', which has no stub in tool_results (stubbed: \(known))"
            )
        }
        guard case .exec(let argv, let timeout) = stub.answer else {
            guard let text = stub.fixedResult(arguments: call.parsedArguments) else {
                return failed(
                    "no tool_results rule of '\(call.name)' matches its arguments \(call.arguments); add a rule without arguments as the fallback"
                )
            }
            return ToolResult(callID: call.id, name: call.name, content: text)
        }
        let environment = ProcessInfo.processInfo.environment
        let process = ChildProcess(
            executable: ExecProvider.resolve(argv[0], root: root, path: environment["PATH"]),
            arguments: Array(argv.dropFirst()), environment: ChildEnvironment.make(environment),
            directory: root, timeout: timeout, maxOutputBytes: 1024 * 1024)
        let input = JSONText.object([
            ("arguments", call.parsedArguments?.jsonText ?? JSONText.string(call.arguments)),
            ("id", JSONText.string(call.id)), ("name", JSONText.string(call.name)),
        ])
        let result: ChildProcess.Result
        do {
            result = try await process.run(stdin: Array(input.utf8))
        } catch {
            return failed("stub of '\(call.name)': '\(argv[0])' could not start: \(error)")
        }
        let stderr = redactor.redact(
            String(decoding: result.stderr.suffix(500), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines))
        let detail = stderr.isEmpty ? "" : ": \(stderr)"
        switch result.termination {
        case .exited(0):
            var text = redactor.redact(String(decoding: result.stdout, as: UTF8.self))
            if text.hasSuffix("\n") { text.removeLast() }
            return ToolResult(callID: call.id, name: call.name, content: text)
        case .exited(let code):
            return failed(
                "stub of '\(call.name)': '\(argv[0])' exited with status \(code)\(detail)")
        case .signaled(let signal):
            return failed("stub of '\(call.name)': '\(argv[0])' was killed by signal \(signal)")
        case .timedOut:
            return failed(
                "stub of '\(call.name)': '\(argv[0])' timed out after \(JSONText.number(timeout)) s"
            )
        case .outputTooLarge:
            return failed("stub of '\(call.name)': '\(argv[0])' printed more than 1 MiB")
        case .unknown:
            return failed("stub of '\(call.name)': '\(argv[0])' ended with an unknown status")
        }
    }
}
