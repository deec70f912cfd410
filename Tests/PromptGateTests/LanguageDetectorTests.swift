import Foundation
import LanguageDetection
import Testing

@Suite struct LanguageDetectorTests {
    func code(_ text: String) -> String { LanguageDetector.detect(text).code }

    @Test func supportsAtLeastTwentyNamedLanguages() {
        let codes = LanguageDetector.supportedCodes
        #expect(codes.count >= 20 && Set(codes).count == codes.count)
        #expect(codes.allSatisfy { $0.count == 2 && LanguageDetector.name(of: $0) != nil })
        #expect(LanguageDetector.name(of: "es") == "Spanish")
        #expect(LanguageDetector.name(of: "ja") == "Japanese")
        #expect(LanguageDetector.name(of: "xx") == nil)
        #expect(LanguageDetector.name(of: "unknown") == nil)
    }

    @Test func scriptsDecideTheirOwnLanguages() {
        #expect(code("비밀번호를 어떻게 재설정하나요?") == "ko")
        #expect(code("Πώς μπορώ να αλλάξω τον κωδικό;") == "el")
        #expect(code("איך משנים את הסיסמה?") == "he")
        #expect(code("मैं पासवर्ड कैसे बदलूँ?") == "hi")
        #expect(code("เปลี่ยนรหัสผ่านอย่างไร") == "th")
    }

    @Test func kanaTellsJapaneseFromChinese() {
        #expect(code("請求書はどこでダウンロードできますか？") == "ja")
        #expect(code("パスワードを忘れました") == "ja")
        #expect(code("我怎么重置密码？") == "zh")
        #expect(code("請問如何下載發票？") == "zh")
        // English product names inside do not outweigh the ideographs.
        #expect(code("在 Settings 页面点击 Reset Password 按钮即可重置密码。") == "zh")
        #expect(code("Settings > Security を開いて、APIキーを再発行してください。") == "ja")
    }

    @Test func cyrillicLanguagesAreToldApart() {
        #expect(code("Как я могу изменить адрес электронной почты?") == "ru")
        #expect(code("Як я можу змінити адресу електронної пошти?") == "uk")
        #expect(code("Как мога да сменя имейл адреса си?") == "bg")
    }

    @Test func arabicAndPersianAreToldApart() {
        #expect(code("كيف يمكنني تغيير عنوان البريد الإلكتروني؟") == "ar")
        #expect(code("چگونه می‌توانم آدرس ایمیل خود را تغییر دهم؟") == "fa")
    }

    @Test func closeLatinPairs() {
        #expect(code("No puedo acceder a mi cuenta desde el móvil.") == "es")
        #expect(code("Não consigo acessar minha conta pelo celular.") == "pt")
        #expect(code("Non riesco ad accedere al mio account dal telefono.") == "it")
        #expect(code("Nemůžu se přihlásit ke svému účtu z telefonu.") == "cs")
        #expect(code("Nie mogę zalogować się do konta z telefonu.") == "pl")
        #expect(code("Ik kan niet inloggen op mijn account via mijn telefoon.") == "nl")
        #expect(code("Ich kann mich nicht über mein Handy anmelden.") == "de")
        #expect(code("Jag kan inte logga in på mitt konto från mobilen.") == "sv")
        #expect(code("İptal etmek istiyorum, lütfen yardım edin.") == "tr")
    }

    @Test func interfaceLabelsInAnotherLanguageDoNotOutweighTheSentence() {
        #expect(code("Abre el menú Account Settings y pulsa Save Changes para guardar.") == "es")
        #expect(code("Öffnen Sie Account Settings und klicken Sie auf Save Changes.") == "de")
        #expect(code("Ouvrez **Account Settings** puis cliquez sur Save Changes.") == "fr")
        #expect(code("Apri Account Settings e clicca su Save Changes per salvare.") == "it")
        // Capitalized German nouns still count, at a lower weight.
        #expect(code("Die Rechnungen finden Sie unter Abrechnung.") == "de")
    }

    @Test func codeBlocksAndInlineCodeAreIgnored() {
        let answer = """
            Para paginar, usa el parámetro cursor y repite la petición:
            ```js
            // fetch the next page of results until there are no more pages left to read
            const response = await fetch(url + "?cursor=" + next);
            ```
            ~~~
            and this fence is also ignored because it is code, not the answer itself
            ~~~
            Cuando `the response has no next cursor and the list is empty`, ya terminaste.
            """
        #expect(code(answer) == "es")
        #expect(code("```python\nprint('hello world, how are you doing today')\n```") == "unknown")
        let windows =
            "Para paginar, usa el cursor.\r\n```\r\nwhile there is a next page keep reading "
            + "all of the results and return them to the caller\r\n```\r\nY listo."
        #expect(code(windows) == "es")
        // An unclosed fence runs to the end.
        #expect(
            code("Voici l'exemple demandé :\n```\nthe rest is all english code text here") == "fr")
    }

    @Test func urlsEmailsNumbersAndAcronymsAreIgnored() {
        let text =
            "Schreiben Sie an billing-team@example.com oder besuchen Sie "
            + "https://example.com/help/how-to-download-your-invoices-and-receipts 24/7."
        #expect(code(text) == "de")
        #expect(code("https://example.com/how/to/reset/your/password") == "unknown")
        #expect(code("support@example.com 42 3.14 2026-11-01") == "unknown")
        #expect(code("API CSV PDF JSON HTTP SDK") == "unknown")
        #expect(code("HOW DO I RESET MY PASSWORD") == "en")
    }

    @Test func tooLittleTextIsUnknownWithZeroConfidence() {
        for text in ["", "   ", "Hola", "Gracias", "ok thanks", "Sí.", "あ", "字", "한", "Да"] {
            let detected = LanguageDetector.detect(text)
            #expect(detected == .unknown, "\(text) → \(detected)")
            #expect(!detected.isKnown && detected.confidence == 0)
        }
        #expect(code("Merci beaucoup !") == "fr")
    }

    @Test func unsupportedOrMeaninglessTextIsUnknown() {
        #expect(code("Բարեւ, ինչպես կարող եմ փոխել գաղտնաբառը") == "unknown")  // Armenian
        #expect(code("qwxz vbnkj prtq zzxv") == "unknown")
    }

    @Test func confidenceIsBetweenZeroAndOneAndGrowsWithEvidence() {
        let short = LanguageDetector.detect("Wo finde ich das?")
        let long = LanguageDetector.detect(
            "Wo finde ich meine Rechnungen? Ich habe in den Einstellungen gesucht, aber "
                + "ich kann sie nicht finden. Können Sie mir bitte helfen?")
        #expect(short.code == "de" && long.code == "de")
        #expect(0 < short.confidence && short.confidence < long.confidence)
        #expect(long.confidence <= 1)
        for (_, sentences) in LanguageCorpus.latin + LanguageCorpus.nonLatin {
            for sentence in sentences {
                let confidence = LanguageDetector.detect(sentence).confidence
                #expect((0...1).contains(confidence))
            }
        }
    }

    @Test func detectionIsDeterministicAndFast() {
        let sentences = (LanguageCorpus.latin + LanguageCorpus.nonLatin).flatMap(\.sentences)
        let first = sentences.map(LanguageDetector.detect)
        #expect(sentences.map(LanguageDetector.detect) == first)
        let start = Date()
        for _ in 0..<4 { _ = sentences.map(LanguageDetector.detect) }
        let perText = Date().timeIntervalSince(start) / Double(4 * sentences.count)
        // Generous for debug builds on a shared machine; release is far faster.
        #expect(perText < 0.005, "\(perText * 1000) ms per text")
        let big = String(repeating: "Where can I download my invoices? ", count: 600)
        let bigStart = Date()
        #expect(code(big) == "en")
        #expect(Date().timeIntervalSince(bigStart) < 2)
    }
}
