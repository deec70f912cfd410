/// The environment promptgate gives the programs it runs (an `exec` provider's command, a
/// `command` assertion's program): a minimal safe base, plus only the variables named
/// (`env:` of an `exec` provider), never the whole environment with its keys and tokens.
public enum ChildEnvironment {
    /// Passed through when set: `PATH`, `HOME`, `LANG`, `TMPDIR`, `TZ`, and every `LC_*`.
    public static let baseNames = ["PATH", "HOME", "LANG", "TMPDIR", "TZ"]

    /// The base variables of `environment` and the ones `names` lists (a name that is not set
    /// is simply absent).
    public static func make(_ environment: [String: String], names: [String] = [])
        -> [String: String]
    {
        var out: [String: String] = [:]
        for (name, value) in environment
        where baseNames.contains(name) || name.hasPrefix("LC_") || names.contains(name) {
            out[name] = value
        }
        return out
    }

    /// Letters, digits and `_`, not starting with a digit.
    public static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else {
            return false
        }
        return name.unicodeScalars.allSatisfy {
            $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0)
                || ("0"..."9").contains($0)
        }
    }
}
