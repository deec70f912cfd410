import Basics
import Feedback
import Foundation
import Store

/// `promptgate feedback import SOURCE`: load an export into the store.
enum FeedbackImportCommand {
    static let subcommand = FeedbackCommand.Subcommand(
        name: "import",
        arguments: "SOURCE",
        abstract: "Import feedback (or --outcomes) from JSONL, CSV or SQLite.",
        options: [
            OptionSpec(
                "--as", value: "jsonl|csv|sqlite",
                help: "Kind of SOURCE (default: from its extension or first bytes)."),
            OptionSpec(
                "--table", value: "T",
                help: "SQLite table (default: feedback / outcomes, or the only table)."),
            OptionSpec(
                "--map", value: "FIELD=COLUMN", repeatable: true,
                help: "Read FIELD from COLUMN (repeatable; COLUMN may be a.b in JSON)."),
            OptionSpec("--outcomes", help: "Import A/B outcome rows instead of feedback."),
            noRedactOption,
            FeedbackCommand.formatOption("text|json"),
            FeedbackCommand.outputOption,
        ],
        run: run)

    /// `--no-redact`, shared with `serve`.
    static let noRedactOption = OptionSpec(
        "--no-redact", help: "Keep e-mails, phones, cards and secrets as they are.")

    static let discussion = """
        IMPORT reads one row per record: id, created_at, session_id, request_id,
        feedback_type (explicit|implicit|detailed), rating (thumbs 1/-1), stars (1-5),
        signal (copied|edited|regenerated|follow_up), comment, correction, edited_text,
        follow_up_text, system_prompt, user_input, response, model, prompt_version, latency_ms.
        Column names match ignoring case and punctuation ("User Input" is user_input), and
        common aliases are understood: prompt, input, query, question → user_input;
        output, answer, completion, reply → response; version → prompt_version;
        thumbs, vote → rating; timestamp, time, ts → created_at; type → feedback_type;
        system → system_prompt. --map FIELD=COLUMN says it for any other name.
        Re-importing adds nothing: rows are stored once per id, or per content hash when the
        export has no ids. A bad row is listed with its line (SQLite: rowid) and skipped.
        Free text is redacted unless --no-redact: e-mail addresses → [EMAIL], phone numbers →
        [PHONE], Luhn-valid card numbers → [CARD], API keys and long random tokens → [SECRET].
        Negative feedback (thumbs down, stars ≤ 2, regenerated, follow_up, edited, a correction)
        is set in promptgate.yaml under feedback.negative and re-applied on every import.
        --outcomes reads A/B rows instead: session_id, prompt_version (alias variant),
        outcome, time_to_outcome_ms, satisfied; stored once per session and version.
        Exit status: 0 when the import finished (rejected rows are listed), 1 when every row
        was rejected, 2 on a usage error, 3 when the file or the store failed.

        EXPORT-FINETUNE writes stored corrections as JSONL: openai-sft chat examples
        (system, user, the correction as the assistant turn) or openai-dpo preference pairs
        (preferred: the correction; non-preferred: the response). Corrections under
        --min-correction-chars, rows without user input and repeated examples are skipped
        and counted on stderr.
        """

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let args = context.arguments
        let format = try args.choice("--format", among: ["text", "json"], default: "text")
        guard let source = args.positionals.first else {
            throw PromptGateError.usage(
                "feedback import needs a SOURCE file",
                hint: "e.g. promptgate feedback import exports/feedback.jsonl")
        }
        guard args.positionals.count == 1 else {
            throw PromptGateError.usage(
                "feedback import takes one SOURCE, got \(args.positionals.count)",
                hint: "import the files one at a time")
        }
        let path = context.absolute(source)
        let outcomes = args.has("--outcomes")
        let fields =
            outcomes
            ? OutcomeField.allCases.map(\.rawValue) : FeedbackField.allCases.map(\.rawValue)
        let mapping = try ColumnMapping.parse(args.all("--map"), fields: fields)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PromptGateError.usage(
                "\(source): no such file", hint: "give the path of a JSONL, CSV or SQLite export")
        }
        guard !isDirectory.boolValue else {
            throw PromptGateError.usage("\(source) is a directory; give the export file")
        }
        let kind: SourceKind
        if args.value("--as") != nil {
            let raw = try args.choice(
                "--as", among: SourceKind.allCases.map(\.rawValue), default: "jsonl")
            kind = SourceKind(rawValue: raw) ?? .jsonl
        } else if let inferred = SourceKind.infer(path: path) {
            kind = inferred
        } else {
            throw PromptGateError.usage(
                "cannot tell what kind of file \(source) is", hint: "pass --as jsonl|csv|sqlite")
        }
        let root = try context.projectRoot()
        let config = try FeedbackCommand.config(root: root)
        let options = ImportOptions(
            kind: kind, table: args.value("--table"), mapping: mapping, outcomes: outcomes,
            redact: !args.has("--no-redact"), policy: config.negative)
        let console = context.console
        let storePath = RunStore.defaultPath(root: root)
        let summary = try await OffPool.run { () throws -> ImportSummary in
            let store = try FeedbackStore(path: storePath)
            return try FeedbackImporter(store: store, options: options).run(
                path: path, name: source
            ) {
                rows in
                if console.stderrIsTTY { console.err("\rread \(rows) rows…\u{1B}[K") }
            }
        }
        if console.stderrIsTTY { console.err("\r\u{1B}[K") }
        for warning in summary.warnings {
            console.err("warning: \(TerminalText.sanitize(warning))\n")
        }
        if format == "json" {
            try context.emit(try JSONText.pretty(json(summary, outcomes: outcomes)))
        } else {
            try context.emit(text(summary, source: source, outcomes: outcomes))
        }
        let allRejected = summary.rejected > 0 && summary.imported + summary.duplicates == 0
        return allRejected ? .failed : .ok
    }

    static func json(_ s: ImportSummary, outcomes: Bool) -> [String: Any] {
        var object: [String: Any] = [
            "imported": s.imported, "duplicates": s.duplicates, "rejected": s.rejected,
            "errors": s.errors.map { failure -> [String: Any] in
                var error: [String: Any]
                switch failure.location {
                case .line(let n):
                    error = ["line": n, "message": failure.message]
                    // Lines lost together (an unterminated quote): each is a rejected row.
                    if failure.lines > 1 {
                        error["lines"] = failure.lines
                        error["last_line"] = n + failure.lines - 1
                    }
                case .rowid(let n): error = ["rowid": n, "message": failure.message]
                case .record(let n): error = ["record": n, "message": failure.message]
                }
                return error
            },
            "errors_omitted": max(0, s.errorsOmitted),
            "kind": outcomes ? "outcomes" : "feedback",
        ]
        if !outcomes {
            object["negatives"] = s.negatives
            object["redacted"] = [
                "email": s.redacted.email, "phone": s.redacted.phone, "card": s.redacted.card,
                "secret": s.redacted.secret,
            ]
        }
        if let table = s.table { object["table"] = table }
        if !s.columnsUsed.isEmpty {
            object["columns"] = Dictionary(
                s.columnsUsed.map { ($0.field, $0.column) }, uniquingKeysWith: { a, _ in a })
            object["columns_ignored"] = s.columnsIgnored
        }
        return object
    }

    /// The text summary; names and messages from the file are made terminal-safe.
    static func text(_ s: ImportSummary, source: String, outcomes: Bool) -> String {
        let safe = TerminalText.sanitize
        var out = safe("\(source)\(s.table.map { " (table \($0))" } ?? ""): ")
        if s.rows == 0 { return out + "no rows; nothing to import\n" }
        let what = outcomes ? "outcome" : "feedback record"
        out += "imported \(count(s.imported, what)), \(count(s.duplicates, "duplicate")), "
        out += "\(s.rejected) rejected\n"
        if !outcomes, s.imported > 0 {
            out += "  negative feedback: \(s.negatives) of the \(s.imported) imported\n"
        }
        let r = s.redacted
        let redacted = [
            (r.email, "e-mail address"), (r.phone, "phone number"), (r.card, "card number"),
            (r.secret, "secret"),
        ].filter { $0.0 > 0 }.map { count($0.0, $0.1) }
        if !redacted.isEmpty { out += "  redacted \(redacted.joined(separator: ", "))\n" }
        let renamed = s.columnsUsed.filter {
            FeedbackField.normalize($0.field) != FeedbackField.normalize($0.column)
        }
        if !renamed.isEmpty {
            let list = renamed.map { "\($0.field) from '\(safe($0.column))'" }
            out += "  read \(list.joined(separator: ", "))\n"
        }
        if !s.columnsIgnored.isEmpty {
            out += "  columns not read: \(safe(s.columnsIgnored.joined(separator: ", ")))"
            out += " (map one with --map FIELD=COLUMN)\n"
        }
        let shown = s.errors.prefix(20)
        for failure in shown {
            out += "  rejected \(failure.location): \(safe(TerminalText.capped(failure.message)))\n"
        }
        let more = s.rejected - shown.reduce(0) { $0 + $1.lines }
        if more > 0 {
            out += "  … and \(more) more rejected rows (see --format json)\n"
        }
        return out
    }

    /// "1 duplicate", "2 duplicates".
    private static func count(_ n: Int, _ noun: String) -> String {
        n == 1 ? "1 \(noun)" : "\(n) \(noun)\(noun.hasSuffix("s") ? "es" : "s")"
    }
}
