import Foundation
import Testing

extension Trait where Self == ConditionTrait {
    /// Runs the test when `tool` is installed. Otherwise the test is skipped, unless the
    /// environment sets `DTLS_INTEROP_REQUIRED=1`: then it runs and fails at
    /// ``PeerTool/require()``, so a CI machine without the peer cannot pass silently.
    static func requires(_ tool: PeerTool) -> Self {
        .enabled(
            if: tool.location != nil || ProcessInfo.processInfo.environment["DTLS_INTEROP_REQUIRED"] == "1",
            "\(tool.name) is not installed (Debian package \(tool.package)); set DTLS_INTEROP_REQUIRED=1 to fail instead of skipping"
        )
    }
}
