import Foundation
import TestSupport
import Testing

/// A token in the URL's query, a secret-named `--header` and a `--secret-header` never reach any
/// output of the real binary: headless jsonl and text, the journal, replay, error messages,
/// `skydash config`. The server still gets the real values.
@Suite(.serialized) struct SecretRedactionTests {
    static let queryToken = "QueryTok3nS3cret"
    static let authValue = "Bearer AuthHeaderS3cret"
    static let shopValue = "ShopMarkedS3cret"
    static let secrets = [queryToken, "AuthHeaderS3cret", shopValue]

    func assertNoSecret(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for s in Self.secrets {
            #expect(!text.contains(s), "\(what) leaks \(s): \(text)", sourceLocation: sourceLocation)
        }
    }

    /// A temp directory with the script file.
    func scratch() throws -> TempDir {
        let dir = try TempDir("skydash-secrets")
        try dir.write("script.txt", #"{"orderId":7,"type":1,"content":"order 7"}"# + "\n")
        return dir
    }

    /// One live session in `format`, with a journal, checked for secrets in stdout, stderr and the
    /// journal; returns them and what the server saw of the request.
    func liveSession(format: String, dir: URL) throws -> (stdout: String, stderr: String, journal: String, serverSaw: [String: Any]?) {
        let server = try PythonPeer("ws_server.py", ["--script", dir.appendingPathComponent("script.txt").path])
        defer { server.stop() }
        let journal = dir.appendingPathComponent("\(format).jsonl").path
        let live = try ChildProcess(executable: Paths.skydash, arguments: [
            "connect", "ws://127.0.0.1:\(server.port)/script?interval_ms=20&token=\(Self.queryToken)", "--headless", "--stdin",
            "--format", format, "--journal", journal,
            "--header", "Authorization: \(Self.authValue)", "--secret-header", "X-Shop: \(Self.shopValue)",
        ])
        defer { live.stop() }
        let connected = server.child.waitForJSON { $0["event"] as? String == "connect" }
        #expect(server.child.waitForJSON { $0["event"] as? String == "script_done" } != nil)
        #expect(live.waitForLine { $0.contains("order 7") } != nil)
        live.closeStdin()
        #expect(live.waitExit() == 0)
        let text = (try? String(contentsOfFile: journal, encoding: .utf8)) ?? ""
        let stdout = live.lines.joined(separator: "\n")
        assertNoSecret(stdout, "headless \(format)")
        assertNoSecret(live.stderr, "stderr")
        assertNoSecret(text, "journal")
        #expect(stdout.contains("token=***"), "\(stdout)")
        return (stdout, live.stderr, text, connected)
    }

    @Test func headlessJSONLinesJournalAndReplayShowNoSecretButTheServerGetsThem() throws {
        let dir = try scratch()
        let run = try liveSession(format: "jsonl", dir: dir.url)
        #expect(run.journal.contains(#""event":"open""#) && run.journal.contains("token=***"), "\(run.journal)")

        // What went on the wire is real.
        let path = run.serverSaw?["path"] as? String ?? ""
        #expect(path.contains("token=\(Self.queryToken)"), "\(path)")
        let headers = run.serverSaw?["headers"] as? [String: Any] ?? [:]
        #expect(headers.values.contains { "\($0)".contains(Self.authValue) }, "\(headers)")
        #expect(headers.values.contains { "\($0)".contains(Self.shopValue) }, "\(headers)")

        for format in ["jsonl", "text"] {
            let replay = try Skydash.run(["replay", "--headless", "--instant", "--format", format, dir.path("jsonl.jsonl")])
            #expect(replay.status == 0)
            assertNoSecret(replay.stdout.joined(separator: "\n"), "replay \(format)")
            #expect(replay.stdout.contains { $0.contains("token=***") }, "\(replay.stdout)")
        }
    }

    @Test func headlessTextShowsNoSecret() throws {
        let dir = try scratch()
        _ = try liveSession(format: "text", dir: dir.url)
    }

    /// A journal written before redaction existed still replays without the token.
    @Test func replayOfAnOldJournalMasksTheToken() throws {
        let dir = try scratch()
        let old = dir.url.appendingPathComponent("old.jsonl")
        try (#"{"at":"2026-11-26T11:00:05.000+08:00","event":"open","url":"wss://u:\#(Self.shopValue)@shop.example/ws/k?access_token=\#(Self.queryToken)&x=1"}"# + "\n")
            .write(to: old, atomically: true, encoding: .utf8)
        for format in ["jsonl", "text"] {
            let replay = try Skydash.run(["replay", "--headless", "--instant", "--format", format, old.path])
            #expect(replay.status == 0)
            let out = replay.stdout.joined(separator: "\n")
            assertNoSecret(out, "replay \(format)")
            #expect(out.contains("access_token=***&x=1") && out.contains("***@shop.example"), "\(out)")
        }
    }

    /// A refused handshake: the failure line and stderr carry no secret.
    @Test func failedHandshakeReasonShowsNoSecret() throws {
        let server = try PythonPeer("ws_server.py", [])
        defer { server.stop() }
        let run = try Skydash.run([
            "connect", "ws://127.0.0.1:\(server.port)/reject/403?token=\(Self.queryToken)", "--headless",
            "--header", "Authorization: \(Self.authValue)",
        ])
        #expect(run.status == 1)
        let all = (run.stdout + run.stderr).joined(separator: "\n")
        assertNoSecret(all, "failed handshake")
        #expect(all.contains("403"), "\(all)")
    }

    /// Bad input whose error must not echo a secret: a URL that does not parse (named without its
    /// token) and a malformed `--secret-header` (the value is never shown).
    @Test(arguments: [
        (["connect", "ws://?token=\(queryToken)", "--headless"], Int32(2), "missing host"),
        (["connect", "ws://127.0.0.1:1/ws/", "--headless", "--secret-header", "X Shop: \(shopValue)"], Int32(64), "--secret-header"),
    ])
    func badInputErrorShowsNoSecret(arguments: [String], status: Int32, says: String) throws {
        let run = try Skydash.run(arguments)
        #expect(run.status == status)
        let all = run.stderr.joined(separator: "\n")
        assertNoSecret(all, "error for \(arguments)")
        #expect(all.contains(says), "\(all)")
    }

    @Test func configMasksTheURLsToken() throws {
        let run = try Skydash.run(["config", "--url", "ws://127.0.0.1:8080/ws/?token=\(Self.queryToken)"])
        #expect(run.status == 0)
        let out = run.stdout.joined(separator: "\n")
        assertNoSecret(out, "skydash config")
        #expect(out.contains("token=***"), "\(out)")
    }
}
