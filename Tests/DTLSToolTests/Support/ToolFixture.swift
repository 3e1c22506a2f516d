/// Command-line arguments the CLI tests share.
enum ToolFixture {
    /// Matching `--psk-identity` and `--psk` for both ends.
    static let pskArguments = ["--psk-identity", "Client_identity", "--psk", "000102030405060708090a0b0c0d0e0f"]

    /// How long a `dtls` run may take before the test kills it.
    static let processTimeout = Duration.seconds(30)
}
