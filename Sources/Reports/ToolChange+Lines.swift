import Compare

extension ToolChange {
    /// Most argument changes a report lists per case.
    static let shownArguments = 20

    /// Each side's calls, then one line per differing argument (untrusted, unescaped: each
    /// format escapes them its own way).
    var reportLines: [String] {
        var lines: [String] = []
        for (label, calls) in [("base", base), ("candidate", candidate)] {
            let shown = calls.isEmpty ? "no calls" : calls.map(\.signature).joined(separator: ", ")
            lines.append("\(label) calls: \(shown)")
        }
        for a in arguments.prefix(Self.shownArguments) {
            let path = a.path.isEmpty ? "" : ".\(a.path)"
            lines.append(
                "\(a.tool)#\(a.call)\(path): \(a.base ?? "(absent)") → \(a.candidate ?? "(absent)")"
            )
        }
        if arguments.count > Self.shownArguments {
            lines.append("… \(arguments.count - Self.shownArguments) more argument changes")
        }
        return lines
    }
}
