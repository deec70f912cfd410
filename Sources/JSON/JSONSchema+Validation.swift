import Foundation

extension JSONSchema {
    /// Schemas applied deeper than this (a `$ref` cycle that never consumes the instance)
    /// fail instead of overflowing the stack.
    static let maxDepth = 256

    /// Validates `instance`; an empty list means it is valid. Failures come in document order
    /// of the schema's keywords, each naming the instance's JSON pointer and the keyword.
    public func validate(_ instance: JSONValue) -> [JSONSchemaFailure] {
        var failures: [JSONSchemaFailure] = []
        apply(root, to: instance, at: "", depth: 0, into: &failures)
        return failures
    }

    /// Whether `instance` is valid against `schema`.
    private func isValid(_ schema: JSONValue, _ instance: JSONValue, depth: Int) -> Bool {
        var failures: [JSONSchemaFailure] = []
        apply(schema, to: instance, at: "", depth: depth, into: &failures)
        return failures.isEmpty
    }

    private func apply(
        _ schema: JSONValue, to instance: JSONValue, at path: String, depth: Int,
        into failures: inout [JSONSchemaFailure]
    ) {
        func fail(_ keyword: String, _ message: String) {
            failures.append(
                JSONSchemaFailure(instancePath: path, keyword: keyword, message: message))
        }
        guard depth < Self.maxDepth else {
            return fail("$ref", "schema nesting deeper than \(Self.maxDepth) (a $ref cycle?)")
        }
        guard case .object(let keywords) = schema else {
            if case .bool(false) = schema { fail("false", "schema false allows no value") }
            return
        }
        for (keyword, value) in keywords.sorted(by: { $0.key < $1.key }) {
            switch keyword {
            case "type", "enum", "const":
                if let message = Self.checkValue(keyword, value, instance) {
                    fail(keyword, message)
                }
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
                if let message = Self.checkNumber(keyword, value, instance) {
                    fail(keyword, message)
                }
            case "minLength", "maxLength", "pattern":
                if let message = Self.checkString(keyword, value, instance) {
                    fail(keyword, message)
                }
            case "minItems", "maxItems", "uniqueItems":
                if let message = Self.checkArraySize(keyword, value, instance) {
                    fail(keyword, message)
                }
            case "items", "prefixItems":
                applyItems(keyword, value, keywords, instance, path, depth, &failures)
            case "properties", "additionalProperties", "required":
                applyObject(keyword, value, keywords, instance, path, depth, &failures)
            case "allOf":
                for subschema in value.items {
                    apply(subschema, to: instance, at: path, depth: depth + 1, into: &failures)
                }
            case "anyOf":
                let count = value.items.count
                if !value.items.contains(where: { isValid($0, instance, depth: depth + 1) }) {
                    fail(keyword, "anyOf: matches none of the \(count) subschemas")
                }
            case "oneOf":
                let matching = value.items.indices.filter {
                    isValid(value.items[$0], instance, depth: depth + 1)
                }
                if matching.count != 1 {
                    let found =
                        matching.isEmpty
                        ? "none of the \(value.items.count)"
                        : "subschemas " + matching.map(String.init).joined(separator: ", ")
                    fail(keyword, "oneOf: matches \(found), expected exactly one")
                }
            case "not":
                if isValid(value, instance, depth: depth + 1) {
                    fail(keyword, "not: matches the schema it must not match")
                }
            case "$ref":
                if case .string(let reference) = value, let target = resolve(reference) {
                    apply(target, to: instance, at: path, depth: depth + 1, into: &failures)
                } else {
                    fail(keyword, "$ref \(value.jsonText) points at nothing")
                }
            default:
                break  // annotations and $defs
            }
        }
    }

    private func applyItems(
        _ keyword: String, _ value: JSONValue, _ keywords: [String: JSONValue],
        _ instance: JSONValue, _ path: String, _ depth: Int,
        _ failures: inout [JSONSchemaFailure]
    ) {
        guard case .array(let elements) = instance else { return }
        let prefix = keywords["prefixItems"]?.items ?? []
        let range = keyword == "prefixItems" ? 0..<min(prefix.count, elements.count) : 0..<0
        if keyword == "prefixItems" {
            for index in range {
                apply(
                    prefix[index], to: elements[index], at: path + "/\(index)", depth: depth + 1,
                    into: &failures)
            }
            return
        }
        if case .bool(false) = value, elements.count > prefix.count {
            let allowed = prefix.isEmpty ? "no items" : "at most \(prefix.count) items"
            failures.append(
                JSONSchemaFailure(
                    instancePath: path, keyword: keyword,
                    message: "items false allows \(allowed), got \(elements.count)"))
            return
        }
        for index in elements.indices.dropFirst(prefix.count) {
            apply(
                value, to: elements[index], at: path + "/\(index)", depth: depth + 1,
                into: &failures)
        }
    }

    private func applyObject(
        _ keyword: String, _ value: JSONValue, _ keywords: [String: JSONValue],
        _ instance: JSONValue, _ path: String, _ depth: Int,
        _ failures: inout [JSONSchemaFailure]
    ) {
        guard case .object(let members) = instance else { return }
        switch keyword {
        case "required":
            let missing = value.items.compactMap { name -> String? in
                guard case .string(let text) = name, members[text] == nil else { return nil }
                return text
            }
            if !missing.isEmpty {
                let names = missing.map { "'\($0)'" }.joined(separator: ", ")
                failures.append(
                    JSONSchemaFailure(
                        instancePath: path, keyword: keyword,
                        message: "required property \(names) is missing"))
            }
        case "properties":
            guard case .object(let properties) = value else { return }
            for (name, subschema) in properties.sorted(by: { $0.key < $1.key }) {
                guard let member = members[name] else { continue }
                apply(
                    subschema, to: member, at: path + "/" + JSONPointer.escape(name),
                    depth: depth + 1, into: &failures)
            }
        default:  // additionalProperties: members that `properties` does not name
            let declared = keywords["properties"]?.members ?? [:]
            let extra = members.keys.filter { declared[$0] == nil }.sorted()
            if case .bool(false) = value {
                if !extra.isEmpty {
                    let names = extra.map { "'\($0)'" }.joined(separator: ", ")
                    failures.append(
                        JSONSchemaFailure(
                            instancePath: path, keyword: keyword,
                            message: "additionalProperties false, got property \(names)"))
                }
                return
            }
            for name in extra {
                if let member = members[name] {
                    apply(
                        value, to: member, at: path + "/" + JSONPointer.escape(name),
                        depth: depth + 1, into: &failures)
                }
            }
        }
    }
}

extension JSONValue {
    /// The elements of an array, or none.
    var items: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }

    /// The members of an object, or nil.
    var members: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }
}
