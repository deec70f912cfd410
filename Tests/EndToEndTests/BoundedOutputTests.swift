import Foundation
import TestKit
import Testing

/// Huge inputs cost bounded output: a diagnostic on a 2 MB line, a compare of 100 KB outputs,
/// a 1 MB error body.
@Suite struct BoundedOutputTests {
    static let config = "providers:\n  p: { type: openai, model: m }\n"
    static let prompt =
        "id: x\nversion: \"1\"\nmessages:\n  - { role: user, content: \"hi {{ q }}\" }\n"

    /// `validate` on a one-line suite of about 2 MB with an unknown key `bogus` after `before`
    /// characters of value and `after` more; the output and where its caret points.
    func validate(before: Int, after: Int) async throws -> (
        output: String, window: String, caret: Int
    ) {
        let suite =
            "{suite: a, prompt: x, cases: [{id: c1, vars: {q: \""
            + String(repeating: "x", count: before)
            + "\"}, bogus: 1, tags: [\"" + String(repeating: "y", count: after) + "\"]}]}\n"
        let project = try TempProject(files: [
            "promptgate.yaml": Self.config, "prompts/x/v1.yaml": Self.prompt,
            "suites/a.yaml": suite,
        ])
        let result = try await CLIProcess.run(["validate"], in: project.root)
        #expect(result.status == 2)
        let output = result.stdout + result.stderr
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let headline = "suites/a.yaml:1:\(before + 55): error: cases[0]: unknown key 'bogus'"
        #expect(lines.first?.hasPrefix(headline) == true, "\(output.prefix(500))")
        let window = lines.count > 1 ? lines[1] : ""
        let caret = lines.count > 2 ? Array(lines[2]).firstIndex(of: "^") ?? -1 : -1
        return (output, window, caret)
    }

    @Test func diagnosticOnA2MBLineQuotesAWindowAroundTheColumn() async throws {
        let (output, window, caret) = try await validate(before: 1_000_000, after: 1_000_000)
        #expect(output.utf8.count < 1_024, "\(output.utf8.count) bytes")
        let shown = Array(window)
        #expect(window.hasPrefix("    …xxx") && window.hasSuffix("yyy…"), "\(window)")
        #expect(shown.count <= 4 + 202)
        // The caret is under the b of bogus.
        #expect(caret > 0 && String(shown[caret...].prefix(5)) == "bogus", "\(output)")
    }

    @Test func diagnosticNearTheEndOfA2MBLine() async throws {
        let (output, window, caret) = try await validate(before: 2_000_000, after: 3)
        #expect(output.utf8.count < 1_024, "\(output.utf8.count) bytes")
        // 26 characters from the caret to the end, so 174 before it: 170 x's and `"}, `.
        #expect(
            window == "    …" + String(repeating: "x", count: 170)
                + "\"}, bogus: 1, tags: [\"yyy\"]}]}")
        #expect(caret == 4 + 1 + 174, "\(output)")
    }

    @Test func smallMarkedInputShowsTheExactDiagnostic() async throws {
        let src = MarkedSource(
            "suite: a\nprompt: x\ncases:\n  - { id: c1, vars: { q: 1 }, 1️⃣bogsu: 1 }\n")
        let project = try TempProject(files: [
            "promptgate.yaml": Self.config, "prompts/x/v1.yaml": Self.prompt,
            "suites/a.yaml": src.text,
        ])
        let result = try await CLIProcess.run(["validate"], in: project.root)
        #expect(
            result.stdout
                == """
                suites/a.yaml:\(src.position("1️⃣")): error: cases[0]: unknown key 'bogsu'; valid keys are 'id', 'description', 'vars', 'tags', 'source', 'assert', 'threshold', 'messages', 'repeat', 'tool_results', 'max_steps'
                      - { id: c1, vars: { q: 1 }, bogsu: 1 }
                                                  ^
                1 error in 1 prompt (1 version), 1 suite, 0 cases, 0 renders

                """, "\(result.stdout)")
    }

    /// A project whose two versions get scripted replies: `base` and `candidate` for the
    /// CASE-LONG case, and a 500 with `errorBody` for CASE-HUGE-ERR.
    static func project(
        _ server: FakeModelServer
    ) throws -> TempProject {
        let v2 = E2EProject.prompt.replacingOccurrences(of: "1.0", with: "1.1")
            .replacingOccurrences(of: "You are a test bot.", with: "You are a test bot. V2")
        var config = E2EProject.config(baseURL: server.baseURL)
        config = config.replacingOccurrences(
            of: "    timeout: 5\n", with: "    timeout: 5\n    retries: 0\n")
        return try TempProject(files: [
            "promptgate.yaml": config, "prompts/bot/v1.0.yaml": E2EProject.prompt,
            "prompts/bot/v1.1.yaml": v2,
            "suites/s.yaml": E2EProject.suite(cases: [
                ("long", "CASE-LONG", []), ("huge-error", "CASE-HUGE-ERR", []),
            ]),
        ])
    }

    static func words(_ word: String, _ n: Int) -> String {
        (0..<n).map { "\(word)\($0)" }.joined(separator: " ")
    }

    @Test func compareOfHugeOutputsAndAHugeErrorBodyStaysBounded() async throws {
        let base = Self.words("alpha", 12_000)
        let candidate = Self.words("beta", 12_000)
        #expect(base.utf8.count > 100_000)
        let body = "<html>" + String(repeating: "Internal error. ", count: 65_536) + "</html>"
        let rules: [[String: Any]] = [
            ["match": "CASE-HUGE-ERR", "status": 500, "body": body],
            ["match": "V2", "reply": candidate],
            ["match": "CASE-LONG", "reply": base],
        ]
        let script = String(
            decoding: try JSONSerialization.data(withJSONObject: ["rules": rules]), as: UTF8.self)
        let server = try await FakeModelServer.start(script: script)
        defer { server.stop() }
        let project = try Self.project(server)
        func cli(_ args: [String]) async throws -> CLIProcess.Result {
            try await CLIProcess.run(
                args, in: project.root, environment: E2EProject.env, timeout: 60)
        }

        let run = try await cli(["run", "--prompt", "bot@1.1"])
        #expect(run.status == 3)
        #expect(run.stdout.utf8.count + run.stderr.utf8.count < 2_000, "\(run.stdout)")
        #expect(run.stdout.contains("ERROR s/huge-error: HTTP 500: <html>Internal error."))

        let compare = try await cli(["compare", "bot@1.0", "bot@1.1"])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stdout.utf8.count < 8_000, "\(compare.stdout.utf8.count) bytes")
        let diffChars = base.count + candidate.count - 4_000
        let digits = String(diffChars)
        var grouped = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { grouped += "," }
            grouped.append(c)
        }
        #expect(
            compare.stdout.contains("… \(grouped) more characters: --format html or json for all"),
            "\(compare.stdout.suffix(600))")
        #expect(compare.stdout.contains("candidate error: HTTP 500: <html>Internal error."))

        for format in ["markdown", "junit"] {
            let path = project.root + "/report.\(format)"
            let result = try await cli([
                "compare", "bot@1.0", "bot@1.1", "--format", format, "--output", path,
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            #expect(size > 0 && size < 60_000, "\(format): \(size) bytes")
        }
        let gate = try await cli(["gate", "bot@1.0", "bot@1.1"])
        #expect(gate.stdout.utf8.count < 4_000, "\(gate.stdout.utf8.count) bytes")
    }
}
