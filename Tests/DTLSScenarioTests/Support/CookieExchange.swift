import NIOCore
import Testing

@testable import DTLSCore

/// Reading and presenting HelloVerifyRequest cookies (RFC 6347 §4.2.1) from a scripted client.
extension ServerScript {
    /// One datagram with the scripted client's hello, spoiled or given a cookie by `modify`.
    func helloDatagram(_ modify: (inout ClientHello) -> Void = { _ in }) throws -> ByteBuffer {
        try client.datagrams([clientHello(modify)])[0]
    }

    /// The cookie carried by the HelloVerifyRequest in `reply`.
    static func cookie(in reply: ByteBuffer) throws -> [UInt8] {
        let fragment = try #require(DTLSWireInspector.records(in: reply).first?.handshakeFragments.first)
        try #require(fragment.messageType == .helloVerifyRequest)
        return try HelloVerifyRequest.decode(ByteBuffer(bytes: fragment.bytes), context: "HelloVerifyRequest").cookie
    }
}

extension DTLSServer.InitialDatagramVerdict {
    /// The HelloVerifyRequest to send, for ``reply(_:)``.
    var reply: ByteBuffer? {
        if case .reply(let datagram) = self { return datagram }
        return nil
    }

    var isAccept: Bool {
        if case .accept = self { return true }
        return false
    }
}
