import Foundation
import ProcessTestSupport

extension ChildProcess {
    /// Asks the process to end with SIGTERM, waits up to `timeout` for it and kills it
    /// (SIGKILL) if it is still running then. Returns how it ended; nil when it had to be killed.
    ///
    /// For driver programs that run a peer as their own child: SIGTERM lets them stop that
    /// child, which SIGKILL would leave running.
    @discardableResult
    func terminate(within timeout: Duration = .seconds(8)) async -> Termination? {
        send(signal: SIGTERM)
        let termination = await waitForExit(timeout: timeout)
        stop()
        return termination
    }
}
