import Foundation
import TestKit
import Testing

/// A provider that echoes the key (in an error, in its reply, in a judge's reason) or an
/// `exec` child that prints one: the key is `[REDACTED]` in everything promptgate keeps or
/// prints, and a child gets only the variables its `env:` names.
@Suite struct SecretEchoTests {
    static let secret = "sk-test-SECRET-123"
    static let masked = "sk-test-SECR****-123"

    static let script = """
        {"rules": [
          {"match": "<rubric>", "reply": "{\\"pass\\": true, \\"score\\": 1, \\"reason\\": \\"you sent {{header:authorization}}\\"}"},
          {"match": "ECHO-JSON-401", "status": 401, "error": {"message": "Incorrect API key provided: {{header:authorization}}", "type": "invalid_request_error"}},
          {"match": "ECHO-TEXT-401", "status": 401, "body": "Incorrect API key provided: {{header:authorization}}"},
          {"match": "ECHO-MASKED", "status": 401, "body": "Incorrect API key provided: \(Self.masked)"},
          {"match": "ECHO-REPLY", "reply": "your key is {{header:authorization}}"},
          {"match": "ECHO-LONG", "reply": "\(String(repeating: "filler ", count: 20_000))key {{header:authorization}} \(String(repeating: "filler ", count: 20_000))"}
        ]}
        """

    /// Every stdout and stderr, and every file under the project: none holds `needles`.
    static func expectNowhere(
        _ needles: [String], outputs: [String], project: TempProject,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for text in outputs {
            for needle in needles {
                #expect(
                    !text.contains(needle), "output holds \(needle)", sourceLocation: sourceLocation
                )
            }
        }
        for (path, data) in project.allFiles() {
            for needle in needles {
                #expect(
                    data.range(of: Data(needle.utf8)) == nil, "\(path) holds \(needle)",
                    sourceLocation: sourceLocation)
            }
        }
    }

    @Test func anEchoedKeyIsRedactedInStoreCacheRecordingsReportsAndTerminal() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        defer { server.stop() }
        let suite = E2EProject.suite(cases: [
            ("json401", "ECHO-JSON-401", []), ("text401", "ECHO-TEXT-401", []),
            ("masked", "ECHO-MASKED", []),
            // A reply bigger than a report's write buffer is written on its own: still redacted.
            ("long", "ECHO-LONG", [#"{ type: contains, value: "key Bearer [REDACTED] filler" }"#]),
            (
                "reply", "ECHO-REPLY",
                [
                    #"{ type: contains, value: "Bearer [REDACTED]" }"#,
                    #"{ type: llm-rubric, value: "Is polite" }"#,
                ]
            ),
        ])
        let project = try E2EProject.make(
            server: server, suites: ["s": suite],
            extraProvider: "judge: { provider: fake, params: { temperature: 0 } }")
        try project.write(
            "prompts/bot/v1.1.yaml",
            E2EProject.prompt.replacingOccurrences(of: "\"1.0\"", with: "\"1.1\""))
        let env = ["OPENAI_API_KEY": Self.secret]
        var outputs: [String] = []
        func run(_ arguments: [String], expect status: Int32? = nil) async throws -> String {
            let r = try await CLIProcess.run(
                arguments, in: project.root, environment: env, timeout: 60)
            if let status { #expect(r.status == status, "\(arguments): \(r.stderr)") }
            outputs += [r.stdout, r.stderr]
            return r.stdout
        }

        let recorded = try await run(
            [
                "run", "--prompt", "bot@1.0", "--record", "--output-run", "run.jsonl", "--format",
                "json",
            ], expect: 3)
        let byID = E2EProject.cases(try E2EProject.json(recorded))
        #expect(byID["reply#0"]?["output"] as? String == "your key is Bearer [REDACTED]")
        #expect(byID["reply#0"]?["passed"] as? Bool == true)
        let judged = byID["reply#0"]?["assertions"] as? [[String: Any]] ?? []
        #expect(
            judged.last?["reason"] as? String
                == "judge: pass, score 1.00 — you sent Bearer [REDACTED]")
        for id in ["json401", "text401"] {
            let error = byID["\(id)#0"]?["error"] as? String ?? ""
            #expect(
                error.contains("HTTP 401") && error.contains("provided: Bearer [REDACTED]"),
                "\(error)")
        }
        let masked = byID["masked#0"]?["error"] as? String ?? ""
        #expect(masked.hasSuffix("Incorrect API key provided: [REDACTED]"), "\(masked)")

        for format in ["text", "json", "junit"] {
            _ = try await run(
                ["run", "--prompt", "bot@1.0", "--format", format, "--output", "run.\(format)"],
                expect: 3)
            _ = try await run(["run", "--prompt", "bot@1.0", "--format", format], expect: 3)
        }
        _ = try await run(["run", "--prompt", "bot@1.0", "--no-cache"], expect: 3)
        _ = try await run(["run", "--prompt", "bot@1.0", "--offline"])
        for format in ["text", "json", "markdown", "html", "junit"] {
            _ = try await run(
                [
                    "compare", "bot@1.0", "bot@1.1", "--format", format, "--output",
                    "compare.\(format)",
                ])
            _ = try await run(["compare", "bot@1.0", "bot@1.1", "--format", format])
        }
        _ = try await run(["gate", "bot@1.0", "bot@1.1"])
        _ = try await run(["history"])
        _ = try await run(["history", "--format", "json"])
        _ = try await run(["show", "1"])
        _ = try await run(["show", "1", "--format", "json"])
        _ = try await run(["cache", "stats"])

        let files = project.allFiles().map(\.0)
        for expected in [
            ".promptgate/promptgate.db", "suites/recordings/s.jsonl", "run.jsonl", "run.junit",
            "compare.html",
        ] {
            #expect(files.contains(expected), "\(expected) was written: \(files)")
        }
        #expect(files.contains { $0.hasPrefix(".promptgate/gates/") }, "\(files)")
        let recording = project.read("suites/recordings/s.jsonl") ?? ""
        #expect(recording.contains("Bearer [REDACTED]"), "the redacted reply is what is recorded")
        Self.expectNowhere([Self.secret, Self.masked], outputs: outputs, project: project)
    }

    static let execConfig = """
        providers:
          app:
            type: exec
            command: bin/app.sh
            model: app
            env: [APP_TOKEN]
            timeout: 10
        defaults: { provider: app, concurrency: 2 }

        """

    static let app = """
        #!/bin/sh
        input=$(cat)
        case "$input" in
          *STDERR*) echo "auth failed for token $APP_TOKEN" >&2; exit 2 ;;
          *OTHER*) echo "other=[$OTHER_SECRET] key=[$OPENAI_API_KEY] home=[$HOME]" ;;
          *) echo "token is $APP_TOKEN" ;;
        esac

        """

    static let grader = """
        #!/bin/sh
        cat >/dev/null
        printf '{"pass": true, "score": 1, "reason": "sees [%s] [%s]"}' "$APP_TOKEN" "$OPENAI_API_KEY"

        """

    @Test func anExecChildGetsOnlyItsNamedVariablesAndWhatItPrintsIsRedacted() async throws {
        let token = "tok-live-0123456789abcdef"
        let other = "other-secret-value-42"
        let suite = E2EProject.suite(cases: [
            ("out", "STDOUT please", [#"{ type: command, value: bin/grade.sh }"#]),
            ("err", "STDERR please", []), ("other", "OTHER please", []),
        ])
        let project = try TempProject(files: [
            "promptgate.yaml": Self.execConfig, "prompts/bot/v1.0.yaml": E2EProject.prompt,
            "suites/s.yaml": suite,
        ])
        try FileManager.default.createDirectory(
            atPath: project.path("bin"), withIntermediateDirectories: true)
        try ProviderExecRunTests.writeExecutable(project.path("bin/app.sh"), Self.app)
        try ProviderExecRunTests.writeExecutable(project.path("bin/grade.sh"), Self.grader)
        let env = ["APP_TOKEN": token, "OTHER_SECRET": other, "OPENAI_API_KEY": Self.secret]
        var outputs: [String] = []
        for arguments in [
            ["run", "--prompt", "bot@1.0", "--record", "--format", "json"],
            ["run", "--prompt", "bot@1.0", "--no-cache", "--output-run", "run.jsonl"],
            ["show", "1"],
        ] {
            let r = try await CLIProcess.run(
                arguments, in: project.root, environment: env, timeout: 60)
            outputs += [r.stdout, r.stderr]
            if arguments.contains("json") {
                #expect(r.status == 3, "the failing command is an error: \(r.stderr)")
                let byID = E2EProject.cases(try E2EProject.json(r.stdout))
                #expect(byID["out#0"]?["output"] as? String == "token is [REDACTED]")
                let graded = byID["out#0"]?["assertions"] as? [[String: Any]] ?? []
                let reason = graded.first?["reason"] as? String ?? ""
                #expect(
                    reason.hasSuffix("sees [] []"), "the command assertion gets no keys: \(reason)")
                #expect(
                    byID["err#0"]?["error"] as? String
                        == "command 'bin/app.sh' exited with status 2: stderr: auth failed for token [REDACTED]"
                )
                let shown = byID["other#0"]?["output"] as? String ?? ""
                #expect(
                    shown.hasPrefix("other=[] key=[] home=["), "not named in env: absent: \(shown)")
                #expect(!shown.hasSuffix("home=[]"), "HOME is part of the base: \(shown)")
            }
        }
        Self.expectNowhere([token, other, Self.secret], outputs: outputs, project: project)
    }
}
