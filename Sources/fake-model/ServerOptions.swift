/// Command-line options of `fake-model`.
struct ServerOptions: Sendable {
    var port: UInt16 = 0
    var latency = LatencyModel.fixed(0)
    var latencyJitterMs = 0
    /// Share of chat completions that fail (`--error-rate`), spread over `faults`.
    var errorRate = 0.0
    var faults = Fault.defaults
    /// Seeds fault and latency draws; random when not given.
    var seed: UInt64?
    var scriptPath: String?
    var exitWithParent = false
    /// Exit at once after answering this many chat completions (`--exit-after`): the
    /// provider going away mid-run, at a point that does not depend on timing.
    var exitAfter: Int?

    static let usage = """
        usage: fake-model [--port N] [--latency-ms N | --latency-dist DIST] [--latency-jitter-ms N]
                          [--error-rate R] [--error-kinds LIST] [--seed N] [--script FILE]
                          [--exit-with-parent] [--exit-after N]

        An OpenAI-compatible fake model server on 127.0.0.1 for tests and benchmarks.

          --port N               port to listen on; 0 picks a free one (default 0)
          --latency-ms N         delay before every model reply (default 0)
          --latency-dist DIST    delay drawn per request: normal:MEAN:SD or uniform:LOW:HIGH (ms)
          --latency-jitter-ms N  extra uniform random delay, 0...N ms (default 0)
          --error-rate R         share of chat completions (0...1) that fail, spread evenly over
                                 the kinds of --error-kinds (default 0)
          --error-kinds LIST     comma-separated: 429 (with Retry-After: 0), 500, json (status 200,
                                 body not JSON), close (connection dropped), hang (no reply until
                                 the client gives up); default 429,500,json,close
          --seed N               makes failures and latencies deterministic: each is drawn from
                                 the seed, the request body and how often that body came before
          --script FILE          JSON rules that script replies and failures
          --exit-with-parent     exit when the parent process goes away
          --exit-after N         exit (status 0, no goodbye) once N chat completions were
                                 answered: later requests find the port closed
          --help                 show this help

        Once listening it prints one line: listening on http://127.0.0.1:PORT

        Endpoints:
          POST /v1/chat/completions  reply "echo: <last user message>" unless a rule matches
          POST /v1/embeddings        deterministic 64-dim vectors from hashed words
          GET  /v1/models            lists the model "fake-model"
          GET  /stats                {"requests","in_flight","max_in_flight","by_path","connections",
                                      "open_connections","injected": {KIND: N}}
          POST /stats/reset          zero the counters (stats calls are not counted)

        Script: {"rules": [RULE, ...]}; the first rule whose "match" substring occurs in the
        request's message contents (joined by newlines) wins; "*" matches everything, an
        optional "model" restricts a rule to one model. "match_tool": "substring" matches
        only when the request's last message is a "tool" turn whose content contains it (with
        "match" too, both must match): put such rules first so a script can answer with a
        call, then with text once the tool result comes back. A RULE has "match" or
        "match_tool", and one of:
          "reply": "text"               reply with this text
          "tool_calls": [{"name": "t", "arguments": {...} or "text", "id": "c1"}]
                                        reply with these calls (ids default to call_1, call_2,
                                        ... in order; content "" unless "reply" is also given;
                                        finish_reason "tool_calls")
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
        In "reply", "replies", "body", "raw" and an error's "message", {{header:NAME}} is the
        request's header NAME (e.g. {{header:authorization}}: a server that echoes the key).
        Rules apply to chat completions only, and before --error-rate: a request a rule
        matches is never failed at random.
        """

    /// Parses `arguments` (without the program name); returns a message on error.
    static func parse(_ arguments: [String]) -> Result<ServerOptions, OptionsError> {
        var parser = OptionsParser(arguments: arguments)
        do {
            return .success(try parser.parse())
        } catch {
            return .failure(error)
        }
    }
}

/// Why the command line was not accepted.
enum OptionsError: Error {
    case help
    case message(String)
}

/// Walks the arguments once, filling in `ServerOptions`.
private struct OptionsParser {
    let arguments: [String]
    var index = 0

    mutating func value(_ flag: String) throws(OptionsError) -> String {
        index += 1
        guard index < arguments.count else { throw .message("\(flag) needs a value") }
        return arguments[index]
    }

    mutating func number(_ flag: String, max: Int) throws(OptionsError) -> Int {
        let text = try value(flag)
        guard let number = Int(text), number >= 0, number <= max else {
            throw .message("\(flag) expects a number in 0...\(max), got '\(text)'")
        }
        return number
    }

    mutating func parse() throws(OptionsError) -> ServerOptions {
        var options = ServerOptions()
        var latencyFlags: [String] = []
        while index < arguments.count {
            let flag = arguments[index]
            switch flag {
            case "--help", "-h":
                throw .help
            case "--port":
                options.port = UInt16(try number(flag, max: 65535))
            case "--latency-ms":
                options.latency = .fixed(Double(try number(flag, max: 3_600_000)))
                latencyFlags.append(flag)
            case "--latency-dist":
                let text = try value(flag)
                guard let model = LatencyModel(text) else {
                    throw .message(
                        "--latency-dist expects normal:MEAN:SD or uniform:LOW:HIGH in ms, got '\(text)'"
                    )
                }
                options.latency = model
                latencyFlags.append(flag)
            case "--latency-jitter-ms":
                options.latencyJitterMs = try number(flag, max: 3_600_000)
            case "--error-rate":
                let text = try value(flag)
                guard let rate = Double(text), (0...1).contains(rate) else {
                    throw .message("--error-rate expects a share in 0...1, got '\(text)'")
                }
                options.errorRate = rate
            case "--error-kinds":
                options.faults = try Self.faults(try value(flag))
            case "--seed":
                let text = try value(flag)
                guard let seed = UInt64(text) else {
                    throw .message("--seed expects a non-negative whole number, got '\(text)'")
                }
                options.seed = seed
            case "--script":
                options.scriptPath = try value(flag)
            case "--exit-with-parent":
                options.exitWithParent = true
            case "--exit-after":
                options.exitAfter = try number(flag, max: 1_000_000_000)
            default:
                throw .message("unknown option '\(flag)'")
            }
            index += 1
        }
        if latencyFlags.count > 1 {
            throw .message("give one of --latency-ms and --latency-dist, not both")
        }
        return options
    }

    static func faults(_ text: String) throws(OptionsError) -> [Fault] {
        var out: [Fault] = []
        for name in text.split(separator: ",").map(String.init) {
            guard let fault = Fault(rawValue: name) else {
                let known = Fault.allCases.map(\.rawValue).joined(separator: ", ")
                throw .message("--error-kinds: unknown kind '\(name)' (known: \(known))")
            }
            if !out.contains(fault) { out.append(fault) }
        }
        if out.isEmpty { throw .message("--error-kinds needs at least one kind") }
        return out
    }
}
