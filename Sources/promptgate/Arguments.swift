import Basics
import Foundation

/// A flag or option a command accepts.
public struct OptionSpec: Sendable {
    public var name: String
    /// Placeholder for the value (`DIR`), nil for a flag without a value.
    public var valueName: String?
    public var help: String
    public var repeatable: Bool

    public init(_ name: String, value: String? = nil, repeatable: Bool = false, help: String) {
        self.name = name
        self.valueName = value
        self.help = help
        self.repeatable = repeatable
    }
}

/// Options every command takes.
public enum GlobalOptions {
    public static let all: [OptionSpec] = [
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
public struct ParsedArguments: Sendable {
    public var values: [String: [String]] = [:]
    public var flags: Set<String> = []
    public var positionals: [String] = []

    public func value(_ name: String) -> String? { values[name]?.last }
    public func all(_ name: String) -> [String] { values[name] ?? [] }
    public func has(_ name: String) -> Bool { flags.contains(name) }

    /// An integer option, with a usage error naming the flag when it is not one.
    public func int(_ name: String, min: Int = 1) throws(PromptGateError) -> Int? {
        guard let raw = value(name) else { return nil }
        guard let n = Int(raw), n >= min else {
            throw .usage("\(name) takes a whole number ≥ \(min), got '\(raw)'")
        }
        return n
    }

    /// One of a fixed set of words, e.g. `--format json`.
    public func choice(_ name: String, among options: [String], default fallback: String)
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

    /// Parses `args` against `options` (plus the global ones).
    public static func parse(_ args: [String], options: [OptionSpec], command: String)
        throws(PromptGateError) -> ParsedArguments
    {
        let specs = options + GlobalOptions.all
        var parsed = ParsedArguments()
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
