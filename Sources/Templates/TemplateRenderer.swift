import Basics

/// Walks the nodes once, appending text and recording errors.
struct TemplateRenderer {
    let vars: [String: TemplateValue]
    let stopAtFirstError: Bool
    var output = ""
    var errors: [TemplateError] = []

    init(vars: [String: TemplateValue], stopAtFirstError: Bool) {
        self.vars = vars
        self.stopAtFirstError = stopAtFirstError
    }

    mutating func render(_ nodes: [TemplateNode]) {
        for node in nodes {
            if stopAtFirstError, !errors.isEmpty { return }
            switch node {
            case .text(let text):
                output += text
            case .output(let expression):
                var value = resolve(expression.path)
                for filter in expression.filters {
                    value = filter.apply(to: value)
                }
                if let value {
                    output += value.text
                } else {
                    errors.append(undefined(expression.path))
                }
            case .conditional(let block):
                let taken = resolve(block.condition)?.isTruthy ?? false
                render(taken ? block.then : block.otherwise)
            }
        }
    }

    private func resolve(_ path: TemplatePath) -> TemplateValue? {
        guard var value = vars[path.root] else { return nil }
        for segment in path.segments {
            guard let next = value.member(segment) else { return nil }
            value = next
        }
        return value
    }

    private func undefined(_ path: TemplatePath) -> TemplateError {
        var message = "undefined variable '\(path.text)'"
        if vars[path.root] == nil,
            let near = suggestion(for: path.root, among: vars.keys.sorted())
        {
            message += "; did you mean '\(near)'?"
        }
        return TemplateError(
            kind: .undefinedVariable(path.text), message: message, position: path.position)
    }
}
