import Basics
import Testing

@Suite struct TemplateSuggestionTests {
    private let filters = ["default", "json", "lower", "trim", "upper"]

    @Test func suggestsOnlyWithinAThirdOfTheLengthIgnoringCaseAndCountingSwapsAsOne() {
        #expect(suggestion(for: "uper", among: filters) == "upper")
        #expect(suggestion(for: "UPPER", among: filters) == "upper")  // case does not count
        #expect(suggestion(for: "jsno", among: filters) == "json")  // a swap is one edit
        #expect(suggestion(for: "jnso", among: filters) == nil)  // two edits > max(1, 4/3)
        #expect(suggestion(for: "temprature", among: ["temperature", "top_p"]) == "temperature")
        #expect(suggestion(for: "tmprtre", among: ["temperature"]) == nil)  // 4 > 7/3
        #expect(suggestion(for: "ab", among: ["xy"]) == nil)
        #expect(suggestion(for: "x", among: []) == nil)
    }

    @Test func countsUnicodeScalarsAndPrefersTheClosestThenTheFirst() {
        // One scalar apart (two UTF-8 bytes), so it is suggested.
        #expect(suggestion(for: "naïve", among: ["naive"]) == "naive")
        #expect(suggestion(for: "cat", among: ["bat", "hat"]) == "bat")
        #expect(suggestion(for: "lowr", among: ["lower", "low"]) == "lower")
        #expect(suggestion(for: "trims", among: ["trimmed", "trim"]) == "trim")
    }
}
