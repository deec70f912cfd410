import Basics
import Foundation
import Testing

/// The ASCII search finds what a search of the folded texts finds, without folding a copy.
@Suite struct TextFoldingTests {
    @Test func asciiSearchFindsWhatTheFoldedSearchFinds() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aAbBzZ@[`{ \n\r\t09.".utf8)
        func random(_ length: Int) -> String {
            String(
                decoding: (0..<length).map { _ in alphabet.randomElement(using: &generator)! },
                as: UTF8.self)
        }
        for _ in 0..<3_000 {
            let haystack = random(Int.random(in: 0...40, using: &generator))
            let needle = random(Int.random(in: 1...3, using: &generator))
            let folded = TextFolding.caseFold(haystack)
            let expected = folded.range(of: TextFolding.caseFold(needle), options: .literal).map {
                folded.utf8.distance(from: folded.startIndex, to: $0.lowerBound)
            }
            #expect(
                TextFolding.asciiOffset(of: needle, in: haystack) == expected,
                "\(needle.debugDescription) in \(haystack.debugDescription)")
        }
    }

    /// Eight bytes at a time, and the tail: a non-ASCII byte is found wherever it lies.
    @Test func isASCIIFindsANonASCIIByteAnywhere() {
        for length in 0..<40 {
            let plain = String(repeating: "a", count: length)
            #expect(TextFolding.isASCII(plain))
            for position in 0...length {
                var text = plain
                text.insert("é", at: text.index(text.startIndex, offsetBy: position))
                #expect(!TextFolding.isASCII(text), "\(position) of \(length)")
                #expect(!TextFolding.isASCII(text[...]))
            }
        }
    }

    @Test func asciiFoldingIsTheFullFoldingOnASCII() {
        let all = String(decoding: Array(0..<128), as: UTF8.self)
        #expect(TextFolding.caseFold(all) == all.uppercased().lowercased())
        #expect(TextFolding.asciiOffset(of: "", in: "abc") == 0)
        #expect(TextFolding.asciiOffset(of: "abcd", in: "abc") == nil)
        #expect(TextFolding.asciiOffset(of: "AS AN ai", in: "Well, as an AI model") == 6)
    }
}
