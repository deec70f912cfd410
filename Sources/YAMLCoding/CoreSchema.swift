/// YAML 1.2 core schema resolution of plain scalars, plus the YAML 1.1 words the encoder
/// must quote so older readers don't turn strings into booleans or numbers.
enum CoreSchema {
    static let strTag = "tag:yaml.org,2002:str"
    static let intTag = "tag:yaml.org,2002:int"
    static let floatTag = "tag:yaml.org,2002:float"
    static let boolTag = "tag:yaml.org,2002:bool"
    static let nullTag = "tag:yaml.org,2002:null"
    static let mergeTag = "tag:yaml.org,2002:merge"

    /// `~`, `null`, `Null`, `NULL` or empty.
    static func isNull(_ text: String) -> Bool {
        switch text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// Decimal `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`, as an exact integer of type `T`.
    /// Returns `.notInteger` when the text is not an integer, `.outOfRange` when it is too big.
    static func integer<T: FixedWidthInteger>(_ text: String, as type: T.Type) -> IntegerResult<T> {
        var utf8 = Substring(text).utf8[...]
        if utf8.starts(with: "0x".utf8) || utf8.starts(with: "0o".utf8) {
            let radix = utf8.starts(with: "0x".utf8) ? 16 : 8
            utf8 = utf8.dropFirst(2)
            guard !utf8.isEmpty, utf8.allSatisfy({ isDigit($0, radix: radix) }) else {
                return .notInteger
            }
            guard let value = T(Substring(utf8), radix: radix) else { return .outOfRange }
            return .value(value)
        }
        var digits = utf8
        if let first = digits.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ isDigit($0, radix: 10) }) else {
            return .notInteger
        }
        // T(String) rejects a leading "+" for unsigned types; strip it ourselves.
        let body = utf8.first == UInt8(ascii: "+") ? Substring(digits) : Substring(utf8)
        guard let value = T(body, radix: 10) else { return .outOfRange }
        return .value(value)
    }

    enum IntegerResult<T> {
        case value(T)
        case notInteger
        case outOfRange
    }

    /// Core schema floats (including integers, `.inf`, `.nan`).
    static func double(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        if case .value(let int) = integer(text, as: Int.self) { return Double(int) }
        guard isCoreFloatSyntax(text) else { return nil }
        return Double(text)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    static func isCoreFloatSyntax(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            bytes = bytes.dropFirst()
        }
        let intDigits = bytes.prefix { isDigit($0, radix: 10) }
        bytes = bytes.dropFirst(intDigits.count)
        var fractionDigits = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            let digits = bytes.prefix { isDigit($0, radix: 10) }
            fractionDigits = digits.count
            bytes = bytes.dropFirst(digits.count)
        }
        guard intDigits.count + fractionDigits > 0 else { return false }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
                bytes = bytes.dropFirst()
            }
            let digits = bytes.prefix { isDigit($0, radix: 10) }
            guard !digits.isEmpty else { return false }
            bytes = bytes.dropFirst(digits.count)
        }
        return bytes.isEmpty
    }

    private static func isDigit(_ byte: UInt8, radix: Int) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "7"): return true
        case UInt8(ascii: "8"), UInt8(ascii: "9"): return radix >= 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"):
            return radix == 16
        default: return false
        }
    }

    /// True when a plain scalar with this text could be read as something other than this
    /// string by a YAML 1.2 core or YAML 1.1 reader (booleans, nulls, numbers, timestamps).
    static func needsQuoting(_ text: String) -> Bool {
        if isNull(text) || bool(text) != nil { return true }
        switch text.lowercased() {
        case "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
            ".inf", "+.inf", "-.inf", ".nan", "=", "<<":
            return true
        default: break
        }
        // Anything number-like (1.1 allows 1_000, 0b1, 1:30, .5, 1e3, timestamps): quote
        // whenever it starts with a digit, or a sign or dot followed by a digit or dot.
        let bytes = Array(text.utf8.prefix(3))
        if isDigit(bytes[0], radix: 10) { return true }
        if bytes.count > 1,
            [UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: ".")].contains(bytes[0]),
            isDigit(bytes[1], radix: 10) || bytes[1] == UInt8(ascii: ".")
        {
            return true
        }
        return false
    }
}
