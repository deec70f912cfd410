import Basics
import Engine
import Foundation
import Gate
import ProjectValidation
import PromptGateModel
import Store

/// `adopt`: records the version that already serves as production, without a gate, so that
/// `gate ID@production ID@NEXT` and `promote` have something to start from.
enum AdoptCommand {
    static let definition = CommandDefinition(
        name: "adopt",
        abstract: "Record the version that already serves as production, without a gate.",
        arguments: "ID@VERSION",
        options: [
            OptionSpec(
                "--reason", value: "TEXT", required: true,
                help: "Why this version serves without a gate, recorded in the history.")
        ],
        discussion: """
            For a prompt that has no production version yet: writes prompts/<id>/release.yaml \
            with the version's SHA-256, the time and an 'adopted' history entry (no gate). \
            Refuses (exit 1) when production is already set; promote moves it from there. \
            The format is described in docs/release-manifest.md.
            """,
        run: adopt)

    static func adopt(_ context: CommandContext) async throws -> ExitStatus {
        let args = context.arguments
        guard let ref = args.positionals.first else {
            throw PromptGateError.usage(
                "adopt needs ID@VERSION",
                hint: "e.g. promptgate adopt support@1.2 --reason \"serving since March\"")
        }
        let root = try context.projectRoot()
        let project = try Validation.loadForRun(root: root)
        let (id, version) = try RunPlan.parsePromptRef(ref, project: project)
        let store = try RunStore(path: RunStore.defaultPath(root: root))
        let promotion = Promotion(project: project, store: store, who: GitInfo.userName(root: root))
        let (_, message) = try promotion.adopt(
            id: id, version: version, reason: args.value("--reason") ?? "", now: Timestamp.now())
        context.console.out("\(message); wrote \(ReleaseManifest.path(prompt: id))\n")
        return .ok
    }
}
