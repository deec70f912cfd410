import Basics
import Feedback
import Foundation
import Store

/// `promptgate feedback export-finetune`: corrections as fine-tuning JSONL.
enum FeedbackExportCommand {
    static let subcommand = FeedbackCommand.Subcommand(
        name: "export-finetune",
        abstract: "Write corrections as OpenAI SFT or DPO fine-tuning JSONL.",
        options: [
            FeedbackCommand.formatOption("openai-sft|openai-dpo", required: true),
            OptionSpec(
                "--min-correction-chars", value: "N",
                help: "Skip corrections shorter than N characters (default 20)."),
            FeedbackCommand.outputOption,
        ],
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let args = context.arguments
        guard args.value("--format") != nil else {
            throw PromptGateError.usage(
                "export-finetune needs --format openai-sft or --format openai-dpo")
        }
        let raw = try args.choice(
            "--format", among: FinetuneExporter.Format.allCases.map(\.rawValue),
            default: "openai-sft")
        let format = FinetuneExporter.Format(rawValue: raw) ?? .openAISFT
        let minimum = try args.int("--min-correction-chars", min: 0) ?? 20
        if let extra = args.positionals.first {
            throw PromptGateError.usage("export-finetune takes no SOURCE, got '\(extra)'")
        }
        let root = try context.projectRoot()
        let storePath = RunStore.defaultPath(root: root)
        let output = args.value("--output").map { context.absolute($0) }
        let console = context.console
        let exporter = FinetuneExporter(format: format, minCorrectionChars: minimum)
        let summary = try await OffPool.run { () throws -> FinetuneExporter.Summary in
            let store = try FeedbackStore(path: storePath)
            // Lines are gathered into ~1 MB writes.
            var buffer = ""
            guard let output else {
                let summary = try exporter.export(from: store) { line in
                    buffer += line + "\n"
                    if buffer.utf8.count > 1 << 20 {
                        console.out(buffer)
                        buffer = ""
                    }
                }
                console.out(buffer)
                return summary
            }
            return try write(to: output) { handle in
                let summary = try exporter.export(from: store) { line in
                    buffer += line + "\n"
                    if buffer.utf8.count > 1 << 20 {
                        try handle.write(contentsOf: Data(buffer.utf8))
                        buffer = ""
                    }
                }
                try handle.write(contentsOf: Data(buffer.utf8))
                return summary
            }
        }
        var note = "wrote \(summary.written) \(format.rawValue) examples"
        if let path = args.value("--output") { note += " to \(path)" }
        note += "; skipped \(summary.skipped)"
        var reasons: [String] = []
        if summary.shortCorrection > 0 {
            reasons.append(
                "\(summary.shortCorrection) with a correction under \(minimum) characters")
        }
        if summary.noInput > 0 { reasons.append("\(summary.noInput) without user input") }
        if summary.noResponse > 0 {
            reasons.append("\(summary.noResponse) without a different bad response")
        }
        if summary.duplicate > 0 { reasons.append("\(summary.duplicate) duplicates") }
        if !reasons.isEmpty { note += " (\(reasons.joined(separator: ", ")))" }
        console.err(note + "\n")
        return .ok
    }

    /// Writes through a temporary file renamed into place, so a failed export leaves no
    /// half-written file behind. The parent directory is created when missing.
    private static func write<T>(to path: String, _ body: (FileHandle) throws -> T) throws -> T {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = path + ".tmp-\(getpid())"
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw PromptGateError.io(path: path, reason: "cannot create \(directory): \(error)")
        }
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            throw PromptGateError.io(path: path, reason: "cannot create the file")
        }
        do {
            let result = try body(handle)
            try handle.close()
            guard rename(temporary, path) == 0 else {
                throw PromptGateError.io(
                    path: path, reason: "cannot write: \(String(cString: strerror(errno)))")
            }
            return result
        } catch {
            try? handle.close()
            unlink(temporary)
            throw error
        }
    }
}
