import Basics
import Foundation
import Testing

@testable import PromptGateModel

/// A file is scanned a chunk at a time as it is copied: a line break split across two chunks
/// must count exactly as one seen whole.
@Suite struct LineScanTests {
    func scan(_ bytes: [UInt8], chunk: Int, stride: Int = 2) -> (ok: Bool, starts: [Int]) {
        var scan = LineScan(stride: stride)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            bytes[start..<end].withUnsafeBufferPointer { scan.add($0) }
            start = end
        }
        let ok = scan.finish()
        return (ok, scan.sampledStarts)
    }

    @Test(arguments: [
        ("a\nb\r\nc\n", true),
        ("a\rb\n", false),  // a lone CR is a line break to libyaml
        ("ends in CR\r", false),
        ("a \u{85} b\n", false),
        ("a \u{2028} b\n", false),
        ("a \u{2029} b\n", false),
        ("a \u{2027} \u{A0} é\n", true),  // neighbours of the breaks are not breaks
        ("\r\r\n", false),
        ("Ņ \u{2068} ĩ\n", true),  // 0x85 after 0xC5, 0xA8 after E2 81, 0xA9 after 0xC4
        ("\t\u{B}\u{C}\n", true),
    ])
    func breaksAreFoundAtEveryChunkBoundary(text: String, expected: Bool) {
        let bytes = Array(text.utf8)
        for chunk in 1...bytes.count {
            #expect(scan(bytes, chunk: chunk).ok == expected, "chunk \(chunk)")
        }
    }

    @Test func utf16IsNotReadBack() {
        #expect(scan([0xFF, 0xFE, 0x61, 0x00], chunk: 1).ok == false)
        #expect(scan([0xFE, 0xFF, 0x00, 0x61], chunk: 4).ok == false)
    }

    @Test func everyStrideThLineStartIsSampled() {
        let bytes = Array("l1\nl2\nl3\nl4\nl5\n".utf8)
        for chunk in [1, 2, 5, bytes.count] {
            // Lines 1, 3, 5 with a stride of 2.
            #expect(scan(bytes, chunk: chunk).starts == [0, 6, 12], "chunk \(chunk)")
        }
    }

    @Test func theStreamedHashIsTheHashOfTheBytes() {
        let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let stream = SHA256Stream()
        var start = 0
        for size in [1, 1_000, 65_536, 1 << 20] {
            let end = min(bytes.count, start + size)
            bytes[start..<end].withUnsafeBytes { stream.update($0) }
            start = end
        }
        bytes[start...].withUnsafeBytes { stream.update($0) }
        #expect(stream.finishHex() == Digest.sha256Hex(bytes))
    }
}

/// A suite is copied into the process's snapshot file and parsed from a mapping of the copy.
@Suite struct FileSnapshotTests {
    @Test func theCopyHoldsTheFileAfterPagesAreDroppedAndTheFileIsEdited() throws {
        let path = NSTemporaryDirectory() + "pg-snapshot-\(UUID().uuidString).yaml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var text = ""
        for i in 0..<200_000 { text += "  - id: case-\(i)\n" }  // ~4.5 MB: several chunks
        let bytes = Array(text.utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let (snapshot, sha256) = try #require(FileSnapshot.copying(path: path))
        #expect(sha256 == Digest.sha256Hex(bytes))
        #expect(snapshot.count == bytes.count && snapshot.linesAreNewlines)
        try Data("edited".utf8).write(to: URL(fileURLWithPath: path))

        let mapped = try #require(snapshot.map())
        #expect(mapped.buffer.elementsEqual(bytes))
        mapped.drop(before: bytes.count - 100)
        #expect(mapped.buffer.elementsEqual(bytes))  // dropped pages are read again
        #expect(snapshot.line(150_001) == "  - id: case-150000")
        #expect(snapshot.bytes() == bytes)
        #expect(FileSnapshot.copying(path: path + ".missing")?.sha256 == nil)
        #expect(FileSnapshot.copying(path: NSTemporaryDirectory())?.sha256 == nil)  // not a file
    }

    /// Small reads through the read-ahead window are the bytes a plain read gives: forward,
    /// backward, across the window's end, past the end of the copy, and larger than it.
    @Test func readsNearEachOtherAreThePlainReads() throws {
        let path = NSTemporaryDirectory() + "pg-snapshot-\(UUID().uuidString).yaml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let (snapshot, _) = try #require(FileSnapshot.copying(path: path))
        var generator = SystemRandomNumberGenerator()
        var offset = 0
        var reads: [(Int, Int)] = [(65_530, 20), (0, 1), (299_990, 50), (300_000, 4), (10, 40_000)]
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...300, using: &generator)
            reads.append((offset, length))
            offset =
                Int.random(in: 0...9, using: &generator) == 0
                ? Int.random(in: 0..<bytes.count, using: &generator)
                : min(offset + length, bytes.count)
        }
        for (offset, length) in reads {
            let near = snapshot.readNear(offset: offset, length: length)
            #expect(near == snapshot.read(offset: offset, length: length), "\(offset) \(length)")
            #expect(
                near == Array(bytes[min(offset, bytes.count)..<min(offset + length, bytes.count)]))
        }
    }
}
