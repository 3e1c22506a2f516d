import Foundation
import Testing

extension Trait where Self == ConditionTrait {
    /// Runs the test when `peer`'s programs are built. Otherwise the test is skipped, unless
    /// the environment sets `DTLS_INTEROP_REQUIRED=1`: then it runs and fails at
    /// ``MbedTLSCIDPeer/start(_:)``, so a CI machine without the peer cannot pass silently.
    static func requires(_ peer: MbedTLSCIDPeer) -> Self {
        .enabled(
            if: peer.isInstalled || ProcessInfo.processInfo.environment["DTLS_INTEROP_REQUIRED"] == "1",
            "\(peer.name) is not built (run \(peer.buildCommand)); set DTLS_INTEROP_REQUIRED=1 to fail instead of skipping"
        )
    }
}
