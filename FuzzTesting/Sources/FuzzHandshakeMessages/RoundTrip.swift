@testable import DTLSCore
import FuzzSupport
import NIOCore

/// Decodes `bytes` as `T`; if that works, the encoding of the value must decode to an equal
/// value whose encoding is the same again (decode → encode → decode is stable).
@discardableResult
func roundTrip<T: WireCodable & Equatable>(_: T.Type, _ bytes: [UInt8]) -> T? {
    guard let value = try? T.decode(ByteBuffer(bytes: bytes), context: "\(T.self)") else { return nil }
    let encoded = value.encoded
    let again: T
    do {
        again = try T.decode(encoded, context: "\(T.self)")
    } catch {
        fatalError("\(T.self) re-encoding does not decode (\(error)); input \(bytes.hex), re-encoded \(Array(buffer: encoded).hex)")
    }
    invariant(again == value, "\(T.self) changes across a round trip; input \(bytes.hex)")
    invariant(again.encoded == encoded, "\(T.self) encodes differently across a round trip; input \(bytes.hex)")
    return value
}

/// Decodes each hello extension the library knows from `extensions`, as a client's (or a
/// server's) hello carries it, and round-trips each that decodes.
func roundTripExtensions(of extensions: HelloExtensions, fromClient: Bool) {
    for entry in extensions.entries {
        guard let structure = WireStructure.forExtension(entry.type, fromClient: fromClient) else { continue }
        decode(structure, entry.body)
    }
    // The typed accessors the state machines use must agree with decoding the raw body.
    if fromClient {
        checkAccessor(extensions, ServerNameExtension.self)
        checkAccessor(extensions, ClientCertificateTypesExtension.self)
        checkAccessor(extensions, ServerCertificateTypesExtension.self)
    } else {
        checkAccessor(extensions, ServerNameAcknowledgement.self)
        checkAccessor(extensions, ClientCertificateTypeSelection.self)
        checkAccessor(extensions, ServerCertificateTypeSelection.self)
    }
    checkAccessor(extensions, SupportedGroupsExtension.self)
    checkAccessor(extensions, ECPointFormatsExtension.self)
    checkAccessor(extensions, SignatureAlgorithmsExtension.self)
    checkAccessor(extensions, ExtendedMasterSecretExtension.self)
    checkAccessor(extensions, RenegotiationInfoExtension.self)
    checkAccessor(extensions, MaxFragmentLengthExtension.self)
    checkAccessor(extensions, RecordSizeLimitExtension.self)
    checkAccessor(extensions, SessionTicketExtension.self)
    for codePoint in [ConnectionIDCodePoint.rfc9146, .mbedTLSCompatibility] {
        let entry = extensions.entries.first { $0.type == codePoint.extensionType }
        let direct = entry.flatMap { try? ConnectionIDExtension.decode(ByteBuffer(bytes: $0.body), context: "connection_id") }
        invariant((try? extensions.connectionID(codePoint)) == direct, "connection_id accessor disagrees with decoding the entry")
    }
}

/// `extensions.get(T.self)` gives what decoding its entry's body gives, and `set` of that value
/// reads back equal.
private func checkAccessor<T: HelloExtensionBody & Equatable>(_ extensions: HelloExtensions, _: T.Type) {
    let entry = extensions.entries.first { $0.type == T.extensionType }
    let direct = entry.flatMap { try? T.decode(ByteBuffer(bytes: $0.body), context: "\(T.self)") }
    let accessed = try? extensions.get(T.self)
    invariant(accessed == direct, "\(T.self): get() disagrees with decoding the entry")
    guard let value = direct else { return }
    var copy = extensions
    copy.set(value)
    invariant((try? copy.get(T.self)) == value, "\(T.self): set() then get() changes the value")
    invariant(copy.entries.count == extensions.entries.count, "\(T.self): set() of a present extension added an entry")
}
