import Assertions
import Templates
import YAMLCoding

extension TestCase {
    /// A case decoded as its suite is read and again as it runs: the common shape straight
    /// from its tree (``fast(_:index:)``), anything else through `init(from:)`.
    static func decode(_ node: YAMLNode, index: Int, with decoder: YAMLDecoder) throws(YAMLError)
        -> TestCase
    {
        if let testCase = fast(node, index: index) { return testCase }
        let path: [any CodingKey] = [PathKey("cases"), PathKey(index)]
        return try decoder.decode(TestCase.self, from: node, codingPath: path)
    }

    /// The common case (an id, a description, vars whose values are scalars, tags, and
    /// assertions ``AssertionSpec/fast(_:)`` reads) read straight from its tree: what
    /// `init(from:)` gives it, without Codable's containers, which cost several times more
    /// for every case of a suite. Nil for any other key or shape, which `init(from:)` decodes
    /// (and says what is wrong with).
    static func fast(_ node: YAMLNode, index: Int) -> TestCase? {
        guard case .mapping(let entries, let mark) = node else { return nil }
        var id: YAMLNode?
        var description: YAMLNode?
        var vars: YAMLNode?
        var tags: YAMLNode?
        var assert: YAMLNode?
        for entry in entries {
            switch entry.key.scalarValue {
            case "id" where id == nil: id = entry.value
            case "description" where description == nil: description = entry.value
            case "vars" where vars == nil: vars = entry.value
            case "tags" where tags == nil: tags = entry.value
            case "assert" where assert == nil: assert = entry.value
            default: return nil
            }
        }
        guard let id, !id.isNull, case .scalar(let idText, let idMark) = id, !idText.value.isEmpty
        else { return nil }
        var testCase = TestCase(id: idText.value, index: index, mark: mark, idMark: idMark)
        if let description, !description.isNull {
            guard case .scalar(let text, _) = description else { return nil }
            testCase.description = text.value
        }
        if let vars, !vars.isNull {
            guard case .mapping(let members, _) = vars else { return nil }
            testCase.vars.reserveCapacity(members.count)
            for member in members {
                guard let name = member.key.scalarValue, case .scalar = member.value,
                    let value = TemplateValue.scalar(member.value)
                else { return nil }
                testCase.vars[name] = value
            }
        }
        if let tags, !tags.isNull {
            guard case .sequence(let items, _) = tags else { return nil }
            testCase.tags.reserveCapacity(items.count)
            for item in items {
                guard case .scalar(let text, _) = item else { return nil }
                testCase.tags.append(text.value)
            }
        }
        if let assert, !assert.isNull {
            guard case .sequence(let items, _) = assert else { return nil }
            testCase.assert.reserveCapacity(items.count)
            for item in items {
                guard let spec = AssertionSpec.fast(item) else { return nil }
                testCase.assert.append(spec)
            }
        }
        return testCase
    }

    private init(id: String, index: Int, mark: YAMLMark, idMark: YAMLMark) {
        self.id = id
        description = nil
        vars = [:]
        tags = []
        source = nil
        assert = []
        threshold = nil
        repeat_ = nil
        messages = nil
        maxSteps = nil
        self.index = index
        self.mark = mark
        self.idMark = idMark
    }
}
