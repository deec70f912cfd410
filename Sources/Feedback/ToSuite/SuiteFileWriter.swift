import Basics
import Foundation
import YAMLCoding

/// Writes `to-suite` cases to a suite file: a new file through the YAML emitter, or, when the
/// file exists, only the cases it lacks, appended as blocks at its end so that everything
/// already there (hand edits, comments, key order) stays byte for byte.
///
/// Appending needs `cases:` to be the file's last top-level key, as a block list (or empty:
/// `cases: []` or nothing); otherwise the file is left alone and the error says why. The
/// result is parsed again before it is written, and must read back with the new cases last.
package struct SuiteFileWriter {
    var path: String
    /// The path as the user gave it, for messages.
    var name: String

    package struct Outcome {
        package var added: [String]
        package var alreadyThere: Int
        package var created: Bool
    }

    package func write(_ draft: SuiteDraft) throws(PromptGateError) -> Outcome {
        guard let data = FileManager.default.contents(atPath: path) else {
            guard !draft.cases.isEmpty else {
                return Outcome(added: [], alreadyThere: 0, created: false)
            }
            let text: String
            do { text = try YAMLEncoder().encode(draft) } catch {
                throw .infrastructure("cannot encode the suite: \(error)")
            }
            try save(text)
            return Outcome(added: draft.cases.map(\.id), alreadyThere: 0, created: true)
        }
        let text = String(decoding: data, as: UTF8.self)
        let root: YAMLNode
        do {
            guard let parsed = try YAMLParser.parse(Array(data), file: name) else {
                throw PromptGateError.usage("\(name) is empty; delete it or pass another --output")
            }
            root = parsed
        } catch let error as PromptGateError {
            throw error
        } catch {
            throw .usage("\(name) is not valid YAML, so it is left as it is: \(error)")
        }
        guard case .mapping(let entries, _) = root, let last = entries.last,
            last.key.scalarValue == "cases"
        else {
            throw .usage(
                "cannot append to \(name): 'cases:' must be its last top-level key",
                hint: "move the cases list to the end of the file, or pass another --output")
        }
        if let prompt = root["prompt"]?.scalarValue, prompt != draft.prompt {
            throw .usage(
                "\(name) is a suite for prompt '\(prompt)', not '\(draft.prompt)'",
                hint: "pass --prompt \(prompt), or another --output")
        }
        let existing: [YAMLNode]
        switch last.value {
        case .sequence(let items, _): existing = items
        case .scalar(let scalar, _) where scalar.value.isEmpty || scalar.value == "~": existing = []
        default:
            throw .usage("cannot append to \(name): 'cases' is not a list")
        }
        var ids: Set<String> = []
        var inputs: Set<String> = []
        var feedbackIDs: Set<String> = []
        for item in existing {
            if let id = item["id"]?.scalarValue { ids.insert(id) }
            if let input = item["vars"]?["user_input"]?.scalarValue {
                inputs.insert(CommentTheme.words(of: input).joined(separator: " "))
            }
            if let id = item["source"]?["feedback_id"]?.scalarValue { feedbackIDs.insert(id) }
        }
        let fresh = draft.cases.filter { draft in
            !ids.contains(draft.id)
                && !inputs.contains(
                    CommentTheme.words(of: draft.vars["user_input"] ?? "").joined(separator: " "))
                && !feedbackIDs.contains(draft.source.feedbackID ?? "")
        }
        let outcome = Outcome(
            added: fresh.map(\.id), alreadyThere: draft.cases.count - fresh.count, created: false)
        guard !fresh.isEmpty else { return outcome }
        var (head, indent) = try prefix(text, cases: last.value, existing: existing)
        if !head.hasSuffix("\n") { head += "\n" }
        let blocks: String
        do { blocks = try YAMLEncoder().encode(fresh) } catch {
            throw .infrastructure("cannot encode the cases: \(error)")
        }
        let pad = String(repeating: " ", count: indent)
        let indented = blocks.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
        let result = head + indented
        try check(result, expecting: existing.count + fresh.count, lastIDs: fresh.map(\.id))
        try save(result)
        return outcome
    }

    /// The text to append after, and the indentation of list items.
    private func prefix(_ text: String, cases: YAMLNode, existing: [YAMLNode])
        throws(PromptGateError) -> (String, Int)
    {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let mark = cases.mark
        guard mark.line >= 1, mark.line <= lines.count else {
            throw .usage("cannot append to \(name): cannot find its cases list")
        }
        let line = lines[mark.line - 1]
        let column = line.index(
            line.startIndex, offsetBy: min(max(0, mark.column - 1), line.count))
        let marker = line[column...].first
        if !existing.isEmpty {
            guard marker == "-" else {
                throw .usage(
                    "cannot append to \(name): its cases are written as a flow list [...]",
                    hint:
                        "write them as a block list (one '- id:' per case), or pass another --output"
                )
            }
            return (text, line.distance(from: line.startIndex, to: column))
        }
        // `cases: []` or `cases:` with nothing: cut the empty list and start a block list.
        if marker == "[" {
            let rest = line[line.index(after: column)...].drop(while: { $0 == " " })
            guard rest.hasPrefix("]"),
                rest.dropFirst().allSatisfy({ $0 == " " })
                    || rest.dropFirst().drop(while: { $0 == " " }).hasPrefix("#"),
                lines[mark.line...].allSatisfy({
                    $0.drop(while: { $0 == " " }).isEmpty
                        || $0.drop(while: { $0 == " " }).hasPrefix("#")
                })
            else {
                throw .usage("cannot append to \(name): cannot rewrite its empty cases list")
            }
            let before = lines[..<(mark.line - 1)].joined(separator: "\n")
            let head = (before.isEmpty ? "" : before + "\n") + String(line[..<column])
            return (
                head.replacingOccurrences(of: " +$", with: "", options: .regularExpression) + "\n",
                2
            )
        }
        return (text, 2)
    }

    /// Parses `text` and checks that it has `count` cases ending with `lastIDs`.
    private func check(_ text: String, expecting count: Int, lastIDs: [String])
        throws(PromptGateError)
    {
        let parsed = try? YAMLParser.parse(Array(text.utf8), file: name)
        guard case .sequence(let items, _)? = parsed?["cases"], items.count == count,
            Array(items.suffix(lastIDs.count).map { $0["id"]?.scalarValue ?? "" }) == lastIDs
        else {
            throw .usage(
                "cannot append to \(name) safely (its layout is unusual); it is left unchanged",
                hint: "pass another --output and merge the cases by hand")
        }
    }

    private func save(_ text: String) throws(PromptGateError) {
        try AtomicFile.write(text, to: path, shown: name, what: "the suite")
    }
}
