import Diff
import Testing

@Suite struct DiffUnicodeTests {
    /// No op may start with a scalar that only continues a grapheme (a mark, ZWJ, modifier).
    func expectWholeGraphemes(_ d: TextDiff, sourceLocation: SourceLocation = #_sourceLocation) {
        for op in d.ops {
            guard let first = op.text.unicodeScalars.first else { continue }
            let p = first.properties
            let continuing =
                p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark
                || first == "\u{200D}" || p.isEmojiModifier || p.isVariationSelector
            #expect(!continuing, "op starts mid-grapheme: \(op)", sourceLocation: sourceLocation)
        }
    }

    @Test func japaneseIsDiffedPerCharacter() {
        let d = TextDiff.words("「今日は晴れです」", "「今日は雨です」")
        #expect(
            d.ops == [.equal("「今日は"), .delete("晴れ"), .insert("雨"), .equal("です」")])
        #expect(d.markers() == "「今日は[-晴れ-]{+雨+}です」")
        #expect(d.deletedCount == 2 && d.insertedCount == 1)
    }

    @Test func chineseIsDiffedPerCharacter() {
        let d = TextDiff.words("我喜欢猫。", "我很喜欢狗。")
        #expect(d.markers() == "我{+很+}喜欢[-猫-]{+狗+}。")
    }

    @Test func thaiIsDiffedPerGraphemeWithMarksAttached() {
        // ค่ (ค + tone mark) is one grapheme: it must not match the bare ค.
        let d = TextDiff.words("สวัสดีครับ", "สวัสดีค่ะ")
        #expect(d.ops == [.equal("สวัสดี"), .delete("ครับ"), .insert("ค่ะ")])
        expectWholeGraphemes(d)
        let cat = TextDiff.words("ฉันชอบแมว", "ฉันชอบหมา")
        #expect(cat.markers() == "ฉันชอบ[-แ-]{+ห+}ม[-ว-]{+า+}")
    }

    @Test func hangulIsDiffedPerWord() {
        let d = TextDiff.words("안녕하세요 세계", "안녕하세요 여러분")
        #expect(d.markers() == "안녕하세요 [-세계-]{+여러분+}")
    }

    @Test func skinToneChangeReplacesTheWholeEmoji() {
        let d = TextDiff.words("Great job 👍🏽", "Great job 👍🏿")
        #expect(d.ops == [.equal("Great job "), .delete("👍🏽"), .insert("👍🏿")])
        expectWholeGraphemes(d)

        let family = TextDiff.words("Family: 👨‍👩‍👧!", "Family: 👨‍👩‍👦!")
        #expect(family.ops == [.equal("Family: "), .delete("👨‍👩‍👧"), .insert("👨‍👩‍👦"), .equal("!")])
        let flags = TextDiff.words("🇫🇷🇩🇪", "🇫🇷🇮🇹")
        #expect(flags.ops == [.equal("🇫🇷"), .delete("🇩🇪"), .insert("🇮🇹")])
        // Adjacent emoji are separate tokens.
        #expect(TextDiff.words("👍🏽👍🏽", "👍🏽").ops == [.equal("👍🏽"), .delete("👍🏽")])
    }

    @Test func combiningAccentsStayWithTheirLetter() throws {
        let d = TextDiff.words("le cafe\u{301} noir", "le cafe noir")
        #expect(d.ops == [.equal("le "), .delete("cafe\u{301}"), .insert("cafe"), .equal(" noir")])
        let deleted = try #require(d.ops.first { if case .delete = $0 { true } else { false } })
        #expect(Array(deleted.text.unicodeScalars) == ["c", "a", "f", "e", "\u{301}"])
        expectWholeGraphemes(d)
        // A lone accent change inside a space-less script stays on its grapheme too.
        let kana = TextDiff.words("か\u{3099}き", "かき")
        #expect(kana.ops == [.delete("か\u{3099}"), .insert("か"), .equal("き")])
    }

    @Test func canonicallyEquivalentSpellingsAreEqual() {
        let d = TextDiff.words("un caf\u{E9} noir", "un cafe\u{301} noir")
        #expect(d.isIdentical)
        let partly = TextDiff.words("caf\u{E9} au lait", "cafe\u{301} au thé")
        #expect(partly.ops == [.equal("caf\u{E9} au "), .delete("lait"), .insert("thé")])
    }

    @Test func mixedScriptsAndAccentedWords() {
        let d = TextDiff.words("Привет, мир! naïve résumé", "Привет, друг! naive résumé")
        #expect(d.markers() == "Привет, [-мир-]{+друг+}! [-naïve-]{+naive+} résumé")
    }
}
