/// HTML escaping for text and attribute values, safe for untrusted model output.
public enum HTMLEscape {
    /// Escapes `&`, `<`, `>`, `"` and `'`; everything else passes through unchanged.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
