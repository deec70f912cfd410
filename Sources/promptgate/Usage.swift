/// One way to call a command: the words and positional arguments after its name, and the
/// options that go with them. Most commands have one form; `cache` has `stats` and
/// `clear`, `feedback` one per subcommand.
struct UsageForm: Sendable {
    /// `BASE CANDIDATE`, `clear`, `import SOURCE`; empty for none.
    var arguments: String
    var options: [OptionSpec]

    init(_ arguments: String = "", options: [OptionSpec] = []) {
        self.arguments = arguments
        self.options = options
    }

    /// The words of the usage line after the command's name, in order: the arguments,
    /// then each option: `--to canary|production` when required, else `[--provider NAME]`,
    /// `[--suite NAME]…` when repeatable, and `[--record | --offline]` for a group.
    var tokens: [String] {
        var out = arguments.split(separator: " ").map(String.init)
        var groupsShown: Set<String> = []
        for spec in options {
            if let group = spec.exclusiveGroup {
                guard groupsShown.insert(group).inserted else { continue }
                let members = options.filter { $0.exclusiveGroup == group }
                out.append("[\(members.map(\.label).joined(separator: " | "))]")
                continue
            }
            let shown = spec.required ? spec.label : "[\(spec.label)]"
            out.append(spec.repeatable ? shown + "…" : shown)
        }
        return out
    }

    /// The options of `forms`, each name once, for the parser and the OPTIONS list. A name
    /// the forms give different placeholders (`--format text|json`, `--format
    /// openai-sft|openai-dpo`) is listed with a generic one (`--format FORMAT`).
    static func union(_ forms: [UsageForm]) -> [OptionSpec] {
        var out: [OptionSpec] = []
        for spec in forms.flatMap(\.options) {
            guard let index = out.firstIndex(where: { $0.name == spec.name }) else {
                out.append(spec)
                continue
            }
            if out[index].valueName != spec.valueName {
                out[index].valueName = String(spec.name.drop(while: { $0 == "-" })).uppercased()
            }
        }
        return out
    }
}

/// The usage lines of a command, generated from its forms.
enum Usage {
    /// Lines are wrapped to this many columns (a word longer than that stays whole).
    static let width = 80

    /// `prefix` (`USAGE: `) and `promptgate NAME FORM` for each form, one under another;
    /// a form too long for a line continues on the next: indented under its first
    /// argument when it is the only form (unless that is too far right), else 4 columns
    /// in from `promptgate`, so each form's first line stands out.
    static func lines(command: String, forms: [UsageForm], prefix: String) -> String {
        let margin = String(repeating: " ", count: prefix.count)
        let head = "promptgate \(command)"
        var out = ""
        for (n, form) in forms.enumerated() {
            var line = (n == 0 ? prefix : margin) + head
            let aligned = line.count + 1
            let alignable = forms.count == 1 && aligned <= 40
            let indent = String(repeating: " ", count: alignable ? aligned : prefix.count + 4)
            var lineHasToken = false
            for token in form.tokens {
                if lineHasToken, line.count + 1 + token.count > width {
                    out += line + "\n"
                    line = indent + token
                } else {
                    line += " " + token
                    lineHasToken = true
                }
            }
            out += line + "\n"
        }
        return out
    }
}
