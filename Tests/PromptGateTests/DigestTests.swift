import Basics
import Foundation
import Testing

@Suite struct DigestTests {
    @Test func sha256KnownVectors() {
        #expect(
            Digest.sha256Hex("")
                == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            Digest.sha256Hex("abc")
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            Digest.sha256Hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(Digest.sha256([]).count == 32)
    }

    @Test func md5KnownVectors() {
        #expect(Digest.md5Hex("") == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(Digest.md5Hex("abc") == "900150983cd24fb0d6963f7d28e17f72")
        #expect(
            Digest.md5(Array("abc".utf8))
                == [
                    0x90, 0x01, 0x50, 0x98, 0x3c, 0xd2, 0x4f, 0xb0,
                    0xd6, 0x96, 0x3f, 0x7d, 0x28, 0xe1, 0x7f, 0x72,
                ])
    }

    @Test func hashesUTF8AndAnyByteSequenceAlike() {
        // Reference values from Python's hashlib over the UTF-8 bytes.
        let text = "¿Cómo?"
        #expect(Digest.md5Hex(text) == "5eecdfe2a786b5be753680d318217385")
        #expect(
            Digest.sha256Hex(text)
                == "526eda71701dc14b224ae016fcd852f8aa63f30e8865446b021c197e9bab35cb")
        let bytes = Array(text.utf8)
        #expect(Digest.md5Hex(Data(bytes)) == Digest.md5Hex(text))
        // A sequence without contiguous storage takes the copying path.
        #expect(Digest.sha256Hex(bytes.lazy.map { $0 }) == Digest.sha256Hex(bytes))
        #expect(Digest.sha256Hex(bytes[1...]) == Digest.sha256Hex(Array(bytes.dropFirst())))
    }

    @Test func hexIsLowercaseAndPadded() {
        #expect(Digest.hex([0x00, 0x0f, 0xab, 0xff]) == "000fabff")
    }
}
