import Basics
import Foundation
import PromptGateModel

/// `promptgate schema KIND`: the JSON Schema of one of the project's files, for editors.
enum SchemaCommand {
    static let kinds = ProjectSchema.allCases.map(\.rawValue)

    static let definition = CommandDefinition(
        name: "schema",
        abstract:
            "Print the JSON Schema of promptgate.yaml, prompt versions, suites or release.yaml.",
        arguments: "config|prompt|suite|release",
        options: [
            OptionSpec(
                "--output", value: "FILE", help: "Write the schema to FILE instead of stdout.")
        ],
        discussion: """
            The schemas (JSON Schema draft 2020-12) are generated from the key lists the decoders \
            check, so they accept exactly the keys promptgate accepts, with descriptions and the \
            enums of assertion and provider types. 'promptgate init' writes them to schemas/ and \
            starts each file with a '# yaml-language-server: $schema=…' line, which the YAML \
            language server (VS Code's YAML extension, Neovim, Helix) uses to complete and check \
            the file as you type.
              config    promptgate.yaml
              prompt    prompts/<id>/v<version>.yaml
              suite     suites/<name>.yaml
              release   prompts/<id>/release.yaml
            """,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let args = context.arguments
        guard args.positionals.count == 1, let name = args.positionals.first else {
            throw PromptGateError.usage(
                "schema takes one KIND, got \(args.positionals.count)",
                hint: "usage: promptgate schema config|prompt|suite|release")
        }
        guard let kind = ProjectSchema(rawValue: name) else {
            let hint = suggestion(for: name, among: kinds).map { "did you mean '\($0)'? " } ?? ""
            throw PromptGateError.usage(
                "unknown schema '\(name)'",
                hint: "\(hint)The kinds are \(kinds.joined(separator: ", ")).")
        }
        try context.emit(kind.text)
        return .ok
    }
}
