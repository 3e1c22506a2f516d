import Crypto
@testable import DTLSCore
import FuzzSupport
import NIOCore

/// Decodes `bytes` as `structure`, with the round-trip and consistency checks that apply.
func decode(_ structure: WireStructure, _ bytes: [UInt8]) {
    switch structure {
    case .clientHello:
        if let hello = roundTrip(ClientHello.self, bytes) { roundTripExtensions(of: hello.extensions, fromClient: true) }
    case .serverHello:
        if let hello = roundTrip(ServerHello.self, bytes) { roundTripExtensions(of: hello.extensions, fromClient: false) }
    case .helloVerifyRequest: roundTrip(HelloVerifyRequest.self, bytes)
    case .x509Certificate: roundTrip(X509CertificateMessage.self, bytes)
    case .rawPublicKeyCertificate:
        if let message = roundTrip(RawPublicKeyCertificateMessage.self, bytes) {
            decode(.subjectPublicKeyInfo, message.subjectPublicKeyInfo)
        }
    case .certificateRequest: roundTrip(CertificateRequest.self, bytes)
    case .certificateVerify:
        if let message = roundTrip(CertificateVerify.self, bytes) { decode(.ecdsaSignature, message.signature) }
    case .serverECDHParameters: roundTrip(ServerECDHParameters.self, bytes)
    case .ecdheServerKeyExchange:
        if let message = roundTrip(ECDHEServerKeyExchange.self, bytes) {
            decode(.ecdhePoint, message.parameters.publicPoint)
            decode(.ecdsaSignature, message.signature)
        }
    case .ecdheClientKeyExchange:
        if let message = roundTrip(ECDHEClientKeyExchange.self, bytes) { decode(.ecdhePoint, message.publicPoint) }
    case .pskServerKeyExchange: roundTrip(PSKServerKeyExchange.self, bytes)
    case .pskClientKeyExchange: roundTrip(PSKClientKeyExchange.self, bytes)
    case .ecdhePSKServerKeyExchange:
        if let message = roundTrip(ECDHEPSKServerKeyExchange.self, bytes) { decode(.ecdhePoint, message.parameters.publicPoint) }
    case .ecdhePSKClientKeyExchange:
        if let message = roundTrip(ECDHEPSKClientKeyExchange.self, bytes) { decode(.ecdhePoint, message.publicPoint) }
    case .newSessionTicket: roundTrip(NewSessionTicket.self, bytes)
    case .finished: roundTrip(Finished.self, bytes)
    case .serverHelloDone: roundTrip(ServerHelloDone.self, bytes)
    case .helloRequest: roundTrip(HelloRequest.self, bytes)
    case .helloExtensions:
        if let extensions = roundTrip(HelloExtensions.self, bytes) {
            roundTripExtensions(of: extensions, fromClient: true)
            roundTripExtensions(of: extensions, fromClient: false)
        }
    case .serverName: roundTrip(ServerNameExtension.self, bytes)
    case .serverNameAcknowledgement: roundTrip(ServerNameAcknowledgement.self, bytes)
    case .supportedGroups: roundTrip(SupportedGroupsExtension.self, bytes)
    case .ecPointFormats: roundTrip(ECPointFormatsExtension.self, bytes)
    case .signatureAlgorithms: roundTrip(SignatureAlgorithmsExtension.self, bytes)
    case .extendedMasterSecret: roundTrip(ExtendedMasterSecretExtension.self, bytes)
    case .renegotiationInfo: roundTrip(RenegotiationInfoExtension.self, bytes)
    case .clientCertificateTypes: roundTrip(ClientCertificateTypesExtension.self, bytes)
    case .serverCertificateTypes: roundTrip(ServerCertificateTypesExtension.self, bytes)
    case .clientCertificateTypeSelection: roundTrip(ClientCertificateTypeSelection.self, bytes)
    case .serverCertificateTypeSelection: roundTrip(ServerCertificateTypeSelection.self, bytes)
    case .connectionID: roundTrip(ConnectionIDExtension.self, bytes)
    case .maxFragmentLength: roundTrip(MaxFragmentLengthExtension.self, bytes)
    case .recordSizeLimit: roundTrip(RecordSizeLimitExtension.self, bytes)
    case .sessionTicket: roundTrip(SessionTicketExtension.self, bytes)
    case .handshakeHeader: roundTrip(HandshakeHeader.self, bytes)
    case .handshakeFragments: checkFragments(bytes)
    case .recordHeader: roundTrip(RecordHeader.self, bytes)
    case .alert: roundTrip(Alert.self, bytes)
    case .changeCipherSpec: roundTrip(ChangeCipherSpec.self, bytes)
    case .ecdhePoint: checkPoint(bytes)
    case .subjectPublicKeyInfo: _ = ECDSA.publicKey(subjectPublicKeyInfo: bytes)
    case .ecdsaSignature: checkSignature(bytes)
    case .ticketState: roundTrip(TicketState.self, bytes)
    case .cachedInformationOffer: roundTrip(CachedInformationOffer.self, bytes)
    case .cachedInformationAcceptance: roundTrip(CachedInformationAcceptance.self, bytes)
    case .cachedCertificate: roundTrip(CachedCertificateMessage.self, bytes)
    }
}

/// Fragments read from a record re-assemble to exactly the record.
private func checkFragments(_ bytes: [UInt8]) {
    guard let fragments = try? HandshakeFragment.readAll(from: ByteBuffer(bytes: bytes)) else { return }
    var joined = ByteBuffer()
    for fragment in fragments {
        fragment.header.encode(into: &joined)
        joined.writeImmutableBuffer(fragment.body)
    }
    invariant(Array(buffer: joined) == bytes, "handshake fragments do not re-assemble to their record: \(bytes.hex)")
}

/// A point the library accepts is a canonical uncompressed P-256 point it can agree a secret with.
private func checkPoint(_ bytes: [UInt8]) {
    guard let key = try? ECDHE.peerKey(point: bytes) else { return }
    invariant(Array(key.x963Representation) == bytes, "accepted ECDHE point is not canonical: \(bytes.hex)")
    _ = try? ECDHE.premasterSecret(privateKey: FixedKeys.serverKeyShares.makeKeyShare(), peerKey: key)
}

/// Signature parsing and verification never trap; a fuzzer cannot forge the fixed key's signature.
private func checkSignature(_ bytes: [UInt8]) {
    let key = FixedKeys.serverSigning.publicKey
    invariant(!ECDSA.isValid(bytes, of: Array("fuzz".utf8), by: key), "a fuzz input verified as a signature: \(bytes.hex)")
}
