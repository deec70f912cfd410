import Basics
import Foundation
import TestKit
import Testing

/// Model output and provider error bodies that try to drive the terminal (clear the screen,
/// set the title, ring the bell, recolor, overwrite the line, reorder it) reach every text
/// report as visible escapes; JSON keeps the original characters, escaped as JSON.
@Suite struct TerminalSafetyTests {
    /// Clear screen, set title + BEL, a color, a CR overwrite, DEL, NEL, CSI, RLO and LRI.
    static let hostile =
        "\u{1B}[2J\u{1B}]0;pwned\u{07} \u{1B}[31mred\r over\u{7F}\u{85}\u{9B}31m \u{202E}evil\u{2066}."
    static let baseReply = "SAFE " + hostile
    static let candidateReply = hostile + " changed"

    static func script() throws -> String {
        let rules: [[String: Any]] = [
            ["match": "CASE-ERR", "status": 500, "body": "<html>" + hostile + "</html>"],
            ["match": "V2", "reply": candidateReply],
            ["match": "CASE-HOSTILE", "reply": baseReply],
        ]
        let data = try JSONSerialization.data(withJSONObject: ["rules": rules])
        return String(decoding: data, as: UTF8.self)
    }

    /// Two versions (the candidate's system message says V2), one hostile case that regresses
    /// and one whose provider answers 500 with a hostile body; no retries.
    static func project(_ server: FakeModelServer) throws -> TempProject {
        let config = """
            providers:
              fake:
                type: openai
                base_url: \(server.baseURL)/v1
                api_key_env: OPENAI_API_KEY
                model: fake-model
                params: { temperature: 0, max_tokens: 50 }
                timeout: 5
                retries: 0
            defaults: { provider: fake, concurrency: 4 }

            """
        let v2 = E2EProject.prompt.replacingOccurrences(of: "1.0", with: "1.1")
            .replacingOccurrences(of: "You are a test bot.", with: "You are a test bot. V2")
        let suite = E2EProject.suite(cases: [
            ("hostile", "CASE-HOSTILE", ["{ type: contains, value: SAFE }"]),
            ("broken", "CASE-ERR", []),
        ])
        return try TempProject(files: [
            "promptgate.yaml": config, "prompts/bot/v1.0.yaml": E2EProject.prompt,
            "prompts/bot/v1.1.yaml": v2, "suites/s.yaml": suite,
        ])
    }

    /// The scalars a terminal would act on, as hex, for the failure message.
    static func raw(_ text: String) -> [String] {
        text.unicodeScalars.filter(TerminalText.needsEscape).map { String($0.value, radix: 16) }
    }

    static func expectClean(
        _ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            Self.raw(text).isEmpty, "\(what): raw \(Self.raw(text))", sourceLocation: sourceLocation
        )
        #expect(
            !text.utf8.contains(0x1B) && !text.utf8.contains(0x07), "\(what)",
            sourceLocation: sourceLocation)
    }

    static func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    @Test func everyTextReportEscapesHostileOutputAndErrorBodies() async throws {
        let server = try await FakeModelServer.start(script: try Self.script())
        defer { server.stop() }
        let project = try Self.project(server)
        let root = project.root
        func cli(_ args: [String]) async throws -> CLIProcess.Result {
            try await CLIProcess.run(args, in: root, environment: E2EProject.env, timeout: 60)
        }

        // run (text), then the same run as JSON and JUnit.
        let run = try await cli(["run", "--prompt", "bot@1.1"])
        #expect(run.status == 3, "\(run.stdout)\(run.stderr)")
        Self.expectClean(run.stdout + run.stderr, "run text")
        #expect(
            run.stdout.contains(#"ERROR s/broken: HTTP 500: <html>\x1b[2J\x1b]0;pwned\x07"#),
            "\(run.stdout)")
        #expect(run.stdout.contains(#"\x7f\x85\x9b31m \u{202e}evil\u{2066}."#), "\(run.stdout)")
        #expect(run.stdout.contains("FAIL s/hostile"))

        let json = try await cli(["run", "--prompt", "bot@1.1", "--format", "json", "--no-cache"])
        Self.expectClean(json.stderr, "run json stderr")
        #expect(!json.stdout.utf8.contains(0x1B) && !json.stdout.utf8.contains(0x07))
        #expect(json.stdout.contains(#"\u001b[2J\u001b]0;pwned\u0007"#))
        let report = try E2EProject.json(json.stdout)
        let cases = E2EProject.cases(report)
        #expect(cases["hostile#0"]?["output"] as? String == Self.candidateReply)
        let error = cases["broken#0"]?["error"] as? String ?? ""
        #expect(error.contains("\u{1B}[2J\u{1B}]0;pwned\u{07}"), "\(error.debugDescription)")
        let runID = try #require(report["run_id"] as? Int)

        let junitPath = root + "/run.xml"
        let junit = try await cli(["show", "\(runID)", "--format", "junit", "--output", junitPath])
        #expect(junit.status == 0, "\(junit.stderr)")
        let xml = try Self.read(junitPath)
        Self.expectClean(xml, "run junit")
        #expect(xml.contains(#"\x1b[2J\x1b]0;pwned\x07"#))

        // show, to stdout and to a file.
        let show = try await cli(["show", "\(runID)"])
        Self.expectClean(show.stdout + show.stderr, "show text")
        #expect(show.stdout.contains(#"\x1b]0;pwned\x07"#))
        let showPath = root + "/show.txt"
        _ = try await cli(["show", "\(runID)", "--output", showPath])
        let shown = try Self.read(showPath)
        Self.expectClean(shown, "show --output")
        #expect(shown == show.stdout)

        // compare: text, and every file format.
        let compare = try await cli(["compare", "bot@1.0", "bot@1.1"])
        #expect(compare.status == 0, "\(compare.stdout)\(compare.stderr)")
        Self.expectClean(compare.stdout + compare.stderr, "compare text")
        #expect(compare.stdout.contains("Regressions (1)"), "\(compare.stdout)")
        #expect(
            compare.stdout.contains(
                #"diff: [-SAFE -]\x1b[2J\x1b]0;pwned\x07 \x1b[31mred\x0d over"#),
            "\(compare.stdout)"
        )
        #expect(
            compare.stdout.contains(#"candidate error: HTTP 500: <html>\x1b[2J"#),
            "\(compare.stdout)")
        for format in ["markdown", "junit", "html", "json"] {
            let path = root + "/compare.\(format)"
            let result = try await cli([
                "compare", "bot@1.0", "bot@1.1", "--format", format, "--output", path,
            ])
            #expect(result.status == 0, "\(format): \(result.stderr)")
            Self.expectClean(result.stdout + result.stderr, "compare \(format) console")
            let text = try Self.read(path)
            if format == "markdown" || format == "junit" {
                Self.expectClean(text, "compare \(format)")
                #expect(text.contains(#"\x1b[2J\x1b]0;pwned\x07"#), "\(format)")
            } else {
                // JSON (and the JSON inside the HTML) escapes C0 controls as \u00XX.
                #expect(!text.utf8.contains(0x1B) && !text.utf8.contains(0x07), "\(format)")
            }
        }
        let compareJSON = try E2EProject.json(try Self.read(root + "/compare.json"))
        #expect(
            String(decoding: try JSONSerialization.data(withJSONObject: compareJSON), as: UTF8.self)
                .contains(#"\u001b[2J"#))

        // gate: text and Markdown.
        let gate = try await cli(["gate", "bot@1.0", "bot@1.1"])
        #expect(gate.status == 3, "errors make the gate incomplete: \(gate.stdout)\(gate.stderr)")
        Self.expectClean(gate.stdout + gate.stderr, "gate text")
        #expect(gate.stdout.contains("BLOCKED"), "\(gate.stdout)")
        let gateMarkdown = root + "/gate.md"
        _ = try await cli([
            "gate", "bot@1.0", "bot@1.1", "--format", "markdown", "--output", gateMarkdown,
        ])
        Self.expectClean(try Self.read(gateMarkdown), "gate markdown")

        // history.
        let history = try await cli(["history"])
        #expect(history.status == 0)
        Self.expectClean(history.stdout + history.stderr, "history")
    }

    @Test func colorTerminalGetsOurColorsAndOnlyEscapedHostileText() async throws {
        let server = try await FakeModelServer.start(script: try Self.script())
        defer { server.stop() }
        let project = try Self.project(server)
        guard let binary = CLIProcess.binaryPath() else {
            throw TestSupportError("promptgate binary not found")
        }
        // `script` gives the command a pseudo-terminal: stdout and stderr are TTYs, so colors
        // and the progress line are on.
        let output = project.root + "/typescript.out"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "'\(binary)' compare bot@1.0 bot@1.1", "/dev/null"]
        process.currentDirectoryURL = URL(fileURLWithPath: project.root)
        process.environment = [
            "PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "SHELL": "/bin/sh",
            "TERM": "xterm-256color", "OPENAI_API_KEY": "sk-test",
        ]
        #expect(FileManager.default.createFile(atPath: output, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = try Self.read(output)
        #expect(process.terminationStatus == 0, "\(text)")
        // Our own styles are there: bold, red, and the diff's struck-through red.
        #expect(
            text.contains("\u{1B}[1m") && text.contains("\u{1B}[31m"), "\(text.debugDescription)")
        #expect(text.contains("\u{1B}[9;41m"), "\(text.debugDescription)")
        // Every ESC starts one of our SGR or erase-line sequences; nothing else acts.
        let sequence = /\x1B\[[0-9;]*[mK]/
        let withoutOurs = text.replacing(sequence, with: "")
        #expect(!withoutOurs.utf8.contains(0x1B), "\(withoutOurs.debugDescription)")
        // The pty turns \n into \r\n and the progress line redraws with \r; nothing else.
        let stray = withoutOurs.replacingOccurrences(of: "\r", with: "")
        #expect(Self.raw(stray).isEmpty, "raw \(Self.raw(stray))")
        #expect(text.contains(#"\x1b[2J\x1b]0;pwned\x07"#), "\(text.debugDescription)")
        #expect(text.contains(#"\u{202e}evil\u{2066}"#))
    }

    @Test func feedbackReportsEscapeHostileFields() async throws {
        let project = try TempProject(files: ["promptgate.yaml": FeedbackImportCLITests.config])
        var lines: [String] = []
        func line(_ object: [String: Any]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
        for i in 0..<12 {
            lines.append(
                try line([
                    "id": i, "rating": -1, "model": "evil\u{1B}[2J\u{07}",
                    "prompt_version": "9\u{1B}]0;x\u{07}",
                    "user_input": "how do I \u{1B}[31mreset\u{202E} my password \(i)",
                    "comment": "wrong answer \u{1B}[2J\u{07}\u{9B}31m", "response": "r",
                ]))
            lines.append(
                try line([
                    "id": 100 + i, "rating": 1, "model": "good", "prompt_version": "1.0",
                    "user_input": "what is the price of plan \(i)", "response": "r",
                ]))
        }
        lines.append(try line(["id": 999, "rating": "\u{1B}[2Jbogus\u{07}", "response": "r"]))
        let path = project.root + "/feedback.jsonl"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        func cli(_ args: [String]) async throws -> CLIProcess.Result {
            try await CLIProcess.run(["feedback"] + args, in: project.root, timeout: 120)
        }
        let imported = try await cli(["import", path])
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        Self.expectClean(imported.stdout + imported.stderr, "feedback import")
        let analyze = try await cli(["analyze"])
        #expect(analyze.status == 0, "\(analyze.stderr)")
        Self.expectClean(analyze.stdout + analyze.stderr, "feedback analyze")
        #expect(analyze.stdout.contains(#"model evil\x1b[2J\x07"#), "\(analyze.stdout)")
        #expect(analyze.stdout.contains(#"prompt version 9\x1b]0;x\x07"#), "\(analyze.stdout)")
        #expect(analyze.stdout.contains(#"\x1b[31mreset\u{202e}"#), "\(analyze.stdout)")
        let markdown = try await cli(["analyze", "--format", "markdown"])
        Self.expectClean(markdown.stdout + markdown.stderr, "feedback analyze markdown")
        let json = try await cli(["analyze", "--format", "json"])
        #expect(!json.stdout.utf8.contains(0x1B) && !json.stdout.utf8.contains(0x07))
        #expect(json.stdout.contains(#"evil\u001b[2J\u0007"#))
    }

    @Test func diagnosticsEscapeControlCharactersFromTheFile() async throws {
        let project = try TempProject(files: [
            "promptgate.yaml": "providers:\n  p: { type: openai, model: m }\n",
            "prompts/x/v1.yaml":
                "id: x\nversion: \"1\"\nmessages:\n  - { role: user, content: hi }\n",
            // A raw ESC and BEL in a value: libyaml rejects the control character.
            "suites/a.yaml":
                "suite: a\nprompt: x\ncases:\n  - id: c1\n    vars: { q: \"a\u{1B}[31mb\u{07}\" }\n",
            // Escapes that YAML decodes into control characters, quoted by the message.
            "suites/b.yaml":
                "suite: b\nprompt: x\ncases:\n  - id: c1\n    \"bogus\\e]0;x\\a\": 1\n",
        ])
        let result = try await CLIProcess.run(["validate"], in: project.root)
        #expect(result.status == 2)
        Self.expectClean(result.stdout + result.stderr, "validate")
        #expect(
            result.stdout.hasPrefix(
                #"""
                suites/a.yaml:5:18: error: control characters are not allowed
                        vars: { q: "a\x1b[31mb\x07" }
                                     ^
                suites/b.yaml:5:5: error: cases[0]: unknown key 'bogus\x1b]0;x\x07'; valid keys are
                """#), "\(result.stdout)")
        #expect(
            result.stdout.contains("    \"bogus\\e]0;x\\a\": 1\n        ^\n"), "\(result.stdout)")
    }
}
