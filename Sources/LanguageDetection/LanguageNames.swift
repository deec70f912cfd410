import Basics

/// Names of the supported languages and the spellings people use for them instead of the code.
enum LanguageNames {
    /// Every supported code with its English name, in the order ``LanguageDetector`` lists them.
    static let all: [(code: String, name: String)] = [
        ("en", "English"), ("es", "Spanish"), ("fr", "French"), ("de", "German"),
        ("pt", "Portuguese"), ("it", "Italian"), ("nl", "Dutch"), ("sv", "Swedish"),
        ("pl", "Polish"), ("tr", "Turkish"), ("cs", "Czech"), ("ro", "Romanian"),
        ("fi", "Finnish"), ("hu", "Hungarian"), ("vi", "Vietnamese"), ("id", "Indonesian"),
        ("ru", "Russian"), ("uk", "Ukrainian"), ("bg", "Bulgarian"), ("el", "Greek"),
        ("he", "Hebrew"), ("ar", "Arabic"), ("fa", "Persian"), ("hi", "Hindi"), ("th", "Thai"),
        ("zh", "Chinese"), ("ja", "Japanese"), ("ko", "Korean"),
    ]

    static let byCode: [String: String] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.code, $0.name) })

    /// Country codes and other common mistakes for a language code.
    static let aliases: [String: String] = [
        "sp": "es", "esp": "es", "jp": "ja", "jap": "ja", "cn": "zh", "chi": "zh", "zho": "zh",
        "gr": "el", "cz": "cs", "se": "sv", "swe": "sv", "ua": "uk", "kr": "ko", "kor": "ko",
        "br": "pt", "por": "pt", "ger": "de", "deu": "de", "fre": "fr", "fra": "fr",
        "ita": "it", "eng": "en", "us": "en", "dut": "nl", "nld": "nl", "pol": "pl", "tur": "tr",
        "rus": "ru", "ara": "ar", "ir": "fa", "per": "fa", "fas": "fa", "iw": "he", "heb": "he",
        "in": "id", "hin": "hi", "tha": "th", "vn": "vi", "vie": "vi", "ind": "id", "fin": "fi",
        "hun": "hu", "ron": "ro", "rum": "ro", "bul": "bg", "ukr": "uk", "ell": "el", "gre": "el",
        "español": "es", "deutsch": "de", "français": "fr", "português": "pt",
        "italiano": "it", "nederlands": "nl", "svenska": "sv", "polski": "pl", "türkçe": "tr",
        "čeština": "cs", "română": "ro", "suomi": "fi", "magyar": "hu",
    ]

    /// The supported code someone most likely meant by `typed` (`sp`, `pt-BR`, `Spanish`,
    /// `spansh`), or nil when nothing is close.
    static func suggestion(for typed: String) -> String? {
        let word = typed.lowercased()
        if byCode[word] != nil { return word }
        if let alias = aliases[word], byCode[alias] != nil { return alias }
        // Region or script subtags: pt-BR, zh_Hant.
        if let base = word.split(whereSeparator: { $0 == "-" || $0 == "_" }).first,
            base.count < word.count, let code = suggestion(for: String(base))
        {
            return code
        }
        if let name = all.first(where: { $0.name.lowercased() == word }) { return name.code }
        if word.count > 3,
            let name = Basics.suggestion(for: word, among: all.map(\.name)),
            let entry = all.first(where: { $0.name == name })
        {
            return entry.code
        }
        return Basics.suggestion(for: word, among: all.map(\.code))
    }
}
