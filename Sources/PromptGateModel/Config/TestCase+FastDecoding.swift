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

    /// The common case (an id, a description, vars whose values are scalars, tags, a
    /// `source:` of strings, a threshold, a repeat count, and assertions
    /// ``AssertionSpec/fast(_:)`` reads) read straight from its tree: what
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
        var source: YAMLNode?
        var threshold: YAMLNode?
        var repeatCount: YAMLNode?
        for entry in entries {
            switch entry.key.scalarValue {
            case "id" where id == nil: id = entry.value
            case "description" where description == nil: description = entry.value
            case "vars" where vars == nil: vars = entry.value
            case "tags" where tags == nil: tags = entry.value
            case "assert" where assert == nil: assert = entry.value
            case "source" where source == nil: source = entry.value
            case "threshold" where threshold == nil: threshold = entry.value
            case "repeat" where repeatCount == nil: repeatCount = entry.value
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
        if let source, !source.isNull {
            guard let decoded = fastSource(source) else { return nil }
            testCase.source = decoded
        }
        if let threshold, !threshold.isNull {
            guard let value = threshold.doubleValue, (0...1).contains(value) else { return nil }
            testCase.threshold = value
        }
        if let repeatCount, !repeatCount.isNull {
            guard let value = repeatCount.integerValue(as: Int.self), value >= 1 else { return nil }
            testCase.repeat_ = value
        }
        return testCase
    }

    /// `source:` of strings (no `history:`), as `CaseSource`'s `init(from:)` reads it.
    private static func fastSource(_ node: YAMLNode) -> CaseSource? {
        guard case .mapping(let entries, _) = node else { return nil }
        var source = CaseSource()
        var seen: Set<String> = []
        for entry in entries {
            guard let key = entry.key.scalarValue, seen.insert(key).inserted else { return nil }
            var text: String?
            if !entry.value.isNull {
                guard case .scalar(let scalar, _) = entry.value else { return nil }
                text = scalar.value
            }
            switch key {
            case "feedback_id": source.feedbackID = text
            case "prompt_version": source.promptVersion = text
            case "model": source.model = text
            case "response": source.response = text
            case "correction": source.correction = text
            case "comment": source.comment = text
            case "signal": source.signal = text
            default: return nil
            }
        }
        return source
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
