import Feedback
import Foundation
import HTTPClient
import SQLite
import TestKit
import Testing

/// `promptgate feedback serve` through the built binary over real HTTP: every endpoint,
/// every error status, the token, idempotent ids and redaction.
@Suite struct FeedbackServeTests {
    static let config = "providers:\n  p: { type: openai, model: m }\n"
    let project: TempProject

    init() throws {
        project = try TempProject(files: ["promptgate.yaml": Self.config])
    }

    var storePath: String { project.path(".promptgate/promptgate.db") }

    /// Stored feedback rows as (id, comment, response, user_input, is_negative, source).
    func stored() throws -> [[SQLiteValue]] {
        let db = try SQLiteDatabase(path: storePath)
        return try db.query(
            "SELECT id, comment, response, user_input, is_negative, source FROM feedback ORDER BY rowid"
        )
    }

    static func text(_ response: HTTPResponse) -> String {
        String(decoding: response.body, as: UTF8.self)
    }

    @Test func feedbackIsStoredOnceRedactedAndCountedInStats() async throws {
        let server = try await ServeProcess.start(root: project.root)
        let record = """
            {"id": "fb-1", "feedback_type": "explicit", "rating": -1, "session_id": "s1",
             "request_id": "r1", "system_prompt": "You help.", "user_input": "my mail is ann@corp.example.com",
             "response": "charged card 4111 1111 1111 1111", "model": "m", "prompt_version": "1.2",
             "comment": "wrong"}
            """
        let first = try await server.send("POST", "/v1/feedback", body: record)
        #expect(first.status == 200, "\(Self.text(first))")
        let body = try ServeProcess.object(first)
        #expect(body["stored"] as? Int == 1 && body["duplicates"] as? Int == 0)
        #expect(body["negatives"] as? Int == 1)
        #expect(body["ids"] as? [String] == ["fb-1"])
        let redacted = body["redacted"] as? [String: Int]
        #expect(redacted?["email"] == 1 && redacted?["card"] == 1)

        // The same id again (a retry): stored once.
        let retry = try await server.send("POST", "/v1/feedback", body: record)
        #expect(try ServeProcess.object(retry)["duplicates"] as? Int == 1)

        // No id: the server assigns one from the content, the same on a retry.
        let anonymous =
            #"[{"signal": "copied", "response": "ok"}, {"stars": 5, "user_input": "q"}]"#
        let a = try ServeProcess.object(
            try await server.send("POST", "/v1/feedback", body: anonymous))
        let b = try ServeProcess.object(
            try await server.send("POST", "/v1/feedback", body: anonymous))
        #expect(
            a["stored"] as? Int == 2 && b["stored"] as? Int == 0 && b["duplicates"] as? Int == 2)
        let ids = try #require(a["ids"] as? [String])
        #expect(ids == b["ids"] as? [String] && ids.allSatisfy { $0.hasPrefix("fb_") })

        // NDJSON, with aliases.
        let ndjson =
            "{\"thumbs\": \"up\", \"question\": \"hi\", \"answer\": \"hello\"}\n\n{\"comment\": \"too long\", \"output\": \"x\"}\n"
        let n = try await server.send(
            "POST", "/v1/feedback", body: ndjson, contentType: "application/x-ndjson")
        #expect(try ServeProcess.object(n)["stored"] as? Int == 2, "\(Self.text(n))")

        let rows = try stored()
        #expect(rows.count == 5)
        let first0 = try #require(rows.first)
        #expect(first0[0] == .text("fb-1"))
        #expect(
            first0[2] == .text("charged card [CARD]") && first0[3] == .text("my mail is [EMAIL]"))
        #expect(first0[4] == .integer(1) && first0[5] == .text("feedback serve"))
        let everything = rows.flatMap { $0 }.map { "\($0)" }.joined()
        #expect(!everything.contains("ann@corp") && !everything.contains("4111"))

        let outcomes = """
            [{"session_id": "s1", "prompt_version": "1.2", "outcome": "Resolved", "time_to_outcome_ms": 900},
             {"session_id": "s2", "variant": "1.3", "outcome": "escalated", "satisfied": false}]
            """
        let o = try await server.send("POST", "/v1/outcomes", body: outcomes)
        #expect(try ServeProcess.object(o)["stored"] as? Int == 2, "\(Self.text(o))")
        let o2 = try await server.send("POST", "/v1/outcomes", body: outcomes)
        #expect(try ServeProcess.object(o2)["duplicates"] as? Int == 2)

        let stats = try ServeProcess.object(try await server.send("GET", "/v1/stats"))
        let feedback = try #require(stats["feedback"] as? [String: Any])
        #expect(feedback["total"] as? Int == 5)
        let byVersion = feedback["by_version"] as? [String: [String: Int]]
        #expect(byVersion?["1.2"] == ["explicit": 1])
        #expect(byVersion?["unversioned"] == ["implicit": 1, "explicit": 2, "detailed": 1])
        let outcomeStats = try #require(stats["outcomes"] as? [String: Any])
        #expect(
            outcomeStats["by_version"] as? [String: [String: Int]] == [
                "1.2": ["resolved": 1], "1.3": ["escalated": 1],
            ])

        let health = try ServeProcess.object(try await server.send("GET", "/healthz"))
        #expect(health["status"] as? String == "ok" && health["queued"] as? Int == 0)
        #expect(await server.stop() == 0, "\(server.stderr)")
        #expect(server.stderr.contains("stopped; 7 records stored"), "\(server.stderr)")
    }

    @Test func errorsNameTheFieldAndStoreNothing() async throws {
        let server = try await ServeProcess.start(
            root: project.root, arguments: ["--max-body", "2000"])
        func error(_ response: HTTPResponse) throws -> (Int, String?, String?, String) {
            let o = try ServeProcess.object(response)
            return (
                response.status, o["error"] as? String, o["field"] as? String,
                o["detail"] as? String ?? ""
            )
        }
        // 400: a bad value, named; the batch's good record is not stored either.
        let bad = #"[{"rating": 1, "user_input": "ok"}, {"rating": 7, "user_input": "x"}]"#
        let (status, code, field, detail) = try error(
            try await server.send("POST", "/v1/feedback", body: bad))
        #expect(status == 400 && code == "invalid_record" && field == "rating")
        #expect(
            detail.hasPrefix("record 2: rating: out of range (7)") && !detail.contains("--map"),
            "\(detail)")
        let typo = try error(
            try await server.send("POST", "/v1/feedback", body: #"{"ratng": 1, "response": "r"}"#))
        #expect(typo.0 == 400 && typo.1 == "unknown_field" && typo.2 == "ratng")
        #expect(typo.3.contains("did you mean 'rating'?"), "\(typo.3)")
        let empty = try error(
            try await server.send("POST", "/v1/feedback", body: #"{"rating": 1}"#))
        #expect(empty.0 == 400 && empty.2 == "user_input")
        let notJSON = try error(try await server.send("POST", "/v1/feedback", body: "{nope"))
        #expect(notJSON.0 == 400 && notJSON.1 == "invalid_json")
        let outcome = try error(
            try await server.send("POST", "/v1/outcomes", body: #"{"session_id": "s"}"#))
        #expect(outcome.0 == 400 && outcome.2 == "prompt_version", "\(outcome)")
        let variant = try error(try await server.send("GET", "/v1/variant?prompt=support"))
        #expect(variant.0 == 400 && variant.2 == "session")
        let traversal = try error(
            try await server.send("GET", "/v1/variant?session=s&prompt=../../etc"))
        #expect(traversal.0 == 400 && traversal.2 == "prompt")
        // 404 for a path and for a prompt without a release.yaml.
        #expect(try error(try await server.send("GET", "/v2/feedback")).0 == 404)
        let unknown = try error(try await server.send("GET", "/v1/variant?session=s&prompt=nope"))
        #expect(unknown.0 == 404 && unknown.1 == "unknown_prompt")
        // 405 with Allow.
        let get = try await server.send("GET", "/v1/feedback")
        #expect(get.status == 405 && get.header("Allow") == "POST")
        #expect(try await server.send("DELETE", "/v1/stats").status == 405)
        // 413 over --max-body, 415 for another content type.
        let big = "{\"comment\": \"\(String(repeating: "x", count: 3000))\", \"response\": \"r\"}"
        let tooLarge = try error(try await server.send("POST", "/v1/feedback", body: big))
        #expect(tooLarge.0 == 413 && tooLarge.1 == "payload_too_large")
        let form = try error(
            try await server.send(
                "POST", "/v1/feedback", body: "rating=1", contentType: "text/plain"))
        #expect(form.0 == 415 && form.2 == "Content-Type")

        #expect(try stored().isEmpty)
        // Hostile text in a key is escaped by the JSON encoding, and the server lives on.
        let hostile = try await server.send(
            "POST", "/v1/feedback", body: "{\"\\u001b[31m\\\"x\": 1}")
        #expect(hostile.status == 400 && !Self.text(hostile).contains("\u{1B}"))
        #expect(try await server.send("GET", "/healthz").status == 200)
        #expect(await server.stop() == 0)
    }

    @Test func tokenIsRequiredOnV1AndNeverLogged() async throws {
        let token = "tok-SECRET-4242"
        let server = try await ServeProcess.start(
            root: project.root, arguments: ["--token-env", "PG_INGEST_TOKEN", "--log"],
            environment: ["PG_INGEST_TOKEN": token])
        let record = #"{"rating": 1, "response": "r"}"#
        let none = try await server.send("POST", "/v1/feedback", body: record)
        #expect(none.status == 401 && none.header("WWW-Authenticate") == "Bearer")
        #expect(try ServeProcess.object(none)["error"] as? String == "unauthorized")
        let wrong = try await server.send(
            "POST", "/v1/feedback", body: record,
            headers: ["Authorization": "Bearer tok-SECRET-4243"])
        #expect(wrong.status == 401)
        #expect(try await server.send("GET", "/v1/stats").status == 401)
        let right = try await server.send(
            "POST", "/v1/feedback", body: record, headers: ["Authorization": "Bearer \(token)"])
        #expect(right.status == 200, "\(Self.text(right))")
        #expect(try await server.send("GET", "/healthz").status == 200, "health needs no token")
        #expect(await server.stop() == 0)
        let log = server.stderr
        #expect(
            log.contains("POST /v1/feedback 401") && log.contains("POST /v1/feedback 200"), "\(log)"
        )
        #expect(!log.contains(token))
        #expect(try stored().count == 1)

        let unset = try await CLIProcess.run(
            ["feedback", "serve", "--token-env", "PG_NOT_SET"], in: project.root)
        #expect(
            unset.status == 2 && unset.stderr.contains("PG_NOT_SET is not set"), "\(unset.stderr)")
    }

    @Test func usageErrors() async throws {
        let port = try await CLIProcess.run(
            ["feedback", "serve", "--port", "70000"], in: project.root)
        #expect(port.status == 2 && port.stderr.contains("--port"), "\(port.stderr)")
        let bind = try await CLIProcess.run(
            ["feedback", "serve", "--bind", "localhost"], in: project.root)
        #expect(bind.status == 2 && bind.stderr.contains("not an IP address"), "\(bind.stderr)")
        let option = try await CLIProcess.run(
            ["feedback", "serve", "--table", "t"], in: project.root)
        #expect(option.status == 2 && option.stderr.contains("does not apply"), "\(option.stderr)")
    }
}
