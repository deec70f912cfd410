/// The one place values are decoded: fast paths for scalars, a closed-set check for string
/// enums, and `init(from:)` for everything else.
extension DecodingContext {
    func decode<T: Decodable>(
        _ type: T.Type, from node: YAMLNode, path: CodingPath
    ) throws(YAMLError) -> T {
        switch type {
        case is String.Type: return try string(node, path: path) as! T
        case is Bool.Type: return try bool(node, path: path) as! T
        case is Int.Type: return try integer(Int.self, node, path: path) as! T
        case is Double.Type: return try double(node, path: path) as! T
        default: break
        }
        switch node {
        case .scalar(let scalar, _):
            if let enumType = type as? any (CaseIterable & RawRepresentable).Type {
                try checkEnumCase(enumType, scalar, node: node, path: path)
            }
        case .sequence:
            if let array = type as? any YAMLSequenceDecodable.Type {
                return try array.decode(sequence: node, path: path, context: self) as! T
            }
        case .mapping:
            if let dictionary = type as? any YAMLMappingDecodable.Type {
                return try dictionary.decode(mapping: node, path: path, context: self) as! T
            }
        }
        do {
            return try T(from: NodeDecoder(node: node, codingPath: path.keys, context: self))
        } catch let error as YAMLError {
            throw error
        } catch {
            throw convert(error, root: node, rootPath: path.keys)
        }
    }

    /// Rejects a value that is not one of a string enum's raw values, with a suggestion.
    private func checkEnumCase<E: CaseIterable & RawRepresentable>(
        _ type: E.Type, _ scalar: YAMLScalar, node: YAMLNode, path: CodingPath
    ) throws(YAMLError) {
        let names = E.allCases.compactMap { $0.rawValue as? String }
        guard names.count == E.allCases.count, !names.contains(scalar.value) else { return }
        guard !isNull(node) else { return }  // let Optional/nil handling report it
        var message = "unknown value '\(scalar.value)'"
        if let suggestion = YAMLSuggestion.closest(to: scalar.value, in: names) {
            message += "; did you mean '\(suggestion)'?"
        } else {
            message += "; expected one of " + names.map { "'\($0)'" }.joined(separator: ", ")
        }
        throw error(message, at: node, path: path)
    }

    /// A DecodingError thrown by a type's own `init(from:)` becomes a YAMLError at the node
    /// its coding path names (relative to `root`, which sits at `rootPath`).
    func convert(_ error: any Error, root: YAMLNode, rootPath: [any CodingKey]) -> YAMLError {
        guard let decodingError = error as? DecodingError else {
            return self.error("\(error)", at: root, path: CodingPath(rootPath))
        }
        let context: DecodingError.Context
        var message: String
        var missingKey: (any CodingKey)?
        switch decodingError {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            context = c
            message = c.debugDescription
        case .keyNotFound(let key, let c):
            context = c
            message = "missing required key '\(key.stringValue)'"
            missingKey = key
        @unknown default:
            return self.error("\(error)", at: root, path: CodingPath(rootPath))
        }
        var fullPath = context.codingPath
        // Paths from containers already include rootPath; bare paths are relative to root.
        let relative: [any CodingKey]
        if fullPath.count >= rootPath.count,
            zip(fullPath, rootPath).allSatisfy({ $0.stringValue == $1.stringValue })
        {
            relative = Array(fullPath.dropFirst(rootPath.count))
        } else {
            relative = fullPath
            fullPath = rootPath + fullPath
        }
        let (node, _) = root.deepestNode(at: relative)
        if missingKey == nil, message.isEmpty { message = "invalid value" }
        return self.error(message, at: node, path: CodingPath(fullPath))
    }
}
