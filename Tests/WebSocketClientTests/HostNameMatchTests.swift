import Testing
@testable import WebSocketClient

/// `HostIdentityHandler.dnsName(_:matches:)`: the DNS-name half of certificate host checking.
@Suite struct HostNameMatchTests {
    @Test(arguments: [
        ("localhost", "localhost"), ("LocalHost.", "localhost"), ("shop.example.com", "SHOP.example.com."),
        ("*.example.com", "shop.example.com"), ("w*.example.com", "www.example.com"), ("*s.example.com", "shops.example.com"),
    ])
    func matches(pattern: String, host: String) {
        #expect(HostIdentityHandler.dnsName(pattern, matches: host))
    }

    @Test(arguments: [
        ("localhost", "vm"), ("example.com", "shop.example.com"), ("*.example.com", "example.com"),
        ("*.example.com", "a.b.example.com"), ("w*.example.com", "api.example.com"), ("www*.example.com", "www.example.com"),
        ("*.example.com", "xn--5tq.example.com"), ("a.*.example.com", "a.b.example.com"), ("**.example.com", "ab.example.com"),
        ("", ""), ("*", "localhost"),
    ])
    func doesNotMatch(pattern: String, host: String) {
        #expect(!HostIdentityHandler.dnsName(pattern, matches: host))
    }

    @Test func ipAddressesAreShownReadably() {
        #expect(HostIdentityHandler.ipText([127, 0, 0, 1]) == "127.0.0.1")
        #expect(HostIdentityHandler.ipText([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]) == "0:0:0:0:0:0:0:1")
    }
}
