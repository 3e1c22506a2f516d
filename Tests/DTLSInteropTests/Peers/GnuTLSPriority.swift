/// GnuTLS priority strings for the interop tests.
enum GnuTLSPriority {
    /// DTLS 1.2 with P-256 and nothing else: each suite adds its cipher and key exchange.
    private static let base =
        "NORMAL:-VERS-ALL:+VERS-DTLS1.2:-CIPHER-ALL:-MAC-ALL:-KX-ALL:-GROUP-ALL:+GROUP-SECP256R1"

    /// DTLS 1.2 with only TLS_PSK_WITH_AES_128_CCM_8.
    static let pskAES128CCM8 = base + ":+AES-128-CCM-8:+AEAD:+PSK"

    /// DTLS 1.2 with ECDHE_PSK key exchange and the ChaCha20-Poly1305 and AES-128-CCM-8
    /// ciphers. GnuTLS has no ECDHE_PSK suite with CCM-8, so this leaves only
    /// TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256 (0xCCAC).
    static let ecdhePSK = base + ":+CHACHA20-POLY1305:+AES-128-CCM-8:+AEAD:+ECDHE-PSK"

    /// DTLS 1.2 with only TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8, with X.509 certificates.
    static let ecdheECDSAAES128CCM8 = base + ":+AES-128-CCM-8:+AEAD:+ECDHE-ECDSA"

    /// TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 with raw public keys (RFC 7250) on both sides.
    static let rawPublicKeys = ecdheECDSAAES128CCM8 + ":-CTYPE-ALL:+CTYPE-SRV-RAWPK:+CTYPE-CLI-RAWPK"
}
