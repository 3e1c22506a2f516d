import Crypto

@testable import DTLSCore

extension AESCCM {
    init(key: [UInt8], nonceLength: Int, tagLength: Int) {
        self.init(key: SymmetricKey(data: key), nonceLength: nonceLength, tagLength: tagLength)
    }

    /// `ciphertext ‖ tag` for `plaintext`.
    func seal(nonce: [UInt8], additionalData: [UInt8], plaintext: [UInt8], strategy: Strategy) -> [UInt8] {
        var message = plaintext
        var tag = [UInt8](repeating: 0, count: tagLength)
        nonce.withUnsafeBytes { nonce in
            additionalData.withUnsafeBytes { additionalData in
                message.withUnsafeMutableBytes { message in
                    tag.withUnsafeMutableBytes { tag in
                        seal(nonce: nonce, additionalData: additionalData, message: message, tag: tag, strategy: strategy)
                    }
                }
            }
        }
        return message + tag
    }

    /// The plaintext of `sealed` (`ciphertext ‖ tag`), or nil when it does not authenticate.
    func open(nonce: [UInt8], additionalData: [UInt8], sealed: [UInt8], strategy: Strategy) -> [UInt8]? {
        precondition(sealed.count >= tagLength, "sealed input shorter than the tag")
        var message = Array(sealed.dropLast(tagLength))
        let tag = Array(sealed.suffix(tagLength))
        let authentic = nonce.withUnsafeBytes { nonce in
            additionalData.withUnsafeBytes { additionalData in
                message.withUnsafeMutableBytes { message in
                    tag.withUnsafeBytes { tag in
                        open(nonce: nonce, additionalData: additionalData, message: message, tag: tag, strategy: strategy)
                    }
                }
            }
        }
        return authentic ? message : nil
    }
}
