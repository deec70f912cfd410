import Basics
import Engine
import Foundation
import Gate
import ProjectValidation
import PromptGateModel
import Store

/// `promote`, `rollback` and `assign`: the release manifest and canary routing.
enum PromoteCommand {
    static let definition = CommandDefinition(
        name: "promote",
        abstract:
            "Promote a version to canary or production, on a passing gate for its exact bytes.",
        arguments: "ID@VERSION",
        options: [
            OptionSpec(
                "--to", value: "canary|production", required: true, help: "Where the version goes."),
            OptionSpec(
                "--percent", value: "N", help: "Share of sessions for a canary, 1–100 (default 10)."
            ),
            OptionSpec(
                "--evidence", value: "FILE",
                help:
                    "A gate record from CI (.promptgate/gates/<id>.json) instead of the local store."
            ),
            OptionSpec(
                "--skip-canary", value: "REASON",
                help: "Go to production without a canary; the reason is recorded."),
            OptionSpec("--reason", value: "TEXT", help: "Why, recorded in the history."),
        ],
        discussion: """
            Allowed only with a passing gate record whose digests match the prompt, suite, \
            recording and policy files as they are now; otherwise it refuses (exit 1) and says \
            exactly what differs. Writes prompts/<id>/release.yaml with a history entry.
            """,
        run: promote)

    static func promote(_ context: CommandContext) async throws -> ExitStatus {
        let args = context.arguments
        guard let ref = args.positionals.first else {
            throw PromptGateError.usage(
                "promote needs ID@VERSION",
                hint: "e.g. promptgate promote support@1.3 --to canary --percent 10")
        }
        let target = try args.choice("--to", among: ["canary", "production"], default: "")
        guard let to = Promotion.Target(rawValue: target) else {
            throw PromptGateError.usage("promote needs --to canary or --to production")
        }
        let root = try context.projectRoot()
        let project = try Validation.loadForRun(root: root)
        let (id, version) = try RunPlan.parsePromptRef(ref, project: project)
        let store = try RunStore(path: RunStore.defaultPath(root: root))
        let promotion = Promotion(project: project, store: store, who: GitInfo.userName(root: root))
        let evidence = args.value("--evidence").map(context.absolute)
        let (_, message) = try await promotion.promote(
            id: id, version: version, to: to, percent: try args.int("--percent"),
            evidenceFile: evidence, skipCanary: args.value("--skip-canary"),
            reason: args.value("--reason"), now: Timestamp.now())
        context.console.out("\(message); wrote \(ReleaseManifest.path(prompt: id))\n")
        return .ok
    }

    static let rollback = CommandDefinition(
        name: "rollback",
        abstract: "Clear a prompt's canary, or restore its previous production version.",
        arguments: "ID",
        options: [OptionSpec("--reason", value: "TEXT", help: "Why, recorded in the history.")],
        run: { context in
            guard let id = context.arguments.positionals.first else {
                throw PromptGateError.usage(
                    "rollback needs a prompt id", hint: "e.g. promptgate rollback support")
            }
            let root = try context.projectRoot()
            let project = try Validation.loadForRun(root: root)
            let store = try RunStore(path: RunStore.defaultPath(root: root))
            let promotion = Promotion(
                project: project, store: store, who: GitInfo.userName(root: root))
            let (_, message) = try promotion.rollback(
                id: id, reason: context.arguments.value("--reason"), now: Timestamp.now())
            context.console.out("\(message); wrote \(ReleaseManifest.path(prompt: id))\n")
            return .ok
        })

    static let assign = CommandDefinition(
        name: "assign",
        abstract: "Print which version a session gets under release.yaml (stable MD5 bucket).",
        arguments: "SESSION_ID",
        options: [
            OptionSpec("--prompt", value: "ID", required: true, help: "The prompt id."),
            OptionSpec(
                "--salt", value: "S", help: "Experiment salt: bucket = MD5(salt + \":\" + session)."
            ),
            OptionSpec("--format", value: "text|json", help: "Output format (default: text)."),
        ],
        discussion: """
            bucket = int(MD5(session id) as a 128-bit big-endian integer) mod 100; the session is \
            in the canary when bucket < percent. Python: int(hashlib.md5(s.encode()).hexdigest(), 16) % 100
            """,
        run: { context in
            let args = context.arguments
            guard let session = args.positionals.first else {
                throw PromptGateError.usage(
                    "assign needs a session id",
                    hint: "e.g. promptgate assign s-42 --prompt support")
            }
            guard let id = args.value("--prompt") else {
                throw PromptGateError.usage("assign needs --prompt ID")
            }
            let format = try args.choice("--format", among: ["text", "json"], default: "text")
            let root = try context.projectRoot()
            guard let manifest = try ReleaseManifest.load(prompt: id, root: root),
                let assignment = CanaryAssignment.assign(
                    session: session, prompt: id, manifest: manifest, salt: args.value("--salt"))
            else {
                throw PromptGateError.usage(
                    "prompt '\(id)' has no production version in \(ReleaseManifest.path(prompt: id))",
                    hint:
                        "promote one (promptgate promote \(id)@VERSION --to production) or record the one that serves today (promptgate adopt \(id)@VERSION --reason \"…\")"
                )
            }
            let (bucket, arm, version) = (assignment.bucket, assignment.arm, assignment.version)
            if format == "json" {
                let object: [String: Any] = [
                    "session": session, "prompt": id, "bucket": bucket, "version": version,
                    "arm": arm.rawValue,
                ]
                let data = try JSONSerialization.data(
                    withJSONObject: object, options: [.sortedKeys])
                context.console.out(String(decoding: data, as: UTF8.self) + "\n")
            } else {
                context.console.out("\(id)@\(version) (\(arm.rawValue), bucket \(bucket))\n")
            }
            return .ok
        })
}
