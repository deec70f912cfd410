/// Command-line options of `fake-model`.
struct ServerOptions: Sendable {
    var port: UInt16 = 0
    var latencyMs = 0
    var latencyJitterMs = 0
    var scriptPath: String?
    var exitWithParent = false

    static let usage = """
        usage: fake-model [--port N] [--latency-ms N] [--latency-jitter-ms N] [--script FILE]
                          [--exit-with-parent]

        An OpenAI-compatible fake model server on 127.0.0.1 for tests and benchmarks.

          --port N               port to listen on; 0 picks a free one (default 0)
          --latency-ms N         delay before every model reply (default 0)
          --latency-jitter-ms N  extra uniform random delay, 0...N ms (default 0)
          --script FILE          JSON rules that script replies and failures
          --exit-with-parent     exit when the parent process goes away
          --help                 show this help

        Once listening it prints one line: listening on http://127.0.0.1:PORT

        Endpoints:
          POST /v1/chat/completions  reply "echo: <last user message>" unless a rule matches
          POST /v1/embeddings        deterministic 64-dim vectors from hashed words
          GET  /v1/models            lists the model "fake-model"
          GET  /stats                {"requests","in_flight","max_in_flight","by_path","connections"}
          POST /stats/reset          zero the counters (stats calls are not counted)

        Script: {"rules": [RULE, ...]}; the first rule whose "match" substring occurs in the
        request's message contents (joined by newlines) wins; "*" matches everything, an
        optional "model" restricts a rule to one model. A RULE has "match" and one of:
          "reply": "text"               reply with this text
          "replies": ["a", "b"]         cycle through texts, one per matching request
          "status": 500, "body": "..."  this status and raw body
          "status": 429, "retry_after": "1"   rate limit with a Retry-After header
          "raw": "not json"             status 200 with this raw (broken) body
          "empty": true                 a completion whose content is ""
          "error": {"message": "...", "type": "..."}  OpenAI error object (status default 400)
          "hang": true                  never answer; wait until the client gives up
          "close": true                 close the connection without a reply
        and optionally "delay_ms": N, added to the global latency, and "times": N, to apply
        the rule to the first N matching requests only (then later rules match).
        Rules apply to chat completions only.
        """

    /// Parses `arguments` (without the program name); returns a message on error.
    static func parse(_ arguments: [String]) -> Result<ServerOptions, OptionsError> {
        var options = ServerOptions()
        var index = 0
        func value(_ flag: String) -> Result<String, OptionsError> {
            index += 1
            guard index < arguments.count else {
                return .failure(.message("\(flag) needs a value"))
            }
            return .success(arguments[index])
        }
        func number(_ flag: String, max: Int) -> Result<Int, OptionsError> {
            value(flag).flatMap { text in
                guard let number = Int(text), number >= 0, number <= max else {
                    return .failure(
                        .message("\(flag) expects a number in 0...\(max), got '\(text)'"))
                }
                return .success(number)
            }
        }
        while index < arguments.count {
            let flag = arguments[index]
            switch flag {
            case "--help", "-h":
                return .failure(.help)
            case "--port":
                switch number(flag, max: 65535) {
                case .success(let port): options.port = UInt16(port)
                case .failure(let error): return .failure(error)
                }
            case "--latency-ms", "--latency-jitter-ms":
                switch number(flag, max: 3_600_000) {
                case .success(let ms) where flag == "--latency-ms": options.latencyMs = ms
                case .success(let ms): options.latencyJitterMs = ms
                case .failure(let error): return .failure(error)
                }
            case "--script":
                switch value(flag) {
                case .success(let path): options.scriptPath = path
                case .failure(let error): return .failure(error)
                }
            case "--exit-with-parent":
                options.exitWithParent = true
            default:
                return .failure(.message("unknown option '\(flag)'"))
            }
            index += 1
        }
        return .success(options)
    }
}

/// Why the command line was not accepted.
enum OptionsError: Error {
    case help
    case message(String)
}
