import ArgumentParser

/// A `HOST:PORT` argument; IPv6 literals go in brackets (`[::1]:5684`).
struct Endpoint: ExpressibleByArgument, CustomStringConvertible, Sendable {
    var host: String
    var port: Int

    init?(argument: String) {
        let hostPart: Substring
        let portPart: Substring
        if argument.hasPrefix("[") {
            guard let close = argument.firstIndex(of: "]"), argument[argument.index(after: close)...].hasPrefix(":") else {
                return nil
            }
            hostPart = argument[argument.index(after: argument.startIndex)..<close]
            portPart = argument[argument.index(close, offsetBy: 2)...]
        } else {
            guard let colon = argument.lastIndex(of: ":"), !argument[..<colon].contains(":") else { return nil }
            hostPart = argument[..<colon]
            portPart = argument[argument.index(after: colon)...]
        }
        guard !hostPart.isEmpty, let port = Int(portPart), (0...65535).contains(port) else { return nil }
        self.host = String(hostPart)
        self.port = port
    }

    var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    static var defaultValueDescription: String { "HOST:PORT" }
}
