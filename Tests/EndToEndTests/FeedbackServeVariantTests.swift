import FeedbackServer
import Foundation
import Gate
import HTTPClient
import JSON
import PromptGateModel
import TestKit
import Testing
import YAMLCoding

/// `GET /v1/variant` against `promptgate assign` and a promotion, and the served
/// `/openapi.json` against docs/feedback-api.yaml and the server's routes.
@Suite struct FeedbackServeVariantTests {
    /// The variant of each session, over HTTP.
    static func variants(_ server: ServeProcess, _ sessions: [String], salt: String? = nil)
        async throws -> [String: (version: String, arm: String, bucket: Int)]
    {
        var out: [String: (String, String, Int)] = [:]
        for session in sessions {
            let query = "session=\(session)&prompt=bot" + (salt.map { "&salt=\($0)" } ?? "")
            let response = try await server.send("GET", "/v1/variant?\(query)")
            #expect(response.status == 200)
            let o = try ServeProcess.object(response)
            out[session] = (
                o["version"] as? String ?? "", o["arm"] as? String ?? "", o["bucket"] as? Int ?? -1
            )
        }
        return out
    }

    @Test func variantAgreesWithAssignAndFollowsPromote() async throws {
        let fake = try await FakeModelServer.start(script: GateTests.script)
        defer { fake.stop() }
        let project = try await PromoteTests.gatedProject(fake)
        let server = try await ServeProcess.start(root: project.root)
        let sessions = (0..<1000).map { "sess-\($0)" }

        let before = try await Self.variants(server, Array(sessions.prefix(50)))
        #expect(before.values.allSatisfy { $0.version == "1" && $0.arm == "production" })

        let canary = try await GateTests.run(
            ["promote", "bot@2", "--to", "canary", "--percent", "30"], in: project)
        #expect(canary.status == 0, "\(canary.stderr)")
        let manifest = try PromoteTests.manifest(project)
        let served = try await Self.variants(server, sessions)
        var inCanary = 0
        for session in sessions {
            let expected = try #require(
                CanaryAssignment.assign(session: session, prompt: "bot", manifest: manifest))
            let got = try #require(served[session])
            #expect(got.version == expected.version && got.arm == expected.arm.rawValue)
            #expect(got.bucket == expected.bucket)
            if got.arm == "canary" { inCanary += 1 }
        }
        #expect((200...400).contains(inCanary), "about 30% of 1,000: \(inCanary)")
        // The binary's own `assign` prints the same, salt included.
        let salted = try await Self.variants(server, Array(sessions.prefix(8)), salt: "exp7")
        for session in sessions.prefix(8) {
            for (salt, table) in [(nil, served), ("exp7", salted)]
                as [(String?, [String: (version: String, arm: String, bucket: Int)])]
            {
                let assign = try await GateTests.run(
                    ["assign", session, "--prompt", "bot", "--format", "json"]
                        + (salt.map { ["--salt", $0] } ?? []), in: project)
                let o = try E2EProject.json(assign.stdout)
                let got = try #require(table[session])
                #expect(o["version"] as? String == got.version && o["arm"] as? String == got.arm)
                #expect(o["bucket"] as? Int == got.bucket)
            }
        }

        let production = try await GateTests.run(
            ["promote", "bot@2", "--to", "production"], in: project)
        #expect(production.status == 0, "\(production.stderr)")
        let after = try await Self.variants(server, Array(sessions.prefix(100)))
        #expect(after.values.allSatisfy { $0.version == "2" && $0.arm == "production" })

        // A broken release.yaml is the server's problem (500), and it comes back when fixed.
        let good = try #require(project.read("prompts/bot/release.yaml"))
        try project.write("prompts/bot/release.yaml", "prompt: [bot\n")
        let broken = try await server.send("GET", "/v1/variant?session=s&prompt=bot")
        #expect(broken.status == 500)
        #expect(try ServeProcess.object(broken)["error"] as? String == "invalid_release_manifest")
        try project.write("prompts/bot/release.yaml", good)
        #expect(try await server.send("GET", "/v1/variant?session=s&prompt=bot").status == 200)
        #expect(await server.stop() == 0)
    }

    @Test func servedSpecIsTheDocumentAndCoversEveryRoute() async throws {
        let file = TempProject.repositoryRoot + "/docs/feedback-api.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text == FeedbackAPISpec.yaml, "run scripts/embed-feedback-api.sh")

        let project = try TempProject(files: ["promptgate.yaml": FeedbackServeTests.config])
        let server = try await ServeProcess.start(root: project.root)
        let response = try await server.send("GET", "/openapi.json")
        #expect(response.status == 200 && response.header("Content-Type") == "application/json")
        let served = try JSONParser.parse(response.body)
        let node = try #require(try YAMLParser.parse(Array(text.utf8), file: "feedback-api.yaml"))
        #expect(served == FeedbackAPISpec.jsonValue(node))
        guard case .object(let document) = served, case .object(let paths)? = document["paths"]
        else {
            Issue.record("no paths")
            return
        }
        #expect(document["openapi"] == .string("3.1.0"))
        #expect(Set(paths.keys) == Set(FeedbackService.routes.keys))
        for (path, methods) in FeedbackService.routes {
            guard case .object(let operations)? = paths[path] else { continue }
            #expect(Set(operations.keys) == Set(methods.map { $0.lowercased() }), "\(path)")
            // Every route answers the methods it declares, and a wrong one with a documented 405.
            for method in methods {
                guard case .object(let op)? = operations[method.lowercased()],
                    case .object(let responses)? = op["responses"]
                else { continue }
                #expect(responses["405"] != nil, "\(path) documents 405")
                if path.hasPrefix("/v1/") {
                    #expect(responses["401"] != nil, "\(path) documents 401")
                }
                if method == "POST" {
                    for status in ["200", "400", "413", "415", "429", "503"] {
                        #expect(responses[status] != nil, "\(path) documents \(status)")
                    }
                }
            }
            let wrong = methods.contains("POST") ? "GET" : "POST"
            let answer = try await server.send(wrong, path, body: wrong == "POST" ? "{}" : nil)
            #expect(answer.status == 405, "\(wrong) \(path)")
        }
        #expect(await server.stop() == 0)
    }
}
