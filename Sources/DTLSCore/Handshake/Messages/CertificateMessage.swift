import NIOCore

/// Certificate carrying X.509 certificates (RFC 5246 §7.4.2).
///
/// ```
/// opaque ASN.1Cert<1..2^24-1>;
/// struct {
///     ASN.1Cert certificate_list<0..2^24-1>;
/// } Certificate;
/// ```
/// The sender's certificate comes first; each following one certifies the one before it.
struct X509CertificateMessage: Hashable, Sendable, WireCodable {
    /// DER certificates, leaf first.
    var certificates: [[UInt8]]

    init(certificates: [[UInt8]]) {
        self.certificates = certificates
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        certificates = try reader.readNested(lengthBytes: 3, allowed: 0...0xFF_FFFF) { (reader: inout WireReader) throws(DecodeError) in
            var certificates: [[UInt8]] = []
            while !reader.isEmpty {
                certificates.append(try reader.readVector(lengthBytes: 3, allowed: 1...0xFF_FFFF))
            }
            return certificates
        }
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeLengthPrefixed(lengthBytes: 3) { buffer in
            for certificate in certificates { buffer.writeVector(lengthBytes: 3, certificate) }
        }
    }
}

/// Certificate carrying a raw public key (RFC 7250 §3).
///
/// ```
/// struct {
///     select(certificate_type) {
///         case RawPublicKey:
///             opaque ASN.1_subjectPublicKeyInfo<1..2^24-1>;
///     };
/// } Certificate;
/// ```
struct RawPublicKeyCertificateMessage: Hashable, Sendable, WireCodable {
    /// The DER SubjectPublicKeyInfo.
    var subjectPublicKeyInfo: [UInt8]

    init(subjectPublicKeyInfo: [UInt8]) {
        self.subjectPublicKeyInfo = subjectPublicKeyInfo
    }

    init(from reader: inout WireReader) throws(DecodeError) {
        subjectPublicKeyInfo = try reader.readVector(lengthBytes: 3, allowed: 1...0xFF_FFFF)
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeVector(lengthBytes: 3, subjectPublicKeyInfo)
    }
}
