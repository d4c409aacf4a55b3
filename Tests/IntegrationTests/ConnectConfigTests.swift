import Foundation
import TestSupport
import Testing

/// `skydash connect` takes `url` (and ca-file, token-file) from the config file when not given.
@Suite(.serialized) struct ConnectConfigTests {
    func configDir(_ text: String) throws -> (TempDir, String) {
        let dir = try TempDir("skydash-config")
        return (dir, try dir.writeConfig(text))
    }

    @Test func connectUsesTheConfiguredURLAndToken() throws {
        let server = try PythonPeer("ws_server.py")
        defer { server.stop() }
        let (dir, _) = try configDir("")
        defer { dir.remove() }
        let tokenFile = try dir.write("token", "config-token-123\n")
        try dir.writeConfig("""
            url = "ws://127.0.0.1:\(server.port)/ws/"
            token-file = "\(tokenFile)"
            """)
        let child = try ChildProcess(executable: Paths.skydash, arguments: ["connect", "--headless"],
                                     environment: ["XDG_CONFIG_HOME": dir.path("config"), "SKYDASH_TOKEN": ""])
        defer { child.stop() }
        let open = child.waitForJSON(timeout: 10) { $0.event == "open" }
        #expect((open?["url"] as? String)?.hasPrefix("ws://127.0.0.1:\(server.port)/ws/") == true)
        let connect = server.child.waitForJSON(timeout: 5) { $0.event == "connect" }
        #expect((connect?["headers"] as? [String: Any])?["token"] as? String == "config-token-123")
        child.signal(SIGTERM)
        #expect(child.waitExit(timeout: 10) == 0)
        #expect(!child.lines.joined().contains("config-token-123"))
    }

    @Test func aBadConfiguredURLNamesFileLineAndKey() throws {
        let (dir, file) = try configDir("# the backend\nurl = \"http://127.0.0.1:1/ws/\"\n")
        defer { dir.remove() }
        let r = try Skydash.run(["connect", "--headless"], environment: ["XDG_CONFIG_HOME": dir.path("config")])
        #expect(r.status == 2)
        #expect(r.stderr == ["skydash: \(file):2: url: bad URL: scheme 'http' is not WebSocket: use ws://"])
    }

    @Test func noURLAnywhereIsAClearError() throws {
        let (dir, _) = try configDir("user = \"admin\"\n")
        defer { dir.remove() }
        let r = try Skydash.run(["connect", "--headless"], environment: ["XDG_CONFIG_HOME": dir.path("config")])
        #expect(r.status == 2)
        #expect(r.stderr == ["skydash: no URL: give one (skydash connect ws://HOST:PORT/ws/) or set url in the config file"])
    }
}
