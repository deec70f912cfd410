import Foundation

/// `promptgate gate BASE CANDIDATE`: compare, apply the policy, record the evidence.
enum GateCommand {
    static let definition = CommandDefinition(
        name: "gate",
        abstract:
            "Compare two versions and decide, by the gate policy, whether the candidate may be promoted.",
        usage:
            "promptgate gate BASE CANDIDATE [compare options] [--format text|markdown|json|junit] [--output FILE]",
        options: CompareCommand.options,
        discussion: """
            Runs or reuses the comparison, applies gate: from promptgate.yaml (and each suite's \
            gate: for its cases), prints PASS or BLOCKED with every reason, and writes a gate \
            record to the store and to .promptgate/gates/<id>.json with the SHA-256 of every \
            input that shaped the result. A gate never passes on incomplete evidence: a side \
            that was interrupted, stopped by --max-cost, is one shard, or lacks cases the suites \
            now hold blocks it. Exit 0 PASS, 1 BLOCKED, 2 usage or configuration error, 3 when \
            a side could not be run completely (blocked, incomplete evidence).
            """,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let format = try context.arguments.choice(
            "--format", among: ["text", "json", "markdown", "html", "junit"], default: "text")
        let comparison = try await CompareCommand.compare(context)
        let root = try context.projectRoot()
        let project = try Validation.loadForRun(root: root)
        let evaluator = GateEvidence.evaluator(
            project: project, suites: comparison.candidate.suiteNames + comparison.base.suiteNames)
        let decision = evaluator.evaluate(comparison)
        let store = try RunStore(path: RunStore.defaultPath(root: root))
        let now = Timestamp.now()
        let id = try await store.reserveGate(
            promptID: comparison.candidate.promptID,
            candidateVersion: comparison.candidate.promptVersion,
            baseRef: comparison.base.promptRef, createdAt: now)
        let record = GateRecord.make(
            id: id, comparison: comparison, decision: decision, evaluator: evaluator, createdAt: now
        )
        let text = record.serialized()
        try await store.saveGate(
            id: id, decision: decision.passed ? "pass" : "blocked", record: text)
        let relative = ".promptgate/gates/\(id).json"
        let absolute = (root as NSString).appendingPathComponent(relative)
        do {
            try FileManager.default.createDirectory(
                atPath: (absolute as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: absolute), options: .atomic)
        } catch {
            throw PromptGateError.io(
                path: relative, reason: "cannot write the gate record: \(error)")
        }
        let report = GateReport(id: id, path: relative, decision: decision, comparison: comparison)
        switch format {
        case "json": try context.emit(report.json())
        case "markdown": try context.emit(report.markdown())
        case "html": try context.emit(comparison.html())
        case "junit": try context.emit(report.junit())
        default: try context.emit(report.text(style: context.console.style))
        }
        if !comparison.isComplete || !comparison.cases(.error).isEmpty { return .infrastructure }
        return decision.passed ? .ok : .failed
    }
}

/// The gate's decision in each output format.
struct GateReport {
    var id: Int64
    var path: String
    var decision: GateDecision
    var comparison: Comparison

    var headline: String {
        "\(decision.passed ? "PASS" : "BLOCKED"): \(comparison.candidate.promptRef) against \(comparison.base.promptRef) (gate \(id))"
    }

    func text(style: TerminalStyle) -> String {
        let safe = TerminalText.sanitize
        let headline = safe(headline)
        var out =
            decision.passed ? style.green(style.bold(headline)) : style.red(style.bold(headline))
        out += "\n"
        for r in decision.reasons { out += "  ✗ \(safe(r))\n" }
        for w in decision.warnings { out += "  ! \(style.yellow(safe(w)))\n" }
        for n in decision.notes { out += "  • \(safe(n))\n" }
        out += "record: \(path)\n\n"
        out += comparison.text(style: style, maxCasesPerSection: 20, maxChangedText: 0)
        return out
    }

    func markdown() -> String {
        var out = "## \(decision.passed ? "✅" : "⛔") \(MarkdownText.escape(headline))\n\n"
        for r in decision.reasons { out += "- ✗ \(MarkdownText.escape(r))\n" }
        for w in decision.warnings { out += "- ⚠️ \(MarkdownText.escape(w))\n" }
        for n in decision.notes { out += "- ℹ️ \(MarkdownText.escape(n))\n" }
        out += "\nGate record: `\(path)`\n\n"
        return out + comparison.markdown(limit: 60_000 - out.count)
    }

    func json() -> String {
        let compare = (try? JSONSerialization.jsonObject(with: Data(comparison.json().utf8))) ?? [:]
        let object: [String: Any] = [
            "gate_id": id, "decision": decision.passed ? "pass" : "blocked", "record": path,
            "complete": comparison.isComplete,
            "reasons": decision.reasons, "warnings": decision.warnings, "notes": decision.notes,
            "comparison": compare,
        ]
        let data =
            (try? JSONSerialization.data(
                withJSONObject: object,
                options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]))
            ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    func junit() -> String {
        var xml = comparison.junit()
        var gate =
            "  <testsuite name=\"gate\" tests=\"1\" failures=\"\(decision.passed ? 0 : 1)\" errors=\"0\">\n"
        gate +=
            "    <testcase classname=\"promptgate.gate\" name=\"\(XML.escape(comparison.candidate.promptRef))\">\n"
        if !decision.passed {
            let message = decision.reasons.joined(separator: "; ")
            gate +=
                "      <failure message=\"\(XML.escape(String(message.prefix(300))))\">\(XML.escape(decision.reasons.joined(separator: "\n")))</failure>\n"
        }
        gate += "    </testcase>\n  </testsuite>\n"
        if let range = xml.range(of: "</testsuites>", options: .backwards) {
            xml.insert(contentsOf: gate, at: range.lowerBound)
        } else {
            xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n\(gate)</testsuites>\n"
        }
        return xml
    }
}

/// Escapes text for Markdown outside code blocks, so model output cannot inject markup (nor
/// control characters reach a terminal showing the file: they are escaped as in ``TerminalText``).
enum MarkdownText {
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in TerminalText.sanitize(s) {
            switch ch {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "|": out += "\\|"
            case "*", "_", "`", "[", "]", "#", "\\": out += "\\\(ch)"
            case "\n": out += " "
            default: out.append(ch)
            }
        }
        return out
    }
}
