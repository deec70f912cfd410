import Assertions
import Foundation
import Providers

/// `command`: an external program grades the output. It gets
/// `{"output", "vars", "case": {"id", "suite", "repeat", "tags"}}` as JSON on stdin and prints
/// `{"pass", "score", "reason"}` on stdout. It runs without a shell (a string value is split at
/// whitespace; a list is the argument vector), in the project root, with the minimal
/// environment of ``ChildEnvironment`` (PATH, HOME, LANG, LC_*, TMPDIR, TZ): no keys. A
/// timeout, a non-zero exit or output that is not such an object fails the assertion with the
/// reason (secrets redacted).
extension GradedEvaluator {
    func command(_ spec: AssertionSpec, _ input: GradingInput) async -> GradedCheck {
        let argv: [String]
        switch spec.value {
        case .list(let items)?: argv = items
        case let value?:
            argv = (value.text ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        case nil: argv = []
        }
        guard let program = argv.first else { return .error("'command' has no program to run") }
        let executable = ExecProvider.resolve(
            program, root: services.root, path: environment["PATH"])
        let timeout = spec.graded?.timeout ?? AssertionSpec.defaultCommandTimeout
        let process = ChildProcess(
            executable: executable, arguments: Array(argv.dropFirst()),
            environment: ChildEnvironment.make(environment),
            directory: services.root, timeout: timeout, maxOutputBytes: 1024 * 1024)
        let result: ChildProcess.Result
        do {
            result = try await process.run(stdin: Self.commandInput(input))
        } catch is CancellationError {
            return .error("command error: cancelled")
        } catch {
            return .error("command error: '\(program)' could not start: \(error)")
        }
        let redactor = services.redactor
        let stderr = redactor.redact(String(decoding: result.stderr.suffix(2000), as: UTF8.self))
        let detail = stderr.isEmpty ? "" : "; stderr: " + AssertionText.quote(stderr, limit: 160)
        switch result.termination {
        case .exited(0):
            break
        case .exited(let code):
            return .error("command error: '\(program)' exited with status \(code)\(detail)")
        case .signaled(let signal):
            return .error("command error: '\(program)' was killed by signal \(signal)\(detail)")
        case .timedOut:
            return .error(
                "command error: '\(program)' timed out after \(AssertionText.number(timeout))s")
        case .outputTooLarge:
            return .error("command error: '\(program)' printed more than 1 MiB")
        case .unknown:
            return .error("command error: '\(program)' ended with an unknown status")
        }
        let stdout = redactor.redact(String(decoding: result.stdout, as: UTF8.self))
        guard
            let object = try? JSONSerialization.jsonObject(
                with: Data(stdout.trimmingCharacters(in: .whitespacesAndNewlines).utf8))
                as? [String: Any],
            let verdict = JudgeVerdict.from(object)
        else {
            return .error(
                JudgeVerdict.unparseableReason(stdout, source: "command")
                    + " (expected {\"pass\": true, \"score\": 1, \"reason\": \"…\"})")
        }
        let passed =
            spec.threshold.map { verdict.score + Grader.tolerance >= $0 } ?? verdict.pass
        let rule =
            spec.threshold.map {
                "score \(Self.format(verdict.score)) \(passed ? "≥" : "<") \(Self.format($0))"
            } ?? "\(verdict.pass ? "pass" : "fail"), score \(Self.format(verdict.score))"
        return GradedCheck(
            passed: passed, score: verdict.score,
            reason: "\(program): \(rule)\(Self.said(verdict.reason))"
        ).negated(spec.negated)
    }

    /// `{"output", "vars", "case"}` as JSON bytes, keys sorted.
    static func commandInput(_ input: GradingInput) -> [UInt8] {
        let object: [String: Any] = [
            "output": input.output,
            "vars": input.vars.mapValues(\.jsonObject),
            "case": [
                "id": input.caseID, "suite": input.suite, "repeat": input.repeatIndex,
                "tags": input.tags,
            ] as [String: Any],
        ]
        let data =
            (try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Array(data)
    }
}
