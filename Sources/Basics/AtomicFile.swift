import Foundation

/// Files promptgate writes for people to read and commit (recordings, gate records,
/// release.yaml, suites, run files): all at once or not at all, so a killed process never
/// leaves half a file.
package enum AtomicFile {
    /// Writes `bytes` to `path`, creating its directory first. An error names `shown` (the
    /// path as the user knows it) and says what was being written, e.g. "the gate record".
    package static func write(_ bytes: Data, to path: String, shown: String, what: String)
        throws(PromptGateError)
    {
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try bytes.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .io(path: shown, reason: "cannot write \(what): \(error.localizedDescription)")
        }
    }

    /// Writes `text` as UTF-8 (see ``write(_:to:shown:what:)``).
    package static func write(_ text: String, to path: String, shown: String, what: String)
        throws(PromptGateError)
    {
        try write(Data(text.utf8), to: path, shown: shown, what: what)
    }
}
