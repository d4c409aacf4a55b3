import Foundation
import TestSupport
import Testing

/// `skydash` with no subcommand: the dashboard on the configured `url`, else the help.
@Suite(.serialized) struct DefaultCommandTests {
    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
    func noSubcommandOpensTheDashboardOnTheConfiguredURL() throws {
        let server = try PythonPeer("ws_server.py")
        defer { server.stop() }
        let dir = try TempDir("skydash-default")
        defer { dir.remove() }
        try dir.writeConfig("url = \"ws://127.0.0.1:\(server.port)/ws/\"\n")
        let tmux = try TmuxSession(command: "\(shellQuote(Paths.skydash.path)); echo EXIT=$?; sleep 30",
                                   environment: ["XDG_CONFIG_HOME": dir.path("config"), "XDG_STATE_HOME": dir.path("state")])
        defer { tmux.kill() }
        let screen = try tmux.waitForScreen("the dashboard's header saying open", timeout: 10) { s in
            s.first?.contains("open") == true && s.first?.contains("127.0.0.1:\(server.port)") == true
        }
        #expect(screen.first?.contains("ws://127.0.0.1:\(server.port)/ws/") == true)
        try tmux.keys("q")
        _ = try tmux.waitForText("EXIT=0")
    }

    @Test func noSubcommandAndNoConfigShowsTheHelp() throws {
        let dir = try TempDir("skydash-default")
        defer { dir.remove() }
        let r = try Skydash.run([], environment: ["XDG_CONFIG_HOME": dir.path("config")])
        #expect(r.status == 0)
        #expect(r.stdout.contains { $0.hasPrefix("USAGE: skydash <subcommand>") })
    }

    @Test func noSubcommandWithABadConfigSaysWhatIsWrong() throws {
        let dir = try TempDir("skydash-default")
        defer { dir.remove() }
        let file = try dir.writeConfig("url = 8080\n")
        let r = try Skydash.run([], environment: ["XDG_CONFIG_HOME": dir.path("config")])
        #expect(r.status == 2)
        #expect(r.stderr == ["skydash: \(file):1: url: expected a string, found an integer"])
    }
}
