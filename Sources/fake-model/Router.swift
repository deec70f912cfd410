import Synchronization

/// Maps requests to endpoints and keeps the statistics.
final class Router: Sendable {
    let options: ServerOptions
    let script: Script
    let stats = ServerStats()
    let faults: FaultInjector
    private let completionIDs = Atomic<Int>(0)

    init(options: ServerOptions, script: Script) {
        self.options = options
        self.script = script
        faults = FaultInjector(
            rate: options.errorRate, faults: options.faults,
            seed: options.seed ?? UInt64.random(in: 0...UInt64.max))
    }

    func handle(_ request: IncomingRequest) -> ReplyAction {
        switch (request.method, request.path) {
        case ("GET", "/stats"):
            return .respond(OutgoingResponse(status: 200, json: stats.snapshot()))
        case ("POST", "/stats/reset"):
            stats.reset()
            return .respond(OutgoingResponse(status: 200, json: ["ok": true]))
        default:
            break
        }
        stats.requestStarted(path: request.path)
        defer { stats.requestFinished() }
        switch (request.method, request.path) {
        case ("POST", "/v1/chat/completions"):
            let id = completionIDs.add(1, ordering: .relaxed).newValue
            return ChatCompletion(options: options, script: script, faults: faults, stats: stats)
                .reply(to: request, id: id)
        case ("POST", "/v1/embeddings"):
            return Embeddings(options: options).reply(to: request)
        case ("GET", "/v1/models"):
            return .respond(OutgoingResponse(status: 200, json: ModelList()))
        case (_, "/v1/chat/completions"), (_, "/v1/embeddings"), (_, "/v1/models"), (_, "/stats"),
            (_, "/stats/reset"):
            return .respond(
                .error(status: 405, message: "method not allowed", type: "invalid_request_error"))
        default:
            return .respond(
                .error(
                    status: 404, message: "unknown endpoint \(request.path)",
                    type: "invalid_request_error"))
        }
    }
}

struct ModelList: Encodable {
    struct Model: Encodable {
        let id: String
        let object: String
        let owned_by: String
    }
    let object = "list"
    let data = [Model(id: "fake-model", object: "model", owned_by: "fake-model")]
}
