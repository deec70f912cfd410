import Basics
import Foundation

/// The small JSON path language that picks a provider's output from a JSON reply:
/// `$` (the whole document), `.key`, `["key"]` or `['key']`, and `[0]` (`[-1]` is the last).
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    public enum Step: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// The path as written.
    public let source: String
    public let steps: [Step]

    public var description: String { source }

    /// Parses `source`, throwing the first problem with its character offset.
    public init(_ source: String) throws(JSONPathError) {
        self.source = source
        var parser = JSONPathParser(Array(source.unicodeScalars))
        steps = try parser.parse()
    }

    /// The value at the path in a `JSONSerialization` document, or why there is none
    /// (naming the deepest part of the path that did resolve).
    public func evaluate(_ document: Any) -> Result<Any, JSONPathError> {
        var current = document
        var walked = "$"
        for step in steps {
            switch step {
            case .key(let key):
                guard let object = current as? [String: Any] else {
                    return .failure(miss("\(walked) is \(Self.kind(current)), not an object"))
                }
                guard let next = object[key] else {
                    let keys = object.keys.sorted().prefix(8).joined(separator: ", ")
                    return .failure(
                        miss("no key '\(key)' in the object at \(walked) (keys: \(keys))"))
                }
                current = next
                walked += Self.segment(step)
            case .index(let index):
                guard let array = current as? [Any] else {
                    return .failure(miss("\(walked) is \(Self.kind(current)), not an array"))
                }
                let resolved = index < 0 ? array.count + index : index
                guard array.indices.contains(resolved) else {
                    return .failure(
                        miss("index \(index) is out of range at \(walked) (\(array.count) items)"))
                }
                current = array[resolved]
                walked += Self.segment(step)
            }
        }
        return .success(current)
    }

    private func miss(_ message: String) -> JSONPathError {
        JSONPathError(message: "\(source) does not resolve: \(message)", offset: nil)
    }

    private static func segment(_ step: Step) -> String {
        switch step {
        case .index(let i): return "[\(i)]"
        case .key(let key):
            let plain = !key.isEmpty && key.unicodeScalars.allSatisfy(JSONPathParser.isNameScalar)
            return plain ? "." + key : "[" + JSONText.string(key) + "]"
        }
    }

    static func kind(_ value: Any) -> String {
        switch value {
        case is [String: Any]: return "an object"
        case is [Any]: return "an array"
        case is String: return "a string"
        case is NSNull: return "null"
        default: return "a scalar"
        }
    }
}

/// A path that does not parse, or does not resolve in a document.
public struct JSONPathError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Character offset in the path, for syntax errors.
    public var offset: Int?

    public var description: String {
        offset.map { "\(message) (at character \($0 + 1))" } ?? message
    }
}

/// Recursive descent over the path's scalars.
struct JSONPathParser {
    private let scalars: [Unicode.Scalar]
    private var at = 0

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        s == "_" || s == "-" || s.properties.isAlphabetic || ("0"..."9").contains(s)
    }

    mutating func parse() throws(JSONPathError) -> [JSONPath.Step] {
        guard scalars.first == "$" else {
            throw fail("a JSON path starts with '$', e.g. $.data.reply")
        }
        at = 1
        var steps: [JSONPath.Step] = []
        while at < scalars.count {
            switch scalars[at] {
            case ".":
                at += 1
                let start = at
                while at < scalars.count, Self.isNameScalar(scalars[at]) { at += 1 }
                guard at > start else { throw fail("expected a key name after '.'") }
                steps.append(.key(String(String.UnicodeScalarView(scalars[start..<at]))))
            case "[":
                at += 1
                steps.append(try bracket())
            default:
                throw fail("unexpected '\(scalars[at])'; use .key, [\"key\"] or [0]")
            }
        }
        return steps
    }

    private mutating func bracket() throws(JSONPathError) -> JSONPath.Step {
        guard at < scalars.count else { throw fail("unclosed '['") }
        let step: JSONPath.Step
        if scalars[at] == "\"" || scalars[at] == "'" {
            step = .key(try quoted(scalars[at]))
        } else {
            let start = at
            if scalars[at] == "-" { at += 1 }
            while at < scalars.count, ("0"..."9").contains(scalars[at]) { at += 1 }
            guard let index = Int(String(String.UnicodeScalarView(scalars[start..<at]))) else {
                at = start
                throw fail("expected an index or a quoted key inside '[ ]'")
            }
            step = .index(index)
        }
        guard at < scalars.count, scalars[at] == "]" else { throw fail("expected ']'") }
        at += 1
        return step
    }

    private mutating func quoted(_ quote: Unicode.Scalar) throws(JSONPathError) -> String {
        at += 1
        var out = String.UnicodeScalarView()
        while at < scalars.count {
            let s = scalars[at]
            at += 1
            if s == quote { return String(out) }
            if s == "\\" {
                guard at < scalars.count else { break }
                out.append(scalars[at])
                at += 1
            } else {
                out.append(s)
            }
        }
        throw fail("unclosed quoted key")
    }

    private func fail(_ message: String) -> JSONPathError {
        JSONPathError(message: message, offset: at)
    }
}
