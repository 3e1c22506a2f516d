import DTLSCore
import NIOCore
import NIODTLS

/// Our client, connecting to a peer server on 127.0.0.1.
enum OurClient {
    /// Connects to `port` with `key`.
    static func connect(port: Int, key: InteropKey) async throws -> NIODTLSConnection {
        try await connect(port: port, configuration: key.clientConfiguration)
    }

    /// Connects to `port` with `configuration`.
    static func connect(port: Int, configuration: DTLSConfiguration) async throws -> NIODTLSConnection {
        try await NIODTLSClient.connect(
            to: SocketAddress(ipAddress: "127.0.0.1", port: port),
            configuration: configuration
        )
    }

    /// Connects to `port` with ``InteropKey/shared``, runs `body` and closes the connection,
    /// whether `body` succeeds or throws.
    static func withConnection(port: Int, _ body: (NIODTLSConnection) async throws -> Void) async throws {
        try await withConnection(port: port, configuration: InteropKey.shared.clientConfiguration, body)
    }

    /// Connects to `port` with `configuration`, runs `body` and closes the connection, whether
    /// `body` succeeds or throws.
    static func withConnection(
        port: Int,
        configuration: DTLSConfiguration,
        _ body: (NIODTLSConnection) async throws -> Void
    ) async throws {
        let connection = try await connect(port: port, configuration: configuration)
        do {
            try await body(connection)
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
    }
}

extension NIODTLSConnection {
    /// The next application record from the peer, as text. Throws when none arrives within
    /// `timeout` or the connection ends first.
    func nextRecord(within timeout: Duration) async throws -> String {
        String(buffer: try await nextRecordBytes(within: timeout))
    }

    /// The next application record, as bytes.
    func nextRecordBytes(within timeout: Duration) async throws -> ByteBuffer {
        try await withTimeout(timeout, "an application record from the peer") { [inbound] in
            for try await record in inbound {
                return record
            }
            throw ConnectionEnded()
        }
    }
}

/// The peer closed the connection while a record was expected.
struct ConnectionEnded: Error, CustomStringConvertible {
    var description: String { "the connection closed before a record arrived" }
}
