/// Decodes a handshake body, turning codec failures into handshake errors.
func decode<T: WireDecodable>(_: T.Type, _ message: HandshakeMessage) throws(DTLSError) -> T {
    do {
        return try message.decode(T.self)
    } catch {
        throw DTLSError.decode(error)
    }
}

/// Decodes one hello extension, turning codec failures into handshake errors.
func decode<T: HelloExtensionBody>(_ extensions: HelloExtensions, _: T.Type) throws(DTLSError) -> T? {
    do {
        return try extensions.get(T.self)
    } catch {
        throw DTLSError.decode(error)
    }
}
