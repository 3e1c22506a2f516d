@testable import DTLSCore
import DTLSSimulation
import FuzzSupport
import NIOCore

/// Seeds for `FuzzHandshakeMessages`: every unprotected message of every exchange, the hello
/// extensions (block and bodies), record and fragment framing, key material, and the
/// structures no exchange here sends in the clear (Finished, X.509 Certificate, alerts).
enum HandshakeMessageSeeds {
    static func make(from handshakes: [RecordedHandshake]) -> [Seed] {
        var seeds: [Seed] = []
        var distinct: [WireStructure: Set<[UInt8]>] = [:]
        // At most three different encodings of each structure.
        func add(_ structure: WireStructure, _ bytes: [UInt8], _ origin: String) {
            guard distinct[structure, default: []].count < 3, distinct[structure, default: []].insert(bytes).inserted else { return }
            seeds.append((name: "\(structure)-\(origin)", bytes: [structure.rawValue] + bytes))
        }
        for handshake in handshakes {
            for side in [SimulatedPair.Side.client, .server] {
                for message in handshake.messages(from: side) {
                    guard let structure = WireStructure.forMessage(message.type, profile: handshake.profile, features: handshake.features) else { continue }
                    add(structure, message.body, handshake.name)
                    for (part, bytes) in parts(of: message, structure: structure) { add(part, bytes, handshake.name) }
                }
                if let record = handshake.datagrams(from: side).first.flatMap({ DTLSWireInspector.records(in: $0).first }),
                    let datagram = handshake.datagrams(from: side).first
                {
                    let bytes = Array(buffer: datagram)
                    add(.recordHeader, Array(bytes.prefix(RecordHeader.size)), "\(handshake.name)-\(side)")
                    add(.handshakeFragments, Array(bytes[RecordHeader.size..<record.length]), "\(handshake.name)-\(side)")
                    add(.handshakeHeader, Array(bytes[RecordHeader.size..<(RecordHeader.size + HandshakeHeader.size)]), "\(handshake.name)-\(side)")
                }
            }
        }
        add(.finished, Array(0..<12), "sample")
        add(.alert, Array(buffer: Alert(level: .fatal, description: .handshakeFailure).encoded), "fatal")
        add(.changeCipherSpec, [1], "sample")
        let request = CertificateRequest(
            certificateTypes: [CertificateRequest.ecdsaSign],
            signatureSchemes: [.ecdsaSecp256r1SHA256],
            certificateAuthorities: [Array("CN=fuzz".utf8)]
        )
        add(.certificateRequest, Array(buffer: request.encoded), "with-authority")
        let pki = try! TestPKI(intermediateCount: 1)
        let leaf = try! pki.leaf(dnsNames: [FuzzConfigurations.serverName], key: FixedKeys.serverSigning)
        add(.x509Certificate, Array(buffer: X509CertificateMessage(certificates: pki.chain(for: leaf)).encoded), "chain")
        // cached_info (RFC 7924): no exchange above uses it.
        let fingerprint = [UInt8](repeating: 0xAB, count: 32)
        let offer = CachedInformationOffer(objects: [
            .init(type: CachedInformationType.certificate, fingerprint: fingerprint),
            .init(type: CachedInformationType.certificateRequest, fingerprint: [0xFF]),
        ])
        add(.cachedInformationOffer, Array(buffer: offer.encoded), "cert-and-request")
        add(.cachedInformationAcceptance, Array(buffer: CachedInformationAcceptance(types: [CachedInformationType.certificate]).encoded), "cert")
        add(.cachedCertificate, Array(buffer: CachedCertificateMessage(fingerprint: fingerprint).encoded), "fingerprint")
        return seeds
    }

    /// The sub-structures worth seeding on their own: hello extensions, keys and signatures.
    private static func parts(of message: HandshakeMessageCollector.Message, structure: WireStructure) -> [(WireStructure, [UInt8])] {
        let body = ByteBuffer(bytes: message.body)
        switch structure {
        case .clientHello:
            guard let hello = try? ClientHello.decode(body, context: "ClientHello") else { return [] }
            return extensionParts(hello.extensions, fromClient: true)
        case .serverHello:
            guard let hello = try? ServerHello.decode(body, context: "ServerHello") else { return [] }
            return extensionParts(hello.extensions, fromClient: false)
        case .rawPublicKeyCertificate:
            guard let certificate = try? RawPublicKeyCertificateMessage.decode(body, context: "Certificate") else { return [] }
            return [(.subjectPublicKeyInfo, certificate.subjectPublicKeyInfo)]
        case .ecdheServerKeyExchange:
            guard let exchange = try? ECDHEServerKeyExchange.decode(body, context: "ServerKeyExchange") else { return [] }
            return [
                (.serverECDHParameters, Array(buffer: exchange.parameters.encoded)),
                (.ecdhePoint, exchange.parameters.publicPoint),
                (.ecdsaSignature, exchange.signature),
            ]
        case .ecdheClientKeyExchange:
            guard let exchange = try? ECDHEClientKeyExchange.decode(body, context: "ClientKeyExchange") else { return [] }
            return [(.ecdhePoint, exchange.publicPoint)]
        case .ecdhePSKServerKeyExchange:
            guard let exchange = try? ECDHEPSKServerKeyExchange.decode(body, context: "ServerKeyExchange") else { return [] }
            return [(.serverECDHParameters, Array(buffer: exchange.parameters.encoded))]
        case .newSessionTicket:
            guard let ticket = try? NewSessionTicket.decode(body, context: "NewSessionTicket") else { return [] }
            return [(.sessionTicket, ticket.ticket)] + (ticketState(ticket.ticket).map { [(.ticketState, $0)] } ?? [])
        case .certificateVerify:
            guard let verify = try? CertificateVerify.decode(body, context: "CertificateVerify") else { return [] }
            return [(.ecdsaSignature, verify.signature)]
        default:
            return []
        }
    }

    /// The plaintext of a ticket sealed with the fixed ticket key.
    private static func ticketState(_ ticket: [UInt8]) -> [UInt8]? {
        let ring = DTLSTicketKeyRing(keys: [try! DTLSTicketKeyRing.Key(material: FuzzConfigurations.ticketKeyMaterial)], wallClock: { FuzzConfigurations.wallClock })
        return ring.open(ticket).map { Array(buffer: TicketState(session: $0).encoded) }
    }

    private static func extensionParts(_ extensions: HelloExtensions, fromClient: Bool) -> [(WireStructure, [UInt8])] {
        [(.helloExtensions, Array(buffer: extensions.encoded))]
            + extensions.entries.compactMap { entry in
                WireStructure.forExtension(entry.type, fromClient: fromClient).map { ($0, entry.body) }
            }
    }
}
