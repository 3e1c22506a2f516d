import Crypto
import Testing

@testable import DTLSCore

/// ECDH on P-256 to the premaster secret, checked against values computed independently with
/// Python `cryptography` (`derive_private_key`, `exchange(ECDH(), ...)`).
@Suite("ECDHE and ECDSA")
struct ECDHEKnownAnswerTests {
    static let scalarA = [UInt8](repeating: 0x11, count: 32)
    static let scalarB = [UInt8](repeating: 0x22, count: 32)
    static let pointA = [UInt8](
        hex: "040217e617f0b6443928278f96999e69a23a4f2c152bdf6d6cdf66e5b80282d4ed194a7debcb97712d2dda3ca85aa8765a56f45fc758599652f2897c65306e5794")
    static let pointB = [UInt8](
        hex: "04d65a93977caa3d1b081852ff57a79e465f1660577304baead505dd3a48589cf350185e895372df6221ea3a137557e473fddb6755f05bd507c3c533fce9c91285")
    static let shared = [UInt8](hex: "ccfc261f58193c98ca4ad4a53bbac6f0ee29bc4d48438090446908622ca79af6")

    @Test("public points and the shared x-coordinate match the reference")
    func sharedSecret() throws {
        let a = try P256.KeyAgreement.PrivateKey(rawRepresentation: Self.scalarA)
        let b = try P256.KeyAgreement.PrivateKey(rawRepresentation: Self.scalarB)
        #expect(ECDHE.publicPoint(of: a) == Self.pointA)
        #expect(ECDHE.publicPoint(of: b) == Self.pointB)
        #expect(try ECDHE.premasterSecret(privateKey: a, peerKey: ECDHE.peerKey(point: Self.pointB)) == Self.shared)
        #expect(try ECDHE.premasterSecret(privateKey: b, peerKey: ECDHE.peerKey(point: Self.pointA)) == Self.shared)
    }

    @Test("the premaster secret feeds the extended master secret")
    func extendedMasterSecret() {
        let master = KeySchedule.extendedMasterSecret(premasterSecret: Self.shared, sessionHash: [UInt8](repeating: 0xAB, count: 32))
        #expect(master == [UInt8](hex: "96973256a1928d5dde7773022dc1d0d580722c10acbead00f26397b3c9e82e6cabbea79c64ae2d5e6aa642107fb16e46"))
    }

    @Test("points that are not uncompressed P-256 points are illegal_parameter")
    func invalidPoints() {
        var offCurve = Self.pointA
        offCurve[64] ^= 0x01
        let compressed = [0x02] + Array(Self.pointA[1...32])
        for point in [offCurve, compressed, [0x04], Array(Self.pointA.dropLast()), [0x00] + Array(Self.pointA.dropFirst())] {
            #expect(throws: DTLSError.self) { try ECDHE.peerKey(point: point) }
            #expect((try? ECDHE.peerKey(point: point)) == nil)
        }
        #expect(throws: Never.self) { try ECDHE.peerKey(point: Self.pointA) }
    }

    @Test("ECDSA signatures verify only for the signed bytes and the signer's key")
    func signatures() throws {
        let key = P256.Signing.PrivateKey()
        let message: [UInt8] = Array("client_random server_random params".utf8)
        let signature = try ECDSA.sign(message, with: key)
        #expect(ECDSA.isValid(signature, of: message, by: key.publicKey))
        #expect(!ECDSA.isValid(signature, of: message + [0], by: key.publicKey))
        #expect(!ECDSA.isValid(signature, of: message, by: P256.Signing.PrivateKey().publicKey))
        #expect(!ECDSA.isValid([0x30, 0x00], of: message, by: key.publicKey))
        // A CertificateVerify signs the transcript hash: signing the digest equals signing the messages.
        let digest = SHA256.hash(data: message)
        #expect(ECDSA.isValid(try ECDSA.sign(digest: digest, with: key), of: message, by: key.publicKey))
    }
}
