/// One step of a key path, formatted like `cases[3].assert[0].type`.
enum PathComponent {
    case key(String)
    case index(Int)

    init(_ key: any CodingKey) {
        if let index = key.intValue, key is IndexKey || key.stringValue == "Index \(index)" {
            self = .index(index)
        } else {
            self = .key(key.stringValue)
        }
    }

    static func format(_ components: [PathComponent]) -> String {
        var result = ""
        for component in components {
            switch component {
            case .index(let index):
                result += "[\(index)]"
            case .key(let key):
                if isIdentifierLike(key) {
                    result += result.isEmpty ? key : "." + key
                } else {
                    result +=
                        "[\""
                        + key.split(separator: "\"", omittingEmptySubsequences: false).joined(
                            separator: "\\\"") + "\"]"
                }
            }
        }
        return result
    }

    static func format(_ codingPath: [any CodingKey]) -> String {
        format(codingPath.map(PathComponent.init))
    }

    private static func isIdentifierLike(_ key: String) -> Bool {
        !key.isEmpty
            && key.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                    return true
                default:
                    return false
                }
            }
    }
}
