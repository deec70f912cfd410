import Diff
import Testing

@Suite struct DiffTests {
    @Test func identicalTextsAreOneEqualOp() {
        let d = TextDiff.words("The same text.\n", "The same text.\n")
        #expect(d.ops == [.equal("The same text.\n")])
        #expect(d.isIdentical)
        #expect(!d.isWhitespaceOnly)
        #expect(d.insertedCount == 0 && d.deletedCount == 0)
        #expect(d.markers() == "The same text.\n")
    }

    @Test func emptyInputs() {
        let none = TextDiff.words("", "")
        #expect(none.ops.isEmpty)
        #expect(none.isIdentical)
        #expect(none.markers() == "")

        let added = TextDiff.words("", "Hello, world")
        #expect(added.ops == [.insert("Hello, world")])
        #expect(added.insertedCount == 3 && added.deletedCount == 0)
        #expect(added.markers() == "{+Hello, world+}")
        #expect(!added.isIdentical)

        let removed = TextDiff.words("Hello, world", "")
        #expect(removed.ops == [.delete("Hello, world")])
        #expect(removed.deletedCount == 3 && removed.insertedCount == 0)
        #expect(removed.markers() == "[-Hello, world-]")
    }

    @Test func singleWordChangeInASentence() {
        let d = TextDiff.words("The cat sat on the mat.", "The dog sat on the mat.")
        #expect(
            d.ops == [.equal("The "), .delete("cat"), .insert("dog"), .equal(" sat on the mat.")])
        #expect(d.markers() == "The [-cat-]{+dog+} sat on the mat.")
        #expect(d.insertedCount == 1 && d.deletedCount == 1)
        #expect(!d.isWhitespaceOnly && !d.isIdentical)
    }

    @Test func whitespaceOnlyChangesAreDetectedAndVisible() {
        let d = TextDiff.words("Hello world.\nBye", "Hello  world.\n\nBye")
        #expect(d.isWhitespaceOnly)
        #expect(!d.isIdentical)
        #expect(d.insertedCount == 0 && d.deletedCount == 0)
        #expect(d.markers() == "Hello[-␠-]{+␠␠+}world.{+⏎+}\nBye")

        let tab = TextDiff.words("a\tb", "a b ")
        #expect(tab.isWhitespaceOnly)
        #expect(tab.markers() == "a[-⇥-]{+␠+}b{+␠+}")

        let nbsp = TextDiff.words("10 km", "10\u{A0}km")
        #expect(nbsp.isWhitespaceOnly)
        #expect(nbsp.markers() == "10[-␠-]{+⍽+}km")
    }

    @Test func joiningTwoWordsIsNotWhitespaceOnly() {
        let d = TextDiff.words("log in now", "login now")
        #expect(!d.isWhitespaceOnly)
        #expect(d.markers() == "[-log in-]{+login+} now")
    }

    @Test func punctuationIsItsOwnToken() {
        let d = TextDiff.words("Hello, world!", "Hello world?")
        #expect(d.markers() == "Hello[-,-] world[-!-]{+?+}")
        #expect(d.deletedCount == 2 && d.insertedCount == 1)

        let contraction = TextDiff.words("I don't know.", "I do not know.")
        #expect(contraction.markers() == "I [-don't-]{+do not+} know.")
        let quoted = TextDiff.words("say 'hi' now", "say 'yo' now")
        #expect(quoted.markers() == "say '[-hi-]{+yo+}' now")
    }

    @Test func neighbouringReplacementsReadAsOneButLineBreaksStay() {
        let d = TextDiff.words("the big cat sat", "a small dog sat")
        #expect(d.ops == [.delete("the big cat"), .insert("a small dog"), .equal(" sat")])
        let lines = TextDiff.words("the\ncat", "a\ndog")
        #expect(lines.markers() == "[-the-]{+a+}\n[-cat-]{+dog+}")
        // A pure insertion next to a replacement is not folded.
        let mixed = TextDiff.words("one two", "uno two three")
        #expect(mixed.markers() == "[-one-]{+uno+} two{+ three+}")
    }

    @Test func insertionAndDeletionOfWholeLines() {
        let old = "First line.\nSecond line.\n"
        let new = "First line.\nA new line here.\nSecond line.\n"
        let added = TextDiff.words(old, new)
        #expect(added.markers() == "First line.\n{+A new line here.\n+}Second line.\n")
        #expect(added.insertedCount == 5 && added.deletedCount == 0)
        let removed = TextDiff.words(new, old)
        #expect(removed.markers() == "First line.\n[-A new line here.\n-]Second line.\n")
        // Myers keeps the shared " line." and replaces only the differing words.
        let shifted = TextDiff.words("One line.\nTwo line.", "Two line.\nThree line.")
        #expect(shifted.markers() == "[-One-]{+Two+} line.\n[-Two-]{+Three+} line.")
    }

    @Test func opsAreNormalized() {
        let d = TextDiff.words("a b c d e f", "a x c y e z")
        for (prev, next) in zip(d.ops, d.ops.dropFirst()) {
            switch (prev, next) {
            case (.equal, .equal), (.delete, .delete), (.insert, .insert), (.insert, .delete):
                Issue.record("unmerged or misordered ops: \(d.ops)")
            default: break
            }
        }
        #expect(d.ops.allSatisfy { !$0.text.isEmpty })
        #expect(d.markers() == "a [-b-]{+x+} c [-d-]{+y+} e [-f-]{+z+}")
    }
}
