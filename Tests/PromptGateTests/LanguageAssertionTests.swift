import Assertions
import Foundation
import LanguageDetection
import Testing

@Suite struct LanguageAssertionTests {
    func run(_ json: String, output: String, input: String? = nil) throws -> AssertionResult {
        try AssertionFixture.spec(json).evaluate(AssertionContext(output: output, input: input))
    }

    let spanish = "Ve a Ajustes > Seguridad y pulsa «Restablecer contraseña»."
    let english = "Go to Settings > Security and press Reset password."

    /// `en (English, confidence 0.93)` with the number replaced by `#`.
    func masked(_ reason: String) -> String {
        reason.replacingOccurrences(
            of: #"confidence \d\.\d\d"#, with: "confidence #", options: .regularExpression)
    }

    @Test func passesWhenTheOutputIsInTheExpectedLanguage() throws {
        let result = try run(#"{"type":"language","value":"es","weight":2}"#, output: spanish)
        #expect(result.passed && !result.skipped && result.score == 1 && result.weight == 2)
        #expect(masked(result.reason) == "detected es (Spanish, confidence #)")
    }

    @Test func failsWithBothLanguagesInTheReason() throws {
        let result = try run(#"{"type":"language","value":"es"}"#, output: english)
        #expect(!result.passed && result.score == 0)
        #expect(
            masked(result.reason)
                == "expected language es (Spanish), detected en (English, confidence #)")
    }

    @Test func notLanguageInvertsTheCheck() throws {
        let passing = try run(#"{"type":"not-language","value":"es"}"#, output: english)
        #expect(passing.passed)
        #expect(masked(passing.reason) == "detected en (English, confidence #), not es (Spanish)")
        let failing = try run(#"{"type":"not-language","value":"es"}"#, output: spanish)
        #expect(!failing.passed)
        #expect(
            masked(failing.reason)
                == "expected a language other than es (Spanish), detected es (Spanish, confidence #)"
        )
    }

    @Test func sameAsInputComparesWithTheInputsLanguage() throws {
        let json = #"{"type":"language","value":"same-as-input"}"#
        let input = "¿Cómo restablezco mi contraseña?"
        let passing = try run(json, output: spanish, input: input)
        #expect(passing.passed)
        #expect(
            masked(passing.reason) == "detected es (Spanish, confidence #), the input's language")
        let failing = try run(json, output: english, input: input)
        #expect(!failing.passed)
        #expect(
            masked(failing.reason)
                == "expected the input's language es (Spanish), detected en (English, confidence #)"
        )
        let negated = try run(
            #"{"type":"not-language","value":"same-as-input"}"#, output: english, input: input)
        #expect(negated.passed)
        #expect(
            masked(negated.reason)
                == "detected en (English, confidence #), not the input's language es (Spanish)")
    }

    @Test func sameAsInputFailsWithoutADetectableInput() throws {
        let json = #"{"type":"language","value":"same-as-input"}"#
        let missing = try run(json, output: spanish)
        #expect(!missing.passed)
        #expect(missing.reason == "'same-as-input' needs the case's input, but none was given")
        let short = try run(json, output: spanish, input: "Hola")
        #expect(!short.passed)
        #expect(short.reason == "could not detect the language of a 4-char input")
    }

    @Test func anUndetectableOutputFailsEvenWhenNegated() throws {
        for type in ["language", "not-language"] {
            let short = try run(#"{"type":"\#(type)","value":"es"}"#, output: "Sí.")
            #expect(!short.passed && short.score == 0)
            #expect(short.reason == "could not detect the language of a 3-char output")
            let empty = try run(#"{"type":"\#(type)","value":"en"}"#, output: "")
            #expect(
                !empty.passed && empty.reason == "could not detect the language of an empty output")
        }
    }

    @Test func codeBlocksInTheOutputAreIgnored() throws {
        let output = """
            Para paginar, pide la siguiente página con el cursor:
            ```js
            // keep fetching the next page until the response has no cursor left
            const page = await client.list({ cursor: next });
            ```
            """
        #expect(try run(#"{"type":"language","value":"es"}"#, output: output).passed)
        #expect(!(try run(#"{"type":"language","value":"en"}"#, output: output).passed))
    }

    @Test func megabyteOutputsAreDetectedQuickly() throws {
        let output = String(repeating: "Où puis-je télécharger mes factures ? ", count: 30_000)
        var result: AssertionResult?
        let elapsed = try ContinuousClock().measure {
            result = try run(#"{"type":"language","value":"fr"}"#, output: output)
        }
        #expect(result?.passed == true)
        #expect(elapsed < .seconds(30), "took \(elapsed)")
    }

    @Test func everySupportedCodeAndSameAsInputDecode() throws {
        for code in LanguageDetector.supportedCodes + ["same-as-input"] {
            let spec = try AssertionFixture.spec(#"{"type":"language","value":"\#(code)"}"#)
            #expect(spec.value?.text == code)
        }
    }

    @Test(arguments: [
        ("sp", "unknown language code 'sp'; did you mean 'es'?"),
        ("jp", "unknown language code 'jp'; did you mean 'ja'?"),
        ("cn", "unknown language code 'cn'; did you mean 'zh'?"),
        ("gr", "unknown language code 'gr'; did you mean 'el'?"),
        ("pt-BR", "unknown language code 'pt-BR'; did you mean 'pt'?"),
        ("ES", "unknown language code 'ES'; did you mean 'es'?"),
        ("Spanish", "unknown language code 'Spanish'; did you mean 'es'?"),
        ("japanse", "unknown language code 'japanse'; did you mean 'ja'?"),
        ("same-as-inptu", "unknown language code 'same-as-inptu'; did you mean 'same-as-input'?"),
    ])
    func unknownCodesAreRejectedWithASuggestion(value: String, message: String) throws {
        let failure = try #require(
            AssertionFixture.failure(#"{"type":"not-language","value":"\#(value)"}"#))
        #expect(failure.message == message)
        #expect(failure.path.last == "value")
    }

    @Test func aCodeWithoutSuggestionListsTheSupportedOnes() throws {
        let failure = try #require(AssertionFixture.failure(#"{"type":"language","value":"qqq"}"#))
        #expect(failure.message.hasPrefix("unknown language code 'qqq'; use one of en, es, fr"))
        #expect(failure.message.hasSuffix(" or same-as-input"))
    }

    @Test func anUnvalidatedSpecWithABadCodeFailsInsteadOfCrashing() {
        let spec = AssertionSpec(kind: .language, value: .string("xx"))
        let result = spec.evaluate(AssertionContext(output: english))
        #expect(!result.passed && result.reason.hasPrefix("unknown language code 'xx'"))
        let noValue = AssertionSpec(kind: .language).evaluate(AssertionContext(output: english))
        #expect(!noValue.passed && noValue.reason == "'language' has no value to check against")
    }
}
