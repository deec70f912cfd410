import Foundation
import Testing

@testable import PromptGateModel

/// Timestamps are written by hand: the same text `ISO8601DateFormatter` gives, which is
/// what every stored timestamp so far holds (and what `cache clear --older-than` compares).
@Suite struct TimestampTests {
    nonisolated(unsafe) static let formatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()

    @Test func theTextIsTheFormattersForDatesAcrossCenturiesAndMilliseconds() {
        var generator = SystemRandomNumberGenerator()
        var dates = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
            Date(timeIntervalSince1970: 1_796_612_345.9995),
            Date(timeIntervalSince1970: 1_796_612_345.0001),
            Date(timeIntervalSince1970: 4_102_444_799.999),
        ]
        for _ in 0..<2_000 {
            dates.append(
                Date(timeIntervalSince1970: Double.random(in: 0..<4_102_444_800, using: &generator))
            )
        }
        for date in dates {
            #expect(
                Timestamp.string(from: date) == Self.formatter.string(from: date),
                "\(date.timeIntervalSince1970)")
        }
    }

    @Test func nowIsInUTCWithMilliseconds() {
        let text = Timestamp.now()
        #expect(text.count == 24 && text.hasSuffix("Z") && text.dropFirst(19).first == ".")
        let parsed = Self.formatter.date(from: text)
        #expect(parsed.map { abs($0.timeIntervalSinceNow) < 5 } == true)
    }
}
