import NIOCore

/// CertificateRequest (RFC 5246 §7.4.4).
///
/// ```
/// enum { rsa_sign(1), dss_sign(2), ..., ecdsa_sign(64), (255) } ClientCertificateType;
/// opaque DistinguishedName<1..2^16-1>;
/// struct {
///     ClientCertificateType certificate_types<1..2^8-1>;
///     SignatureAndHashAlgorithm supported_signature_algorithms<2^16-1>;
///     DistinguishedName certificate_authorities<0..2^16-1>;
/// } CertificateRequest;
/// ```
struct CertificateRequest: Hashable, Sendable, WireCodable {
    /// `ecdsa_sign`: the client signs with an ECDSA key (RFC 8422 §5.5).
    static let ecdsaSign: UInt8 = 64

    var certificateTypes: [UInt8]
    var signatureSchemes: [SignatureScheme]
    /// DER distinguished names of acceptable authorities; empty means any.
    var certificateAuthorities: [[UInt8]]

    init(certificateTypes: [UInt8], signatureSchemes: [SignatureScheme], certificateAuthorities: [[UInt8]] = []) {
        self.certificateTypes = certificateTypes
        self.signatureSchemes = signatureSchemes
        self.certificateAuthorities = certificateAuthorities
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        certificateTypes = try reader.readVector(lengthBytes: 1, allowed: 1...255)
        signatureSchemes = try SignatureScheme.readList(from: &reader)
        certificateAuthorities = try reader.readNested(lengthBytes: 2, allowed: 0...0xFFFF) { (reader: inout WireReader) throws(DecodeError) in
            var names: [[UInt8]] = []
            while !reader.isEmpty { names.append(try reader.readVector(lengthBytes: 2, allowed: 1...0xFFFF)) }
            return names
        }
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeVector(lengthBytes: 1, certificateTypes)
        SignatureScheme.writeList(signatureSchemes, into: &buffer)
        buffer.writeLengthPrefixed(lengthBytes: 2) { buffer in
            for name in certificateAuthorities { buffer.writeVector(lengthBytes: 2, name) }
        }
    }
}

/// CertificateVerify (RFC 5246 §7.4.8).
///
/// ```
/// struct {
///     digitally-signed struct {
///         opaque handshake_messages[handshake_messages_length];
///     }
/// } CertificateVerify;
/// ```
/// The signature covers every handshake message sent and received before this one.
struct CertificateVerify: Hashable, Sendable, WireCodable {
    var signatureScheme: SignatureScheme
    /// DER-encoded ECDSA signature.
    var signature: [UInt8]

    init(signatureScheme: SignatureScheme, signature: [UInt8]) {
        self.signatureScheme = signatureScheme
        self.signature = signature
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        signatureScheme = SignatureScheme(rawValue: try reader.readUInt16())
        signature = try reader.readVector(lengthBytes: 2, allowed: 0...0xFFFF)
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(signatureScheme.rawValue)
        buffer.writeVector(lengthBytes: 2, signature)
    }
}
