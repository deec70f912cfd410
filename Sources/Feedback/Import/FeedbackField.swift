/// A field of the record model, with the column names exports commonly use for it.
///
/// Column names are compared after ``FeedbackField/normalize(_:)``, so `User Input`,
/// `userInput` and `user-input` all name `user_input`. The aliases are tried in order when
/// no column has the field's own name and `--map` does not say.
public enum FeedbackField: String, Sendable, CaseIterable {
    case id
    case createdAt = "created_at"
    case sessionID = "session_id"
    case requestID = "request_id"
    case feedbackType = "feedback_type"
    case rating, stars, signal, comment, correction
    case editedText = "edited_text"
    case followUpText = "follow_up_text"
    case systemPrompt = "system_prompt"
    case userInput = "user_input"
    case response, model
    case promptVersion = "prompt_version"
    case latencyMs = "latency_ms"

    /// Other names for the field, most common first (documented in `feedback import --help`).
    public var aliases: [String] {
        switch self {
        case .id: ["feedback_id"]
        case .createdAt: ["timestamp", "time", "ts", "created", "date"]
        case .sessionID: ["session", "conversation_id"]
        case .requestID: ["request", "trace_id"]
        case .feedbackType: ["type", "kind"]
        case .rating: ["thumbs", "thumb", "vote"]
        case .stars: ["star_rating", "star"]
        case .signal: ["implicit_signal", "event", "action"]
        case .comment: ["feedback_text", "comments", "note"]
        case .correction: ["corrected_response", "expected_output", "ideal_response"]
        case .editedText: ["edited", "edited_response"]
        case .followUpText: ["follow_up", "followup"]
        case .systemPrompt: ["system", "system_message"]
        case .userInput: ["prompt", "input", "query", "question", "user_message"]
        case .response: ["output", "answer", "completion", "reply"]
        case .model: ["model_name"]
        case .promptVersion: ["version"]
        case .latencyMs: ["latency", "duration_ms"]
        }
    }

    /// Lowercased letters and digits only: the form column names are compared in.
    public static func normalize(_ name: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                bytes.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                bytes.append(byte + 32)
            case 0x80...:
                return slowNormalize(name)
            default:
                continue
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func slowNormalize(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in name.lowercased().unicodeScalars
        where scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
            out.append(scalar)
        }
        return String(out)
    }
}

/// A field of an A/B outcome row.
public enum OutcomeField: String, Sendable, CaseIterable {
    case sessionID = "session_id"
    case promptVersion = "prompt_version"
    case outcome
    case timeToOutcomeMs = "time_to_outcome_ms"
    case satisfied

    public var aliases: [String] {
        switch self {
        case .sessionID: ["session", "conversation_id"]
        case .promptVersion: ["version", "variant", "arm"]
        case .outcome: ["result", "status"]
        case .timeToOutcomeMs: ["time_to_outcome", "duration_ms", "time_to_resolution_ms"]
        case .satisfied: ["satisfaction", "is_satisfied", "csat_ok"]
        }
    }
}
