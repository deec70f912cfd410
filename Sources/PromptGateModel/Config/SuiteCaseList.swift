import Assertions
import Basics
import Templates
import YAMLCoding

/// A suite's cases in file order. Loaded from a file, a case is kept as its id and where its
/// lines are, and decoded again from the file's private copy each time it is read: memory
/// stays flat at any suite size. Read each case once per use and pass it along.
public struct SuiteCaseList: RandomAccessCollection, Sendable, ExpressibleByArrayLiteral {
    private enum Storage: Sendable {
        case decoded([TestCase])
        case indexed(CaseIndex)
    }

    private let storage: Storage

    public init(_ cases: [TestCase]) { storage = .decoded(cases) }
    public init(arrayLiteral cases: TestCase...) { storage = .decoded(cases) }
    init(index: CaseIndex) { storage = .indexed(index) }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .decoded(let cases): cases.count
        case .indexed(let index): index.entries.count
        }
    }

    /// The case at `position`, decoded.
    public subscript(position: Int) -> TestCase {
        switch storage {
        case .decoded(let cases): cases[position]
        case .indexed(let index): index.decode(position)
        }
    }

    /// A case's `vars:`, decoding only them (what rendering checks need).
    public func vars(at position: Int) -> [String: TemplateValue] {
        switch storage {
        case .decoded(let cases): cases[position].vars
        case .indexed(let index): index.decodeVars(position)
        }
    }

    /// A case's id, without decoding it.
    public func id(at position: Int) -> String {
        switch storage {
        case .decoded(let cases): cases[position].id
        case .indexed(let index): index.entries[position].id
        }
    }

    /// A case's own `repeat:`, without decoding it.
    public func repeatCount(at position: Int) -> Int? {
        switch storage {
        case .decoded(let cases): return cases[position].repeat_
        case .indexed(let index): return index.repeatCount(position)
        }
    }

    /// Whether the cases are read back from the file rather than held (for tests).
    public var isIndexed: Bool {
        if case .indexed = storage { return true }
        return false
    }
}

/// Where a case is and what is read without decoding it: 40 bytes, one per case of a suite.
struct CaseEntry: Sendable {
    var id: String
    /// Byte range of the case's lines; a negative offset `-1 - k` means `kept[k]`.
    var offset: Int
    var length: Int32
    /// Position in the file's `cases:` list (counting cases that failed to decode).
    var listIndex: Int32
    /// 1-based line where the case's lines start.
    var line: Int32
    /// The case's `repeat:`, 0 when it has none (a case with more is kept decoded).
    var repeatCount: UInt16
    /// Bytes before the case on its first line (`  - `), blanked when it is read alone (a
    /// case indented further is kept decoded).
    var prefix: UInt16
}

/// Cases read back from a file's private copy; the few that cannot be read alone (an alias
/// into other text, an odd layout) are kept decoded.
final class CaseIndex: Sendable {
    let entries: [CaseEntry]
    private let kept: [TestCase]
    private let snapshot: FileSnapshot
    private let file: String
    private let decoder: YAMLDecoder

    init(
        entries: [CaseEntry], kept: [TestCase], snapshot: FileSnapshot, file: String,
        decoder: YAMLDecoder
    ) {
        self.entries = entries
        self.kept = kept
        self.snapshot = snapshot
        self.file = file
        self.decoder = decoder
    }

    func decode(_ position: Int) -> TestCase {
        let entry = entries[position]
        if entry.offset < 0 { return kept[-1 - entry.offset] }
        return read(entry) { node, _ in
            try TestCase.decode(node, index: Int(entry.listIndex), with: decoder)
        }
    }

    func repeatCount(_ position: Int) -> Int? {
        let entry = entries[position]
        if entry.offset < 0 { return kept[-1 - entry.offset].repeat_ }
        return entry.repeatCount == 0 ? nil : Int(entry.repeatCount)
    }

    func decodeVars(_ position: Int) -> [String: TemplateValue] {
        let entry = entries[position]
        if entry.offset < 0 { return kept[-1 - entry.offset].vars }
        return read(entry) { node, path in
            try decoder.decode(VarsOnly.self, from: node, codingPath: path)
        }.vars
    }

    /// The keys of a case that `vars(at:)` reads; the others were checked when it loaded.
    private struct VarsOnly: Decodable {
        var vars: [String: TemplateValue]
        enum CodingKeys: String, CodingKey { case vars }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            vars = try c.decodeIfPresent([String: TemplateValue].self, forKey: .vars) ?? [:]
        }
    }

    private func read<T>(
        _ entry: CaseEntry, decode: (YAMLNode, [any CodingKey]) throws -> T
    ) -> T {
        var bytes = snapshot.readNear(offset: entry.offset, length: Int(entry.length))
        for i in 0..<min(Int(entry.prefix), bytes.count) { bytes[i] = UInt8(ascii: " ") }
        let path: [any CodingKey] = [PathKey("cases"), PathKey(Int(entry.listIndex))]
        do {
            guard
                let node = try YAMLParser.parse(bytes, file: file, firstLine: Int(entry.line))
            else { throw YAMLError(mark: YAMLMark(file: file, line: 0, column: 0), message: "") }
            return try decode(node, path)
        } catch {
            // The same bytes decoded at load, from a copy nothing else writes.
            preconditionFailure(
                "\(file):\(entry.line): case '\(entry.id)' no longer decodes from the suite's copy: \(error)"
            )
        }
    }
}
