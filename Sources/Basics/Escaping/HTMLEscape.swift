/// HTML escaping for text and attribute values, safe for untrusted model output.
public enum HTMLEscape {
    /// Escapes `&`, `<`, `>`, `"` and `'`; everything else passes through unchanged.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            if let entity = entity(scalar) {
                out += entity
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The entity of the five characters markup gives meaning to, in text and in quoted
    /// attributes alike; nil for every other scalar. HTML and XML (``XMLEscape``) share it.
    package static func entity(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "&": "&amp;"
        case "<": "&lt;"
        case ">": "&gt;"
        case "\"": "&quot;"
        case "'": "&#39;"
        default: nil
        }
    }
}
