/// GnuTLS priority strings for the interop tests.
enum GnuTLSPriority {
    /// DTLS 1.2 with only TLS_PSK_WITH_AES_128_CCM_8.
    static let pskAES128CCM8 =
        "NORMAL:-VERS-ALL:+VERS-DTLS1.2:-CIPHER-ALL:-MAC-ALL:-KX-ALL:-GROUP-ALL:+GROUP-SECP256R1"
        + ":+AES-128-CCM-8:+AEAD:+PSK"
}
