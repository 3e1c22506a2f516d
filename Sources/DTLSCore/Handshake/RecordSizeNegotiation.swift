/// Both sides of max_fragment_length (RFC 6066 §4) and record_size_limit (RFC 8449).
enum RecordSizeNegotiation {
    /// The client's offer.
    static func offer(_ configuration: DTLSConfiguration, into extensions: inout HelloExtensions) {
        if let length = configuration.maximumFragmentLength { extensions.set(MaxFragmentLengthExtension(length)) }
        if let limit = configuration.recordSizeLimit { extensions.set(RecordSizeLimitExtension(limit)) }
    }

    /// The server's answer: record_size_limit wins when both are offered (RFC 8449 §5); an
    /// unknown max_fragment_length code is `illegal_parameter`.
    static func answer(
        _ offered: HelloExtensions,
        configuration: DTLSConfiguration,
        into extensions: inout HelloExtensions
    ) throws(DTLSError) -> RecordSizeLimits? {
        let ownLimit = configuration.recordSizeLimit ?? (1 << 14)
        if let limit = try decode(offered, RecordSizeLimitExtension.self) {
            extensions.set(RecordSizeLimitExtension(ownLimit))
            return RecordSizeLimits(sending: limit.effectiveLimit, receiving: ownLimit)
        }
        if let fragment = try decode(offered, MaxFragmentLengthExtension.self) {
            guard let length = fragment.length else {
                throw DTLSError(.illegalParameter, "max_fragment_length code \(fragment.code)")
            }
            extensions.set(MaxFragmentLengthExtension(length))
            return RecordSizeLimits(sending: length.bytes, receiving: length.bytes)
        }
        return nil
    }

    /// The client's reading of the ServerHello: never both extensions, and an echoed
    /// max_fragment_length must equal the request (RFC 6066 §4, RFC 8449 §5).
    static func accept(_ answered: HelloExtensions, configuration: DTLSConfiguration) throws(DTLSError) -> RecordSizeLimits? {
        let limit = try decode(answered, RecordSizeLimitExtension.self)
        let fragment = try decode(answered, MaxFragmentLengthExtension.self)
        if limit != nil && fragment != nil {
            throw DTLSError(.illegalParameter, "server sent both max_fragment_length and record_size_limit")
        }
        if let limit {
            return RecordSizeLimits(sending: limit.effectiveLimit, receiving: configuration.recordSizeLimit ?? (1 << 14))
        }
        if let fragment {
            guard let requested = configuration.maximumFragmentLength, fragment.code == requested.rawValue else {
                throw DTLSError(.illegalParameter, "server answered max_fragment_length with code \(fragment.code)")
            }
            return RecordSizeLimits(sending: requested.bytes, receiving: requested.bytes)
        }
        return nil
    }
}
