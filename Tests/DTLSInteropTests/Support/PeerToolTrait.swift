import Foundation
import Testing

extension Trait where Self == ConditionTrait {
    /// Runs the test when `tool` is installed. Otherwise the test is skipped, unless the
    /// environment sets `DTLS_INTEROP_REQUIRED=1`: then it runs and fails at
    /// ``PeerTool/require()``, so a CI machine without the peer cannot pass silently.
    static func requires(_ tool: PeerTool) -> Self {
        .enabled(
            if: tool.location != nil || interopPeersRequired,
            "\(tool.name) is not installed (Debian package \(tool.package)); set DTLS_INTEROP_REQUIRED=1 to fail instead of skipping"
        )
    }

    /// Runs the test when the Python program for `peer` can run, with the same rule: skipped
    /// when it cannot, unless `DTLS_INTEROP_REQUIRED=1` makes it fail at
    /// ``PythonPeer/start(_:)``.
    static func requires(_ peer: PythonPeer) -> Self {
        .enabled(
            if: interopPeersRequired || peer.isInstalled,
            "\(peer.name) cannot run (pip package \(peer.requirement)); set DTLS_INTEROP_REQUIRED=1 to fail instead of skipping"
        )
    }

    private static var interopPeersRequired: Bool {
        ProcessInfo.processInfo.environment["DTLS_INTEROP_REQUIRED"] == "1"
    }
}
