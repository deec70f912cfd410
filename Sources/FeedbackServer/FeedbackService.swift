import Basics
import Feedback
import Foundation
import JSON
import PromptGateModel

/// How `promptgate feedback serve` behaves.
public struct ServiceOptions: Sendable {
    /// Request bodies over this many bytes get 413.
    public var bodyLimit: Int
    /// When set, `/v1/…` requires `Authorization: Bearer <token>` (401 otherwise).
    public var token: String?
    public var redact: Bool
    public var policy: NegativePolicy

    public init(
        bodyLimit: Int = 1 << 20, token: String? = nil, redact: Bool = true,
        policy: NegativePolicy = NegativePolicy()
    ) {
        self.bodyLimit = bodyLimit
        self.token = token
        self.redact = redact
        self.policy = policy
    }
}

/// The collection API: routes, checks and answers (docs/feedback-api.yaml). Records go
/// through the import's parser, redaction, negative rules and dedupe keys, then to the
/// ``IngestQueue``; a 200 for them is sent only after their commit.
public final class FeedbackService: RequestHandler {
    let options: ServiceOptions
    let queue: IngestQueue
    let variants: VariantResolver
    private let feedbackParser = RecordParser(mapping: .feedback(explicit: [:]))
    private let outcomeParser = RecordParser(mapping: .outcomes(explicit: [:]))
    func feedbackParserResult(_ row: SourceRow) -> Result<FeedbackRecord, RowFailure> {
        feedbackParser.feedback(row)
    }
    func outcomeParserResult(_ row: SourceRow) -> Result<OutcomeRecord, RowFailure> {
        outcomeParser.outcome(row)
    }
    static let feedbackFields = FeedbackField.allCases.map { ($0.rawValue, $0.aliases) }
    static let outcomeFields = OutcomeField.allCases.map { ($0.rawValue, $0.aliases) }

    public init(options: ServiceOptions, queue: IngestQueue, variants: VariantResolver) {
        self.options = options
        self.queue = queue
        self.variants = variants
    }

    /// Every route: path → the methods it answers.
    public static let routes: [String: [String]] = [
        "/healthz": ["GET"], "/openapi.json": ["GET"], "/v1/feedback": ["POST"],
        "/v1/outcomes": ["POST"], "/v1/variant": ["GET"], "/v1/stats": ["GET"],
    ]

    public func preflight(_ head: ServerRequest) -> ServerResponse? {
        do throws(APIError) {
            try check(head)
            return nil
        } catch {
            return error.response
        }
    }

    private func check(_ head: ServerRequest) throws(APIError) {
        guard let methods = Self.routes[head.path] else {
            let paths = Self.routes.keys.sorted().joined(separator: ", ")
            throw APIError(
                status: 404, code: "not_found",
                detail: "no endpoint \(head.path); endpoints: \(paths) (see /openapi.json)")
        }
        let allowed = methods.contains("GET") ? methods + ["HEAD"] : methods
        guard allowed.contains(head.method) else {
            throw APIError(
                status: 405, code: "method_not_allowed",
                detail:
                    "\(head.path) answers \(methods.joined(separator: ", ")), not \(head.method)",
                headers: [("Allow", allowed.joined(separator: ", "))])
        }
        if head.path.hasPrefix("/v1/"), let token = options.token {
            guard let given = Self.bearer(head.headers["authorization"]),
                ConstantTime.equal(Array(given.utf8), Array(token.utf8))
            else {
                throw APIError(
                    status: 401, code: "unauthorized",
                    detail:
                        "send the ingestion token as 'Authorization: Bearer <token>' (the value of the server's --token-env variable)",
                    headers: [("WWW-Authenticate", "Bearer")])
            }
        }
        if head.method == "POST" {
            guard IngestBody.format(contentType: head.headers["content-type"]) != nil else {
                let given = head.headers["content-type"].map { "'\($0)'" } ?? "none"
                throw APIError(
                    status: 415, code: "unsupported_media_type", field: "Content-Type",
                    detail:
                        "Content-Type is \(given); send application/json (one record or an array) or application/x-ndjson"
                )
            }
            if let length = head.headers["content-length"].flatMap({ Int($0) }),
                length > options.bodyLimit
            {
                throw tooLargeError(limit: options.bodyLimit)
            }
        }
    }

    /// The token of `Authorization: Bearer <token>`, or nil.
    static func bearer(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    public func tooLarge(_ head: ServerRequest, limit: Int) -> ServerResponse {
        tooLargeError(limit: limit).response
    }

    private func tooLargeError(limit: Int) -> APIError {
        APIError(
            status: 413, code: "payload_too_large",
            detail:
                "the body is over the \(limit)-byte limit; split the records over several requests (the server's --max-body raises the limit)"
        )
    }

    public func draining(_ head: ServerRequest) -> ServerResponse {
        APIError(
            status: 503, code: "shutting_down",
            detail: "the server is stopping; retry against the restarted server",
            headers: [("Retry-After", "1"), ("Connection", "close")]
        ).response
    }

    public func handle(_ request: ServerRequest) -> HandlerOutcome {
        switch request.path {
        case "/healthz":
            let body = JSONValue.object([
                "status": .string("ok"), "queued": .integer(Int64(queue.queuedRecords)),
            ])
            return .respond(.json(200, body.jsonText))
        case "/openapi.json":
            return .respond(
                ServerResponse(
                    status: 200, headers: [("Content-Type", "application/json")],
                    body: FeedbackAPISpec.json))
        case "/v1/variant":
            return .respond(variant(request))
        case "/v1/stats":
            return enqueue(.stats) { done in
                guard case .stats(let feedback, let outcomes) = done else { return nil }
                return .json(200, Self.statsJSON(feedback: feedback, outcomes: outcomes).jsonText)
            }
        case "/v1/feedback":
            return ingestFeedback(request)
        default:
            return ingestOutcomes(request)
        }
    }

    private func variant(_ request: ServerRequest) -> ServerResponse {
        do throws(APIError) {
            guard let session = request.query["session"], !session.isEmpty else {
                throw .badRequest(
                    "missing_parameter", field: "session",
                    detail: "give the session id: /v1/variant?session=ID&prompt=PROMPT")
            }
            guard let prompt = request.query["prompt"], !prompt.isEmpty else {
                throw .badRequest(
                    "missing_parameter", field: "prompt",
                    detail: "give the prompt id: /v1/variant?session=ID&prompt=PROMPT")
            }
            let salt = request.query["salt"].flatMap { $0.isEmpty ? nil : $0 }
            let a = try variants.assign(session: session, prompt: prompt, salt: salt)
            let body = JSONValue.object([
                "session": .string(a.session), "prompt": .string(a.prompt),
                "bucket": .integer(Int64(a.bucket)), "version": .string(a.version),
                "arm": .string(a.arm.rawValue),
            ])
            return .json(200, body.jsonText)
        } catch {
            return error.response
        }
    }

    /// Hands `work` to the writer; `answer` turns its result into the response (nil: 500).
    func enqueue(
        _ work: IngestQueue.Work,
        answer: @escaping @Sendable (IngestQueue.Done) -> ServerResponse?
    ) -> HandlerOutcome {
        let queue = queue
        return .deferred { reply in
            let job = IngestQueue.Job(work: work) { result in
                switch result {
                case .success(let done):
                    reply(
                        answer(done)
                            ?? APIError(status: 500, code: "internal", detail: "unexpected result")
                            .response)
                case .failure(let error):
                    reply(
                        APIError(
                            status: 503, code: "store_unavailable",
                            detail: "nothing was stored: \(error.description); retry later",
                            headers: [("Retry-After", "5")]
                        ).response)
                }
            }
            if !queue.submit(job) {
                reply(
                    APIError(
                        status: 429, code: "queue_full",
                        detail:
                            "the ingest queue is full (\(queue.capacity) records waiting for the store); nothing was stored, retry after the Retry-After seconds",
                        headers: [("Retry-After", "1")]
                    ).response)
            }
        }
    }
}
