import Basics
import Foundation
import PromptGateModel

/// How to read an export and what to store.
public struct ImportOptions: Sendable {
    public var kind: SourceKind
    /// The SQLite table (default: `feedback` or `outcomes`, else the only table).
    public var table: String?
    /// `--map`: field name → column.
    public var mapping: [String: String]
    /// Import A/B outcome rows instead of feedback.
    public var outcomes: Bool
    public var redact: Bool
    public var policy: NegativePolicy
    /// Records per transaction.
    public var batchSize: Int

    public init(
        kind: SourceKind, table: String? = nil, mapping: [String: String] = [:],
        outcomes: Bool = false, redact: Bool = true, policy: NegativePolicy = NegativePolicy(),
        batchSize: Int = 2000
    ) {
        self.kind = kind
        self.table = table
        self.mapping = mapping
        self.outcomes = outcomes
        self.redact = redact
        self.policy = policy
        self.batchSize = batchSize
    }
}

/// What an import did.
public struct ImportSummary: Sendable {
    public var imported = 0
    public var duplicates = 0
    /// Rows rejected, counting every line a failure lost (see ``RowFailure/lines``).
    public var rejected = 0
    /// The first ``FeedbackImporter/maxErrors`` rejected rows.
    public var errors: [RowFailure] = []
    /// Rejected rows that ``errors`` does not list.
    public var errorsOmitted: Int { rejected - errors.reduce(0) { $0 + $1.lines } }
    /// Negative records among the imported ones (feedback only).
    public var negatives = 0
    public var redacted = Redactor.Counts()
    /// For CSV and SQLite: which column each field was read from, and columns left unread.
    public var columnsUsed: [(field: String, column: String)] = []
    public var columnsIgnored: [String] = []
    /// The SQLite table read.
    public var table: String?
    public var warnings: [String] = []

    public init() {}

    /// Rows read, good or not.
    public var rows: Int { imported + duplicates + rejected }
}

/// Reads an export row by row and stores its records in batches: parse, check, redact,
/// dedupe, flag negatives. A bad row is counted and reported, never fatal.
public final class FeedbackImporter {
    public static let maxErrors = 100
    private let store: FeedbackStore
    private let options: ImportOptions
    private let redactor = Redactor()

    public init(store: FeedbackStore, options: ImportOptions) {
        self.store = store
        self.options = options
    }

    /// Opens the source at `path` (usage errors for a missing file, a bad table or a
    /// `--map` column the source lacks) and imports it. `name` is the path as the user gave
    /// it, for messages; `progress` gets the rows read so far.
    public func run(path: String, name: String? = nil, progress: ((Int) -> Void)? = nil)
        throws(PromptGateError) -> ImportSummary
    {
        let name = name ?? path
        let source = try Self.open(path: path, name: name, options: options)
        let mapping =
            options.outcomes
            ? ColumnMapping.outcomes(explicit: options.mapping)
            : ColumnMapping.feedback(explicit: options.mapping)
        var summary = ImportSummary()
        summary.table = (source as? SQLiteRowSource)?.table
        if let columns = source.columns {
            if let error = mapping.missingExplicit(columns: columns, source: name) { throw error }
            let resolved = mapping.resolve(columns: columns)
            summary.columnsUsed = resolved.used
            summary.columnsIgnored = resolved.ignored
        }
        // Only JSONL cannot check --map columns up front.
        var unseen = source.columns == nil ? Set(options.mapping.values) : []
        let parser = RecordParser(mapping: mapping)
        let importedAt = FieldConversion.iso8601(epoch: Date().timeIntervalSince1970)
        var feedbackBatch: [FeedbackStore.Entry] = []
        var outcomeBatch: [OutcomeRecord] = []
        let batchSize = max(1, options.batchSize)

        func flush() throws(PromptGateError) {
            if !feedbackBatch.isEmpty {
                let (new, negative) = try store.insert(
                    feedbackBatch, source: path, importedAt: importedAt)
                summary.imported += new
                summary.negatives += negative
                summary.duplicates += feedbackBatch.count - new
                feedbackBatch.removeAll(keepingCapacity: true)
            }
            if !outcomeBatch.isEmpty {
                let new = try store.insert(outcomeBatch, source: path, importedAt: importedAt)
                summary.imported += new
                summary.duplicates += outcomeBatch.count - new
                outcomeBatch.removeAll(keepingCapacity: true)
            }
        }

        var rows = 0
        while let next = source.next() {
            rows += 1
            if rows % 10_000 == 0 { progress?(rows) }
            switch next {
            case .failure(let failure):
                reject(failure, into: &summary)
            case .success(let row):
                if !unseen.isEmpty {
                    unseen = unseen.filter { row.value(at: $0) == nil }
                }
                if options.outcomes {
                    switch parser.outcome(row) {
                    case .failure(let failure): reject(failure, into: &summary)
                    case .success(let outcome): outcomeBatch.append(outcome)
                    }
                } else {
                    switch parser.feedback(row) {
                    case .failure(let failure): reject(failure, into: &summary)
                    case .success(let record): feedbackBatch.append(entry(record, &summary))
                    }
                }
                if feedbackBatch.count + outcomeBatch.count >= batchSize { try flush() }
            }
        }
        try flush()
        progress?(rows)
        if let error = source.readError {
            throw .io(
                path: name,
                reason:
                    "read failed after \(rows) rows (\(summary.imported) imported and kept): \(error)"
            )
        }
        if !options.outcomes {
            try store.refreshNegatives(options.policy)
        }
        for column in unseen.sorted() where rows > 0 {
            let field = options.mapping.first { $0.value == column }?.key ?? "?"
            summary.warnings.append("--map \(field)=\(column): no row has a column '\(column)'")
        }
        return summary
    }

    private func reject(_ failure: RowFailure, into summary: inout ImportSummary) {
        summary.rejected += max(1, failure.lines)
        if summary.errors.count < Self.maxErrors { summary.errors.append(failure) }
    }

    private func entry(_ original: FeedbackRecord, _ summary: inout ImportSummary)
        -> FeedbackStore.Entry
    {
        Self.entry(
            original, redactor: options.redact ? redactor : nil, policy: options.policy,
            counts: &summary.redacted)
    }

    /// A parsed record made ready to store, the one rule for imports and `feedback serve`:
    /// the dedupe key (`id:<id>`, else the content hash before redaction), the free text
    /// redacted when `redactor` is given (counting into `counts`), the negative flag.
    public static func entry(
        _ original: FeedbackRecord, redactor: Redactor?, policy: NegativePolicy,
        counts: inout Redactor.Counts
    ) -> FeedbackStore.Entry {
        let key = original.id.map { "id:\($0)" } ?? "sha256:\(contentHash(original))"
        var record = original
        if let redactor {
            var tally = counts
            record.transformText { redactor.redact($0, counts: &tally) }
            counts = tally
        }
        return FeedbackStore.Entry(record: record, key: key, isNegative: policy.isNegative(record))
    }

    /// SHA-256 of the record's fields (before redaction), each as `name=value` with separators
    /// that cannot occur in the values' meaning; absent fields are left out.
    public static func contentHash(_ r: FeedbackRecord) -> String {
        let fields: [(String, String?)] = [
            ("created_at", r.createdAt), ("session_id", r.sessionID),
            ("request_id", r.requestID), ("feedback_type", r.feedbackType?.rawValue),
            ("rating", r.rating.map(String.init)), ("stars", r.stars.map(String.init)),
            ("signal", r.signal?.rawValue), ("comment", r.comment),
            ("correction", r.correction), ("edited_text", r.editedText),
            ("follow_up_text", r.followUpText), ("system_prompt", r.systemPrompt),
            ("user_input", r.userInput), ("response", r.response), ("model", r.model),
            ("prompt_version", r.promptVersion), ("latency_ms", r.latencyMs.map { "\($0)" }),
        ]
        var bytes: [UInt8] = []
        for (name, value) in fields {
            guard let value else { continue }
            bytes += name.utf8
            bytes.append(0x1F)
            bytes += value.utf8
            bytes.append(0x1E)
        }
        return Digest.sha256Hex(bytes)
    }

    /// Opens `path` as `options.kind`; every problem here is a usage error (exit 2).
    static func open(path: String, name: String, options: ImportOptions)
        throws(PromptGateError) -> any RowSource
    {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .usage(
                "\(name): no such file", hint: "give the path of a JSONL, CSV or SQLite export")
        }
        guard !isDirectory.boolValue else {
            throw .usage("\(name) is a directory; give the export file")
        }
        if options.table != nil, options.kind != .sqlite {
            throw .usage(
                "--table applies to SQLite sources; \(name) is read as \(options.kind.rawValue)")
        }
        if options.kind == .sqlite {
            return try SQLiteRowSource(
                path: path, name: name, table: options.table,
                preferred: options.outcomes ? "outcomes" : "feedback")
        }
        guard let reader = ByteReader(path: path) else {
            throw .io(path: name, reason: "cannot open: \(String(cString: strerror(errno)))")
        }
        if options.kind == .jsonl { return JSONLRowSource(reader) }
        let tab = (path as NSString).pathExtension.lowercased() == "tsv"
        return try CSVRowSource(reader, name: name, delimiter: tab ? 0x09 : UInt8(ascii: ","))
    }
}
