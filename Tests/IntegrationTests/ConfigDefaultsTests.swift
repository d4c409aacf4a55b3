import Foundation
import TestSupport
import Testing

/// The config file's defaults for the journal and the dashboard (beside the admin options, which
/// AdminCommandTests cover): flags win over them.
@Suite struct ConfigDefaultsTests {
    @Test func journalKeysDecideWhereEventsAreKept() throws {
        let (serve, port) = try CatchUpTests.serve()
        defer { serve.stop() }
        let dir = try TempDir()
        defer { dir.remove() }
        let state = dir.path("state")
        func session(_ config: String, _ extra: [String] = []) throws {
            try dir.writeConfig(config)
            let c = try ChildProcess(executable: Paths.skydash, arguments: ["connect", "ws://127.0.0.1:\(port)/ws/", "--headless"] + extra,
                                     environment: ["XDG_CONFIG_HOME": dir.path("config"), "XDG_STATE_HOME": state])
            #expect(c.waitForJSON { $0.event == "open" } != nil)
            c.signal(SIGTERM)
            #expect(c.waitExit() == 0)
        }
        let chosen = dir.path("mine.jsonl")
        try session("journal = \"\(chosen)\"\n")
        #expect(FileManager.default.fileExists(atPath: chosen))
        try session("no-journal = true\n")
        #expect(!FileManager.default.fileExists(atPath: state + "/skydash"))
        try session("no-journal = true\n", ["--journal", dir.path("flag.jsonl")])   // the flag wins
        #expect(FileManager.default.fileExists(atPath: dir.path("flag.jsonl")))
    }
}
