import Basics
import Foundation

/// A flag or option a command accepts. The same spec is what the parser accepts and what
/// the command's help shows, in its USAGE line and its OPTIONS list.
struct OptionSpec: Sendable {
    var name: String
    /// Placeholder for the value (`DIR`), nil for a flag without a value.
    var valueName: String?
    var help: String
    var repeatable: Bool
    /// The command needs it: the usage line shows it without brackets. The command checks
    /// that it was given (some take it another way, e.g. `run --resume`), not the parser.
    var required: Bool
    /// Options of the same group exclude each other: the usage line shows them as one
    /// `[--record | --offline]`. The command checks it, with its own message.
    var exclusiveGroup: String?

    init(
        _ name: String, value: String? = nil, repeatable: Bool = false, required: Bool = false,
        oneOf exclusiveGroup: String? = nil, help: String
    ) {
        self.name = name
        self.valueName = value
        self.help = help
        self.repeatable = repeatable
        self.required = required
        self.exclusiveGroup = exclusiveGroup
    }

    /// The same option, shown as required in a usage line.
    func markedRequired() -> OptionSpec {
        var spec = self
        spec.required = true
        return spec
    }

    /// `--suite NAME`, `--dry-run`.
    var label: String { valueName.map { "\(name) \($0)" } ?? name }
}

/// Options every command takes.
enum GlobalOptions {
    static let all: [OptionSpec] = [
        OptionSpec(
            "--root", value: "DIR",
            help: "Project root (default: nearest promptgate.yaml above the working directory)."),
        OptionSpec(
            "--no-color",
            help: "No ANSI colors (also when NO_COLOR is set or output is not a terminal)."),
        OptionSpec("--help", help: "Show help for the command."),
    ]
}

/// Parsed command-line arguments of one command.
///
/// They know the options they were parsed against: reading any other (a name the command
/// never declared, so the parser rejects it and help never shows it) is a programming
/// error and stops the program, naming the option.
struct ParsedArguments: Sendable {
    /// The command's options and the global ones.
    private(set) var specs: [OptionSpec]
    /// `compare`, `feedback import`: for the messages.
    private(set) var command: String
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []

    init(specs: [OptionSpec], command: String) {
        self.specs = specs
        self.command = command
    }

    /// Whether `name` is one of the options these arguments were parsed against.
    func declares(_ name: String) -> Bool { specs.contains { $0.name == name } }

    private func checkDeclared(_ name: String) {
        guard declares(name) else {
            preconditionFailure(
                "'promptgate \(command)' reads \(name), which it does not declare; add an OptionSpec for it"
            )
        }
    }

    func value(_ name: String) -> String? {
        checkDeclared(name)
        return values[name]?.last
    }

    func all(_ name: String) -> [String] {
        checkDeclared(name)
        return values[name] ?? []
    }

    func has(_ name: String) -> Bool {
        checkDeclared(name)
        return flags.contains(name)
    }

    /// An integer option, with a usage error naming the flag when it is not one.
    func int(_ name: String, min: Int = 1) throws(PromptGateError) -> Int? {
        guard let raw = value(name) else { return nil }
        guard let n = Int(raw), n >= min else {
            throw .usage("\(name) takes a whole number ≥ \(min), got '\(raw)'")
        }
        return n
    }

    /// One of a fixed set of words, e.g. `--format json`.
    func choice(_ name: String, among options: [String], default fallback: String)
        throws(PromptGateError) -> String
    {
        guard let raw = value(name) else { return fallback }
        guard options.contains(raw) else {
            let hint = suggestion(for: raw, among: options).map { "did you mean '\($0)'? " } ?? ""
            throw .usage(
                "\(name) takes one of \(options.joined(separator: ", ")); got '\(raw)'",
                hint: hint.isEmpty ? nil : hint.trimmingCharacters(in: .whitespaces))
        }
        return raw
    }

    /// The same arguments, readable only through `options` (plus the global ones): what
    /// one form of a command (a `feedback` subcommand) gets once it is chosen. Options
    /// given outside `options` are dropped; the caller has rejected them.
    func narrowed(to options: [OptionSpec], command: String) -> ParsedArguments {
        var narrowed = ParsedArguments(specs: options + GlobalOptions.all, command: command)
        narrowed.values = values.filter { narrowed.declares($0.key) }
        narrowed.flags = flags.filter { narrowed.declares($0) }
        narrowed.positionals = positionals
        return narrowed
    }

    /// Parses `args` against `options` (plus the global ones).
    static func parse(_ args: [String], options: [OptionSpec], command: String)
        throws(PromptGateError) -> ParsedArguments
    {
        let specs = options + GlobalOptions.all
        var parsed = ParsedArguments(specs: specs, command: command)
        var i = 0
        var onlyPositionals = false
        while i < args.count {
            let arg = args[i]
            i += 1
            if onlyPositionals || !arg.hasPrefix("-") || arg == "-" {
                parsed.positionals.append(arg)
                continue
            }
            if arg == "--" {
                onlyPositionals = true
                continue
            }
            if arg == "-h" {
                parsed.flags.insert("--help")
                continue
            }
            var name = arg
            var inline: String?
            if let eq = arg.firstIndex(of: "=") {
                name = String(arg[..<eq])
                inline = String(arg[arg.index(after: eq)...])
            }
            guard let spec = specs.first(where: { $0.name == name }) else {
                let hint =
                    suggestion(for: name, among: specs.map(\.name)).map { "did you mean '\($0)'? " }
                    ?? ""
                throw .usage(
                    "unknown option '\(name)' for 'promptgate \(command)'",
                    hint: "\(hint)See 'promptgate \(command) --help'.")
            }
            guard let valueName = spec.valueName else {
                if inline != nil { throw .usage("\(name) takes no value") }
                parsed.flags.insert(name)
                continue
            }
            let value: String
            if let inline {
                value = inline
            } else if i < args.count {
                value = args[i]
                i += 1
            } else {
                throw .usage("\(name) needs a value (\(name) \(valueName))")
            }
            if !spec.repeatable, parsed.values[name] != nil {
                throw .usage("\(name) was given twice; give it once")
            }
            parsed.values[name, default: []].append(value)
        }
        return parsed
    }
}
