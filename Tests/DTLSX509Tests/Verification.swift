@testable import DTLSCore
import DTLSX509

/// Runs a verifier the way a connection's driver would.
enum Verification {
    static func run(
        _ verifier: some DTLSCertificateVerifier,
        chain: [[UInt8]],
        peerRole: Role,
        expectedServerName: String?
    ) async -> DTLSPeerVerdict {
        let request = DTLSPeerVerificationRequest(
            certificateChain: chain,
            peerRole: peerRole,
            expectedServerName: expectedServerName,
            verifier: verifier
        )
        return await request.verify()
    }
}
