import Feedback
import Testing

/// Redaction: what must go, and — just as important — what must stay.
@Suite struct FeedbackRedactionTests {
    let redactor = Redactor()

    private func expectRedacted(
        _ text: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(redactor.redact(text) == expected, sourceLocation: sourceLocation)
    }

    private func expectKept(_ texts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for text in texts {
            #expect(redactor.redact(text) == text, sourceLocation: sourceLocation)
        }
    }

    @Test func emails() {
        expectRedacted("mail jane.doe+test@example.co.uk.", "mail [EMAIL].")
        expectRedacted("A_B-9@sub-domain.example.org, x@y.io", "[EMAIL], [EMAIL]")
        expectKept(["@channel please", "user@localhost", "a@b.c", "foo@bar.123", "x @ y.com"])
    }

    @Test func phones() {
        let positives = [
            "+1 (555) 123-4567", "+44 20 7946 0958", "+49 30 12345678", "+33 1 23 45 67 89",
            "(555) 123-4567", "555-123-4567", "555.123.4567", "555 123 4567", "020 7946 0958",
            "01 23 45 67 89", "030 12345678", "0049 30 12345678", "07700900123",
        ]
        for phone in positives {
            expectRedacted("call me at \(phone) today", "call me at [PHONE] today")
        }
        expectRedacted("phone: 5551234567", "phone: [PHONE]")
        expectRedacted("Tel.+4930123456789", "Tel.[PHONE]")
    }

    @Test func notPhones() {
        expectKept([
            "on 2026-10-01 at 08:12", "2026-10-01T08:12:00Z", "2026-10-01 08:12:00",
            "01.10.2026", "10/01/2026", "31.12.2026 23:59", "version 10.4.12.3344",
            "v1.2.3", "1.22.333.4444", "server 192.168.100.200", "order 123456789",
            "order #1234567890", "my order number is 555-123-4567", "invoice 2026-000123",
            "ORD-2026-100123", "req-d2128b2f33", "s-f2a752e6b438", "1 234 567 890 rows",
            "1.234.567.890 rows", "took 1727770320000 ms", "price $1,234,567.89",
            "id 123e4567-e89b-12d3-a456-426614174000", "12345678-1234-1234-1234-123456789012",
            "ticket 0123456789", "x-555-123-4567", "call 555-1234",
        ])
    }

    @Test func cardsPassingLuhn() {
        expectRedacted("card 4111 1111 1111 1111 exp", "card [CARD] exp")
        expectRedacted("4111-1111-1111-1111", "[CARD]")
        expectRedacted("5500005555555559, cvv 123", "[CARD], cvv 123")
        expectRedacted("amex 378282246310005", "amex [CARD]")
        expectRedacted("4111111111111111 123", "[CARD] 123")
    }

    @Test func numbersFailingLuhnOrOutsideCardRangesStay() {
        expectKept([
            "1234 5678 9012 3456", "4111111111111112", "order 1234567890123456",
            "0000000000000000", "91111111111111111", "41111111111111111111111",
        ])
    }

    @Test func secrets() {
        let keys = [
            "sk-abcdefghijklmnop1234567890ABCDEFGHIJ",
            "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z_0aBcDeFgHiJkL",
            "AKIAIOSFODNN7EXAMPLE", "ghp_1234567890abcdefghijABCDEFGHIJ123456",
            "xoxb-123456789012-abcdefghijkl",
            "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
            "3f786850e387550fdab836ed7e6dc881de23001b",
            "d41d8cd98f00b204e9800998ecf8427e",
            "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MEFCQ0RFRkdISUpL",
            "Jq8Tx2vLr0PzW4mKc7NbY1sHd6FgQ3eRa5UiVo9X",
            "Jq8Tx2vL/r0PzW4mKc7N/bY1sHd6FgQ3eR+a5UiVo9X==",
        ]
        for key in keys {
            expectRedacted("key=\(key) end", "key=[SECRET] end")
        }
        expectRedacted(
            "Authorization: Bearer sk-abcdefghijklmnop1234567890ABCDEFGHIJ",
            "Authorization: Bearer [SECRET]")
    }

    @Test func notSecrets() {
        expectKept([
            "sk-learn is a library", "sk-this-is-just-a-long-hyphenated-phrase-here",
            "AKIA is a prefix", "https://api.acme.cloud/v1/exports/organizations/projects/2026",
            "thisIsAVeryLongFunctionNameForTestingThings123",
            "/Users/JohnSmith2/Documents/Projects/AppName/Sources",
            "123e4567-e89b-12d3-a456-426614174000",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "0123456789012345678901234567890123456789",
            "The quick brown fox jumps over the lazy dog again and again",
            "```python\nr = requests.get('https://api.acme.cloud/v1/exports', headers={'Authorization': f'Bearer {KEY}'})\n```",
        ])
    }

    @Test func unicodeAroundMatchesSurvives() {
        expectRedacted("¿Correo? josé@example.com — gracias 😀", "¿Correo? [EMAIL] — gracias 😀")
        expectRedacted("请联系jose@example.com谢谢", "请联系[EMAIL]谢谢")
        expectRedacted(
            "Écrivez à marie@exemple.fr ou au 01 23 45 67 89 ✓", "Écrivez à [EMAIL] ou au [PHONE] ✓"
        )
    }

    @Test func countsByKind() {
        var counts = Redactor.Counts()
        _ = redactor.redact(
            "a@b.com c@d.org +1 555 123 4567 4111111111111111 AKIAIOSFODNN7EXAMPLE", counts: &counts
        )
        #expect(counts.email == 2 && counts.phone == 1 && counts.card == 1 && counts.secret == 1)
        #expect(counts.total == 5)
    }
}
