import Foundation
import Testing
import YAMLCoding

/// Test input with position markers (`1️⃣`…`9️⃣`) that are stripped before parsing; each
/// marker's 1-based line and column (in characters) is recorded, as in swift-format's tests.
struct MarkedSource {
    var text: String
    var markers: [Character: (line: Int, column: Int)] = [:]

    init(_ marked: String) {
        var output = String.UnicodeScalarView()
        var line = 1
        var column = 1
        let scalars = Array(marked.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if ("1"..."9").contains(scalar), index + 2 < scalars.count,
                scalars[index + 1] == "\u{FE0F}", scalars[index + 2] == "\u{20E3}"
            {
                markers[Character(scalar)] = (line, column)
                index += 3
                continue
            }
            output.append(scalar)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        text = String(output)
    }

    var data: Data { Data(text.utf8) }

    func mark(_ marker: Character = "1", file: String = "test.yaml") -> YAMLMark {
        guard let position = markers[marker] else {
            return YAMLMark(file: file, line: -1, column: -1)
        }
        return YAMLMark(file: file, line: position.line, column: position.column)
    }
}

/// Decodes `marked` as `T` and expects exactly this error at marker 1️⃣.
func expectError<T: Decodable>(
    _ type: T.Type, _ marked: String, path: String = "", message: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let source = MarkedSource(marked)
    expectError(
        type, data: source.data, at: source.mark(), path: path, message: message,
        sourceLocation: sourceLocation)
}

func expectError<T: Decodable>(
    _ type: T.Type, data: Data, at mark: YAMLMark, path: String = "", message: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    do {
        let value = try YAMLDecoder().decode(type, from: data, file: "test.yaml")
        Issue.record("expected an error, decoded \(value)", sourceLocation: sourceLocation)
    } catch {
        #expect(error.mark == mark, sourceLocation: sourceLocation)
        #expect(error.path == path, sourceLocation: sourceLocation)
        #expect(error.message == message, sourceLocation: sourceLocation)
        let prefix = "test.yaml:\(mark.line):\(mark.column): error: "
        #expect(
            error.description == prefix + (path.isEmpty ? "" : path + ": ") + message,
            sourceLocation: sourceLocation)
    }
}
