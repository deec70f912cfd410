import Basics
import Foundation
import JSON
import PromptGateModel

/// Reads typed values out of loosely typed export columns: CSV gives only text, JSON numbers
/// may be written as strings, SQLite stores booleans as integers.
enum FieldConversion {
    struct Failure: Error {
        var message: String
    }

    /// Text; numbers and booleans become their usual text, blank text becomes nil.
    static func text(_ value: JSONValue?) throws(Failure) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let s)?: return s.allSatisfy(\.isWhitespace) ? nil : s
        case .integer(let n)?: return String(n)
        case .number(let d)?:
            if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
            return String(d)
        case .bool(let b)?: return b ? "true" : "false"
        case let other?: throw Failure(message: "expected text, got \(other.importTypeName)")
        }
    }

    /// An identifier: text with surrounding whitespace removed.
    static func identifier(_ value: JSONValue?) throws(Failure) -> String? {
        try text(value).map(trim)
    }

    static func number(_ value: JSONValue?) throws(Failure) -> Double? {
        switch value {
        case nil, .null?: return nil
        case .integer(let n)?: return Double(n)
        case .number(let d)?: return d
        case .string(let s)?:
            let t = trim(s)
            if t.isEmpty { return nil }
            guard let d = Double(t), d.isFinite else {
                throw Failure(message: "expected a number, got '\(short(t))'")
            }
            return d
        case let other?: throw Failure(message: "expected a number, got \(other.importTypeName)")
        }
    }

    static func wholeNumber(_ value: JSONValue?) throws(Failure) -> Int? {
        guard let d = try number(value) else { return nil }
        guard d == d.rounded(), abs(d) < 1e15 else {
            throw Failure(message: "expected a whole number, got \(d)")
        }
        return Int(d)
    }

    static func bool(_ value: JSONValue?) throws(Failure) -> Bool? {
        switch value {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        case .integer(let n)? where n == 0 || n == 1: return n == 1
        case .string(let s)?:
            switch trim(s).lowercased() {
            case "": return nil
            case "true", "t", "yes", "y", "1": return true
            case "false", "f", "no", "n", "0": return false
            default: throw Failure(message: "expected true or false, got '\(short(s))'")
            }
        case let other?:
            throw Failure(message: "expected true or false, got \(describe(other))")
        }
    }

    /// Thumbs: 1 up, -1 down; also booleans and words like `up`/`down`, 👍/👎.
    static func thumbs(_ value: JSONValue?) throws(Failure) -> Int? {
        let hint = "thumbs are 1 (up) or -1 (down); for a 1–5 scale use --map stars=COLUMN"
        switch value {
        case nil, .null?: return nil
        case .bool(let b)?: return b ? 1 : -1
        case .string(let s)?:
            let word = trim(s).lowercased()
            if word.isEmpty { return nil }
            if [
                "1", "+1", "1.0", "up", "thumbs_up", "thumbsup", "thumbs up", "👍", "positive",
                "like",
            ]
            .contains(word) {
                return 1
            }
            if [
                "-1", "-1.0", "down", "thumbs_down", "thumbsdown", "thumbs down", "👎", "negative",
                "dislike",
            ]
            .contains(word) {
                return -1
            }
            throw Failure(message: "'\(short(s))' is not a thumbs rating; \(hint)")
        default:
            guard let n = try wholeNumber(value), n == 1 || n == -1 else {
                throw Failure(message: "out of range (\(describe(value))); \(hint)")
            }
            return n
        }
    }

    static func stars(_ value: JSONValue?) throws(Failure) -> Int? {
        guard let n = try wholeNumber(value) else { return nil }
        guard (1...5).contains(n) else {
            throw Failure(message: "stars are 1 to 5, got \(n)")
        }
        return n
    }

    static func feedbackType(_ value: JSONValue?) throws(Failure) -> FeedbackType? {
        guard let raw = try identifier(value)?.lowercased() else { return nil }
        if let type = FeedbackType(rawValue: raw) { return type }
        let names = FeedbackType.allCases.map(\.rawValue)
        let hint = suggestion(for: raw, among: names).map { "; did you mean '\($0)'?" } ?? ""
        throw Failure(
            message: "'\(short(raw))' is not one of \(names.joined(separator: ", "))\(hint)")
    }

    static func signal(_ value: JSONValue?) throws(Failure) -> ImplicitSignal? {
        guard let raw = try identifier(value)?.lowercased() else { return nil }
        let word = raw.replacingOccurrences(of: "-", with: "_").replacingOccurrences(
            of: " ", with: "_")
        switch word {
        case "copied", "copy": return .copied
        case "edited", "edit": return .edited
        case "regenerated", "regenerate", "regen", "retry", "retried": return .regenerated
        case "follow_up", "followup", "followed_up": return .followUp
        default:
            let names = ImplicitSignal.allCases.map(\.rawValue)
            let hint = suggestion(for: word, among: names).map { "; did you mean '\($0)'?" } ?? ""
            throw Failure(
                message: "'\(short(raw))' is not one of \(names.joined(separator: ", "))\(hint)")
        }
    }

    /// A time: text is kept as given; epoch seconds or milliseconds become ISO 8601 UTC.
    static func timestamp(_ value: JSONValue?) throws(Failure) -> String? {
        switch value {
        case .integer, .number:
            guard let n = try number(value) else { return nil }
            let seconds = n > 1e11 ? n / 1000 : n
            // Up to the year 9999: anything else is not an epoch time.
            guard (0...253_402_300_799).contains(seconds) else {
                throw Failure(message: "\(n) is not an epoch time in seconds or milliseconds")
            }
            return iso8601(epoch: seconds)
        default:
            return try identifier(value)
        }
    }

    static func iso8601(epoch: Double) -> String {
        var seconds = time_t(epoch.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900,
            Int(parts.tm_mon) + 1, Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min),
            Int(parts.tm_sec))
    }

    static func nonNegative(_ value: JSONValue?) throws(Failure) -> Double? {
        guard let d = try number(value) else { return nil }
        guard d >= 0 else { throw Failure(message: "cannot be negative, got \(d)") }
        return d
    }

    private static func describe(_ value: JSONValue?) -> String {
        switch value {
        case .integer(let n)?: return String(n)
        case .number(let d)?: return String(d)
        case .string(let s)?: return "'\(short(s))'"
        case let other?: return other.importTypeName
        case nil: return "nothing"
        }
    }

    /// `text` without leading and trailing whitespace; returns `text` itself when there is
    /// none (the common case, and much cheaper than Foundation's trimming).
    static func trim(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            first.properties.isWhitespace || last.properties.isWhitespace
        else { return text }
        var scalars = Substring(text).unicodeScalars
        while let c = scalars.first, c.properties.isWhitespace { scalars.removeFirst() }
        while let c = scalars.last, c.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    /// At most 40 characters of user text in a message.
    static func short(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}
