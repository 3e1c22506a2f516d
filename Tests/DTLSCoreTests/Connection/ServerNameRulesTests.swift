import Testing

@testable import DTLSCore

@Suite("Host name rules for server_name (RFC 6066 §3)")
struct ServerNameRulesTests {
    @Test(
        "DNS host names are accepted",
        arguments: ["example.com", "a", "localhost", "EXAMPLE.Com", "host-1.example", "xn--bcher-kva.example", "1.example", "192.0.2.1.example"]
    )
    func valid(name: String) {
        #expect(ServerNameRules.isValidHostName(name))
    }

    @Test(
        "IPv4 and IPv6 literals are not host names",
        arguments: ["192.0.2.1", "10", "127.0.0.1", "::1", "2001:db8::1", "[2001:db8::1]", "::ffff:192.0.2.1"])
    func ipLiterals(name: String) {
        #expect(!ServerNameRules.isValidHostName(name))
    }

    @Test("a trailing dot is rejected", arguments: ["example.com.", "a.", ".", "192.0.2.1."])
    func trailingDot(name: String) {
        #expect(!ServerNameRules.isValidHostName(name))
    }

    @Test(
        "empty names and characters outside letters, digits, hyphen and dot are rejected",
        arguments: ["", "exa mple.com", "exa_mple.com", "bücher.example", "example.com/", "user@example.com"])
    func badCharacters(name: String) {
        #expect(!ServerNameRules.isValidHostName(name))
    }

    @Test("names of up to 253 bytes are accepted, longer ones rejected")
    func length() {
        let label = String(repeating: "a", count: 63)
        let name253 = [label, label, label, String(repeating: "b", count: 61)].joined(separator: ".")
        #expect(name253.utf8.count == 253)
        #expect(ServerNameRules.isValidHostName(name253))
        #expect(!ServerNameRules.isValidHostName(name253 + "b"))
    }

    @Test("empty labels are rejected", arguments: [".example.com", "example..com"])
    func emptyLabels(name: String) {
        #expect(!ServerNameRules.isValidHostName(name))
    }

    @Test("labels longer than 63 bytes are rejected (RFC 1035 §2.3.4)")
    func longLabel() {
        #expect(!ServerNameRules.isValidHostName(String(repeating: "a", count: 64) + ".example"))
    }
}
