import Foundation
import Testing

/// The admin commands over https through nginx (Tests/peers/nginx.sh) to admin_stub.py, trusting the
/// test CA with --ca-file, as wss does.
@Suite(.serialized, .enabled(if: NginxProxy.isInstalled, "nginx is not installed"))
struct AdminTLSTests {
    @Test func httpsWithTheCAFileWorksAndWithoutItFails() throws {
        let proxy = try NginxProxy(upstream: "admin_stub.py")
        defer { proxy.stop() }
        let env = ["XDG_CONFIG_HOME": proxy.dir.path("config"), "SKYDASH_PASSWORD": "123456", "SKYDASH_TOKEN": ""]
        let api = "https://localhost:\(proxy.wssPort)/admin"
        var r = try Skydash.run(["shop", "--api", api, "--user", "admin", "--ca-file", proxy.caFile], environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == ["shop: 营业中 (open)"])
        // The API derived from a wss URL is https on the same port.
        r = try Skydash.run(["orders", "--url", "wss://localhost:\(proxy.wssPort)/ws/", "--user", "admin", "--ca-file", proxy.caFile,
                             "--status", "2", "--format", "jsonl"], environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.jsonLines.first?["amount"] as? String == "38.00")
        for caFile in [nil, proxy.otherCAFile] {
            r = try Skydash.run(["shop", "--api", api, "--user", "admin"] + (caFile.map { ["--ca-file", $0] } ?? []), environment: env)
            #expect(r.status == 4)
            #expect(r.stderr == ["skydash: cannot reach the admin API: \(api)/employee/login: TLS handshake with localhost failed: "
                                 + "its certificate is not trusted (not signed by a trusted CA: give a private CA with --ca-file; or expired, or otherwise invalid)"])
        }
        r = try Skydash.run(["shop", "--api", api, "--user", "admin", "--ca-file", proxy.dir.path("missing.pem")], environment: env)
        #expect(r.status == 2)
        #expect(r.stderr.first?.hasPrefix("skydash: cannot read CA file ") == true)
    }
}
