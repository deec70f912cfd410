import Basics
import Feedback
import FeedbackServer
import Foundation
import Providers
import Store
import Synchronization

/// `promptgate feedback serve`: the collection API over the project's store.
enum FeedbackServeCommand {
    static let subcommand = FeedbackCommand.Subcommand(
        name: "serve",
        abstract: "Serve the feedback collection API (POST /v1/feedback, /v1/outcomes, …).",
        options: [
            OptionSpec(
                "--port", value: "N",
                help: "serve: port to listen on (default 8787; 0: any free port)."),
            OptionSpec(
                "--bind", value: "ADDR",
                help:
                    "serve: address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)."),
            OptionSpec(
                "--token-env", value: "VAR",
                help: "serve: require 'Authorization: Bearer <$VAR>' on /v1/ endpoints."),
            OptionSpec(
                "--max-body", value: "BYTES", help: "serve: request body limit (default 1048576)."),
            OptionSpec(
                "--queue", value: "N",
                help: "serve: records waiting for the store at most, then 429 (default 50000)."),
            OptionSpec("--threads", value: "N", help: "serve: HTTP threads (default 2)."),
            OptionSpec(
                "--busy-timeout", value: "S",
                help:
                    "serve: seconds a commit waits for another process's lock, then 503 (default 5)."
            ),
            OptionSpec("--log", help: "serve: one line per request on stderr (never bodies)."),
            FeedbackImportCommand.noRedactOption,
        ],
        run: run)

    static let discussion = """
        SERVE listens on 127.0.0.1:8787 (--bind, --port; --port 0 picks a free port) and
        prints 'listening on http://ADDR:PORT'. Applications send feedback where it happens:
        POST /v1/feedback (one record, a JSON array, or NDJSON with Content-Type
        application/x-ndjson, in the import's schema), POST /v1/outcomes (session_id,
        prompt_version, outcome, time_to_outcome_ms, satisfied), GET /v1/variant?session=S&prompt=P
        (what 'promptgate assign' prints, from release.yaml as it is now), GET /v1/stats,
        GET /healthz, GET /openapi.json (docs/feedback-api.yaml). Records get the import's
        checks, redaction (unless --no-redact), negative rules and dedupe, and are committed
        before the 200. Errors are JSON {error, field, detail}: 400, 401 (--token-env), 404,
        405, 413 (--max-body), 415, 429 with Retry-After (--queue), 503. SIGTERM or Ctrl-C
        stops accepting, finishes the requests in flight and exits 0.
        """

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let args = context.arguments
        try FeedbackCommand.noPositionals(args, "serve")
        let port = try args.int("--port", min: 0) ?? 8787
        guard port <= 65535 else {
            throw PromptGateError.usage("--port must be between 0 and 65535, got \(port)")
        }
        let host = args.value("--bind") ?? "127.0.0.1"
        let bodyLimit = try args.int("--max-body") ?? 1 << 20
        let capacity = try args.int("--queue") ?? 50_000
        let threads = try args.int("--threads") ?? 2
        let busyTimeout = try args.int("--busy-timeout", min: 0) ?? 5
        var token: String?
        if let variable = args.value("--token-env") {
            guard let value = context.environment[variable], !value.isEmpty else {
                throw PromptGateError.usage(
                    "--token-env \(variable): the environment variable \(variable) is not set",
                    hint: "export \(variable)=<token> before starting the server")
            }
            token = value
            context.console.protect(SecretRedactor(values: [value]))
        }
        let root = try context.projectRoot()
        let config = try FeedbackCommand.config(root: root)
        let options = ServiceOptions(
            bodyLimit: bodyLimit, token: token, redact: !args.has("--no-redact"),
            policy: config.negative)
        let storePath = RunStore.defaultPath(root: root)
        let queue = try IngestQueue(
            storePath: storePath, source: "feedback serve", capacity: capacity,
            busyTimeout: Double(busyTimeout))
        let service = FeedbackService(
            options: options, queue: queue, variants: VariantResolver(root: root))
        let console = context.console
        let stopSignal = StopSignal()
        var log: (@Sendable (String) -> Void)?
        if args.has("--log") { log = { @Sendable line in console.err(line + "\n") } }
        let daemon: HTTPDaemon
        do {
            daemon = try HTTPDaemon(
                host: host, port: port, threads: threads, bodyLimit: bodyLimit, handler: service,
                log: log)
        } catch {
            queue.stop()
            throw error
        }
        let shown = host.contains(":") ? "[\(host)]" : host
        console.out("listening on http://\(shown):\(daemon.port)\n")
        let signal = await stopSignal.wait()
        console.err("\(signal): stopping (finishing requests in flight)\n")
        let box = DaemonBox(daemon)
        try await OffPool.run {
            box.daemon.stop(grace: 30)
            queue.stop()
        }
        console.err("stopped; \(queue.stored) records stored\n")
        return .ok
    }
}

/// Hands the daemon to the thread that stops it (it is used from one thread at a time).
private final class DaemonBox: @unchecked Sendable {
    let daemon: HTTPDaemon
    init(_ daemon: HTTPDaemon) { self.daemon = daemon }
}

/// SIGTERM and SIGINT, taken over when made (before the server starts, so a signal that
/// comes right after the 'listening' line stops it cleanly) and awaited without a thread.
final class StopSignal: Sendable {
    private struct State {
        var fired: String?
        var waiter: CheckedContinuation<String, Never>?
    }
    private let state = Mutex(State())
    private nonisolated(unsafe) var sources: [DispatchSourceSignal] = []

    init() {
        for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                let waiter = self.state.withLock { s -> CheckedContinuation<String, Never>? in
                    guard s.fired == nil else { return nil }
                    s.fired = name
                    defer { s.waiter = nil }
                    return s.waiter
                }
                waiter?.resume(returning: name)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The name of the first of SIGTERM or SIGINT to arrive.
    func wait() async -> String {
        await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            let fired = state.withLock { s -> String? in
                if s.fired == nil { s.waiter = continuation }
                return s.fired
            }
            if let fired { continuation.resume(returning: fired) }
        }
    }
}
