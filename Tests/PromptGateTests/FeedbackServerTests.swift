import Feedback
import Foundation
import JSON
import PromptGateModel
import Synchronization
import Testing

@testable import FeedbackServer

/// The collection service without HTTP: body formats, key checks, the token, the queue's
/// group commit and bound, and answers that follow the commit.
@Suite struct FeedbackServerTests {
    static let fields = FeedbackService.feedbackFields

    static func rows(_ text: String, _ format: IngestBody.Format = .json) throws(APIError)
        -> [SourceRow]
    {
        try IngestBody.rows(Array(text.utf8), format: format, fields: fields)
    }

    static func error(_ text: String, _ format: IngestBody.Format = .json) -> APIError? {
        do {
            _ = try rows(text, format)
            return nil
        } catch {
            return error
        }
    }

    @Test func contentTypes() {
        #expect(IngestBody.format(contentType: "application/json") == .json)
        #expect(IngestBody.format(contentType: "Application/JSON; charset=utf-8") == .json)
        #expect(IngestBody.format(contentType: "application/x-ndjson") == .ndjson)
        #expect(IngestBody.format(contentType: "text/plain") == nil)
        #expect(IngestBody.format(contentType: nil) == nil)
    }

    @Test func bodiesAreOneObjectAnArrayOrNDJSON() throws {
        #expect(try Self.rows(#"{"rating": 1, "response": "r"}"#).count == 1)
        let array = try Self.rows(
            #"[{"rating": 1, "response": "r"}, {"Stars": 2, "Question": "q"}]"#)
        #expect(array.map(\.location) == [.record(1), .record(2)])
        #expect(
            array[1].columns["stars"] == .integer(2) && array[1].columns["question"] == .string("q")
        )
        let ndjson = try Self.rows(
            "{\"rating\": 1, \"response\": \"r\"}\n\n  \r\n{\"rating\": -1, \"response\": \"s\"}",
            .ndjson)
        #expect(ndjson.count == 2)
        #expect(
            Self.error("{\"rating\": 1}\n{oops}", .ndjson)?.detail.hasPrefix("line 2 is not JSON")
                == true)
    }

    @Test func badBodiesNameWhatIsWrong() {
        let unknown = Self.error(#"{"ratting": 1, "response": "r"}"#)
        #expect(
            unknown?.status == 400 && unknown?.code == "unknown_field"
                && unknown?.field == "ratting")
        #expect(unknown?.detail.contains("did you mean 'rating'?") == true)
        let twice = Self.error(#"{"user_input": "a", "question": "b", "rating": 1}"#)
        #expect(twice?.code == "duplicate_field" && twice?.field == "user_input")
        #expect(Self.error("[]")?.code == "no_records")
        #expect(Self.error("[1]")?.detail == "record 1: expected a JSON object, got number")
        #expect(Self.error("\"x\"")?.code == "invalid_record")
        #expect(Self.error("{")?.code == "invalid_json")
        let many =
            "[" + Array(repeating: "{}", count: IngestBody.maxRecords + 1).joined(separator: ",")
            + "]"
        #expect(Self.error(many)?.code == "too_many_records")
        // A null duplicate is absent, as in the import.
        #expect(Self.error(#"{"user_input": "a", "question": null, "rating": 1}"#) == nil)
    }

    @Test func promptIDsAreNeverPaths() {
        #expect(VariantResolver.isPromptID("support") && VariantResolver.isPromptID("a.b-c_1"))
        for bad in [
            "", "../x", ".hidden", "a/b", "a b", "a\u{0}b", String(repeating: "x", count: 201),
        ] {
            #expect(!VariantResolver.isPromptID(bad), "\(bad)")
        }
    }

    @Test func tokenComparison() throws {
        #expect(ConstantTime.equal(Array("abc".utf8), Array("abc".utf8)))
        #expect(!ConstantTime.equal(Array("abc".utf8), Array("abd".utf8)))
        #expect(!ConstantTime.equal(Array("abc".utf8), Array("abcd".utf8)))
        #expect(!ConstantTime.equal([], Array("a".utf8)))
        #expect(FeedbackService.bearer("Bearer  tok ") == "tok")
        #expect(FeedbackService.bearer("bearer tok") == "tok")
        #expect(
            FeedbackService.bearer("Basic tok") == nil && FeedbackService.bearer("Bearer") == nil)
    }

    @Test func preflightChecksRouteMethodTokenTypeAndLength() throws {
        let dir = try FeedbackTempDir()
        let queue = try IngestQueue(storePath: dir.file("s.db"), source: "test")
        defer { queue.stop() }
        let service = FeedbackService(
            options: ServiceOptions(bodyLimit: 10, token: "t0k"), queue: queue,
            variants: VariantResolver(root: dir.path))
        func status(_ method: String, _ path: String, _ headers: [String: String] = [:]) -> Int? {
            service.preflight(ServerRequest(method: method, path: path, headers: headers))?.status
        }
        let auth = ["authorization": "Bearer t0k"]
        #expect(status("GET", "/nope") == 404)
        #expect(status("PUT", "/v1/feedback") == 405)
        #expect(status("POST", "/v1/feedback", ["content-type": "application/json"]) == 401)
        #expect(status("POST", "/v1/feedback", auth) == 415)
        #expect(
            status(
                "POST", "/v1/feedback",
                auth.merging(["content-type": "application/json", "content-length": "11"]) { a, _ in
                    a
                })
                == 413)
        #expect(
            status(
                "POST", "/v1/feedback",
                auth.merging(["content-type": "application/json"]) { a, _ in a }) == nil)
        #expect(status("GET", "/healthz") == nil && status("HEAD", "/healthz") == nil)
    }

    /// Runs `outcome` to its answer (a deferred one through the real writer).
    static func answer(_ outcome: HandlerOutcome) -> ServerResponse {
        switch outcome {
        case .respond(let response): return response
        case .deferred(let start):
            let done = DispatchSemaphore(value: 0)
            let box = Mutex<ServerResponse?>(nil)
            start { response in
                box.withLock { $0 = response }
                done.signal()
            }
            done.wait()
            return box.withLock { $0 } ?? ServerResponse(status: 0)
        }
    }

    @Test func aBatchWithOneBadRecordStoresNothingAndGoodOnesAreCommittedBeforeTheAnswer() throws {
        let dir = try FeedbackTempDir()
        let path = dir.file("s.db")
        let queue = try IngestQueue(storePath: path, source: "test")
        let service = FeedbackService(
            options: ServiceOptions(), queue: queue, variants: VariantResolver(root: dir.path))
        func post(_ body: String) -> ServerResponse {
            Self.answer(
                service.handle(
                    ServerRequest(
                        method: "POST", path: "/v1/feedback",
                        headers: ["content-type": "application/json"], body: Array(body.utf8))))
        }
        let bad = post(#"[{"rating": 1, "response": "ok"}, {"stars": 9, "response": "x"}]"#)
        #expect(bad.status == 400)
        #expect(String(decoding: bad.body, as: UTF8.self).contains(#""field":"stars""#))
        let good = post(
            #"[{"rating": 1, "response": "call +1 (555) 123-4567"}, {"signal": "regen", "response": "x"}]"#
        )
        #expect(good.status == 200)
        // Answered means committed: a second connection sees both now.
        let store = try FeedbackStore(path: path)
        let entries = try store.entries()
        #expect(entries.count == 2)
        #expect(
            entries[0].record.response == "call [PHONE]"
                && entries[0].record.id?.hasPrefix("fb_") == true)
        #expect(entries[1].record.signal == .regenerated && entries[1].isNegative)
        #expect(entries[0].key.hasPrefix("sha256:"), "the import's dedupe key")
        queue.stop()
        #expect(queue.stored == 2)
    }

    @Test func queueGroupCommitsAndRefusesPastItsCapacity() throws {
        let dir = try FeedbackTempDir()
        let queue = try IngestQueue(
            storePath: dir.file("s.db"), source: "test", capacity: 1_000, maxBatch: 500)
        let finished = Atomic<Int>(0)
        let record = { (id: String) in
            FeedbackStore.Entry(
                record: FeedbackRecord(id: id, response: "r"), key: "id:\(id)", isNegative: false)
        }
        var accepted = 0
        var refused = 0
        for job in 0..<200 {
            let entries = (0..<10).map { record("j\(job)-\($0)") }
            let ok = queue.submit(
                IngestQueue.Job(work: .store(feedback: entries, outcomes: [])) { result in
                    if case .success(.stored(let flags, _)) = result, flags.allSatisfy({ $0 }) {
                        finished.add(1, ordering: .relaxed)
                    }
                })
            if ok { accepted += 1 } else { refused += 1 }
        }
        // 2,000 records into a 1,000-record queue: whatever was refused was never queued,
        // whatever was accepted is stored.
        queue.stop()
        #expect(accepted + refused == 200 && accepted >= 100)
        #expect(finished.load(ordering: .relaxed) == accepted)
        #expect(queue.stored == accepted * 10)
        #expect(
            !queue.submit(IngestQueue.Job(work: .stats) { _ in }), "a stopped queue takes nothing")
    }

    @Test func storeSaysWhichRecordsWereNew() throws {
        let dir = try FeedbackTempDir()
        let store = try dir.store()
        let entry = FeedbackStore.Entry(
            record: FeedbackRecord(id: "a", response: "r"), key: "id:a", isNegative: true)
        let first = try store.insert(
            feedback: [entry, entry], outcomes: [OutcomeRecord(sessionID: "s", promptVersion: "1")],
            source: "t", importedAt: "now")
        #expect(first.feedback == [true, false] && first.outcomes == [true])
        let counts = try store.feedbackCounts()
        #expect(counts.total == 1 && counts.byVersion[""]?[""] == 1)
        #expect(try store.outcomeCounts().byVersion["1"]?[""] == 1)
    }
}
