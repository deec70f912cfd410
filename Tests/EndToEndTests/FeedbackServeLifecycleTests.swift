import Foundation
import HTTPClient
import SQLite
import TestKit
import Testing

/// `feedback serve` under a held store lock (a bounded queue answers 429, a store that stays
/// locked 503), SIGTERM with a request in flight, imports alongside, and the analyses over
/// served records.
@Suite struct FeedbackServeLifecycleTests {
    let project: TempProject

    init() throws {
        project = try TempProject(files: ["promptgate.yaml": FeedbackServeTests.config])
    }

    var storePath: String { project.path(".promptgate/promptgate.db") }

    /// Polls `/healthz` until `queued` records wait for the writer.
    func waitQueued(_ server: ServeProcess, _ queued: Int) async throws {
        for _ in 0..<3000 {
            let health = try ServeProcess.object(try await server.send("GET", "/healthz"))
            if health["queued"] as? Int == queued { return }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        throw TestSupportError("the queue never held \(queued) records")
    }

    /// Holds the store's write lock (as a long `run` or import would) until released.
    func lockStore() throws -> SQLiteDatabase {
        let db = try SQLiteDatabase(path: storePath)
        try db.execute(
            "BEGIN IMMEDIATE; INSERT INTO cache (request_key, repeat_index, response, created_at) "
                + "VALUES ('k', 0, 'r', 't');")
        return db
    }

    @Test func fullQueueAnswers429AndTheHeldRecordIsStoredAfterTheLock() async throws {
        let server = try await ServeProcess.start(
            root: project.root, arguments: ["--queue", "1", "--busy-timeout", "600"])
        _ = try await server.send("GET", "/v1/stats")  // creates the store
        let db = try lockStore()
        let held = Task {
            try await server.send(
                "POST", "/v1/feedback", body: #"{"id": "a", "rating": 1, "response": "r"}"#)
        }
        try await waitQueued(server, 1)
        let refused = try await server.send(
            "POST", "/v1/feedback", body: #"{"id": "b", "rating": 1, "response": "r"}"#)
        #expect(refused.status == 429 && refused.header("Retry-After") == "1")
        #expect(try ServeProcess.object(refused)["error"] as? String == "queue_full")
        try db.execute("ROLLBACK")
        let accepted = try await held.value
        #expect(accepted.status == 200, "\(String(decoding: accepted.body, as: UTF8.self))")
        let ids = try db.query("SELECT id FROM feedback").map { $0[0] }
        #expect(ids == [.text("a")], "acknowledged is stored, refused is not")
        #expect(await server.stop() == 0)
    }

    @Test func storeLockedPastTheBusyTimeoutAnswers503AndStoresNothing() async throws {
        let server = try await ServeProcess.start(
            root: project.root, arguments: ["--busy-timeout", "1"])
        _ = try await server.send("GET", "/v1/stats")
        let db = try lockStore()
        let response = try await server.send(
            "POST", "/v1/feedback", body: #"{"id": "a", "rating": 1, "response": "r"}"#)
        try db.execute("ROLLBACK")
        #expect(response.status == 503 && response.header("Retry-After") == "5")
        #expect(try ServeProcess.object(response)["error"] as? String == "store_unavailable")
        #expect(try db.queryValue("SELECT count(*) FROM feedback") == .integer(0))
        // The retry the 503 asks for succeeds.
        let retry = try await server.send(
            "POST", "/v1/feedback", body: #"{"id": "a", "rating": 1, "response": "r"}"#)
        #expect(retry.status == 200)
        #expect(await server.stop() == 0)
    }

    @Test func sigtermFinishesTheRequestInFlightAndExitsZero() async throws {
        let server = try await ServeProcess.start(
            root: project.root, arguments: ["--busy-timeout", "600"])
        _ = try await server.send("GET", "/v1/stats")
        let db = try lockStore()
        let inFlight = Task {
            try await server.send(
                "POST", "/v1/feedback", body: #"{"id": "late", "stars": 2, "response": "r"}"#)
        }
        try await waitQueued(server, 1)
        kill(server.pid, SIGTERM)
        try await Task.sleep(nanoseconds: 200_000_000)
        try db.execute("ROLLBACK")
        let response = try await inFlight.value
        #expect(response.status == 200, "\(String(decoding: response.body, as: UTF8.self))")
        #expect(await server.stop() == 0, "\(server.stderr)")
        #expect(server.stderr.contains("SIGTERM: stopping"))
        #expect(try db.queryValue("SELECT id FROM feedback") == .text("late"))
    }

    @Test func importAndServeShareTheStoreAndAnalyzeReadsServedRecords() async throws {
        let server = try await ServeProcess.start(root: project.root)
        var lines = ""
        for i in 0..<300 {
            lines +=
                "{\"id\": \"imp-\(i)\", \"rating\": -1, \"user_input\": \"How do I reset my password \(i)?\", \"response\": \"Try again.\", \"prompt_version\": \"1.2\"}\n"
        }
        try project.write("export.jsonl", lines)
        let client = server
        let posting = Task {
            var stored = 0
            for batch in 0..<30 {
                var records: [String] = []
                for i in 0..<10 {
                    let n = batch * 10 + i
                    records.append(
                        "{\"id\": \"srv-\(n)\", \"rating\": -1, \"comment\": \"wrong answer\", \"user_input\": \"Cancel my subscription \(n)\", \"response\": \"Sorry, I cannot.\", \"prompt_version\": \"1.3\"}"
                    )
                }
                let r = try await client.send(
                    "POST", "/v1/feedback", body: "[\(records.joined(separator: ","))]")
                stored += try ServeProcess.object(r)["stored"] as? Int ?? 0
            }
            return stored
        }
        let imported = try await CLIProcess.run(
            ["feedback", "import", "export.jsonl", "--format", "json"], in: project.root)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try await posting.value == 300)
        #expect(await server.stop() == 0)

        let all = try await CLIProcess.run(
            ["feedback", "analyze", "--format", "json"], in: project.root)
        #expect(all.status == 0, "\(all.stderr)")
        #expect(try E2EProject.json(all.stdout)["negatives"] as? Int == 600)
        let served = try await CLIProcess.run(
            ["feedback", "analyze", "--format", "json", "--version", "1.3"], in: project.root)
        let report = try E2EProject.json(served.stdout)
        #expect(report["negatives"] as? Int == 300, "\(served.stdout.prefix(400))")
        #expect((report["patterns"] as? [Any])?.isEmpty == false, "served records make patterns")
    }

    @Test func sigkillLosesNoAcknowledgedRecordAndTheStoreReopens() async throws {
        let server = try await ServeProcess.start(root: project.root)
        var acknowledged: [String] = []
        for batch in 0..<20 {
            let ids = (0..<25).map { "k\(batch)-\($0)" }
            let body =
                "["
                + ids.map { "{\"id\": \"\($0)\", \"rating\": 1, \"response\": \"r\"}" }.joined(
                    separator: ",") + "]"
            let response = try await server.send("POST", "/v1/feedback", body: body)
            if response.status == 200 { acknowledged += ids }
        }
        #expect(await server.stop(signal: SIGKILL) == 128 + SIGKILL)
        let again = try await ServeProcess.start(root: project.root)
        let stats = try ServeProcess.object(try await again.send("GET", "/v1/stats"))
        #expect((stats["feedback"] as? [String: Any])?["total"] as? Int == acknowledged.count)
        #expect(acknowledged.count == 500)
        let db = try SQLiteDatabase(path: storePath)
        #expect(try db.queryValue("PRAGMA integrity_check") == .text("ok"))
        #expect(await again.stop() == 0)
    }

    @Test func portInUseIsAnInfrastructureError() async throws {
        let server = try await ServeProcess.start(root: project.root)
        let second = try await CLIProcess.run(
            ["feedback", "serve", "--port", "\(server.port)"], in: project.root)
        #expect(second.status == 3 && second.stderr.contains("cannot listen"), "\(second.stderr)")
        #expect(await server.stop(signal: SIGINT) == 0)
    }
}
