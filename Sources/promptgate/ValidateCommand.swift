import Basics
import Foundation
import ProjectValidation

/// `promptgate validate`: checks every file without calling a model.
enum ValidateCommand {
    static let definition = CommandDefinition(
        name: "validate",
        abstract: "Check promptgate.yaml, every prompt version and suite, without calling a model.",
        options: [
            OptionSpec("--format", value: "text|json", help: "Report format (default: text)."),
            OptionSpec(
                "--output", value: "FILE", help: "Write the report to FILE instead of stdout."),
        ],
        discussion: """
            Loads every prompt version (prompts/<id>/v<version>.yaml) and suite (suites/*.yaml), \
            renders every case against every version of its prompt, and reports all problems \
            at once: YAML and schema errors, unknown keys and assertion types, bad assertion \
            arguments, duplicate case ids, undefined template variables, missing prompts, \
            parents and providers, provider URLs without http:// or https://, judged \
            assertions without a judge, similar without embeddings, and exec commands that \
            are not found or not executable. Exit 0 when clean, 2 otherwise.
            """,
        run: run)

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let format = try context.arguments.choice(
            "--format", among: ["text", "json"], default: "text")
        let root = try context.projectRoot()
        let (_, report) = try Validation.run(
            root: root, commandEnvironment: context.environment)
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(report)
            try context.emit(String(decoding: data, as: UTF8.self) + "\n")
        } else {
            var text = ""
            for d in report.diagnostics {
                text += d.rendered(color: context.console.colorEnabled) + "\n"
            }
            let checked =
                "\(plural(report.prompts, "prompt")) (\(plural(report.versions, "version"))), "
                + "\(plural(report.suites, "suite")), \(plural(report.cases, "case")), "
                + "\(plural(report.renders, "render"))"
            if report.ok {
                text += "ok: \(checked)\n"
            } else {
                let n = report.errorCount
                text += "\(n) error\(n == 1 ? "" : "s") in \(checked)\n"
            }
            try context.emit(text)
        }
        return report.ok ? .ok : .usage
    }
}
