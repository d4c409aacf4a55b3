import Foundation
import Testing

/// `skydash autobahn` against `fuzz_stub.py`, which speaks the fuzzing server's client protocol
/// (getCaseCount, runCase, updateReports) with echo cases of its own. It checks the client's side of
/// that protocol, not RFC conformance (that needs the real Autobahn|Testsuite).
@Suite struct AutobahnClientTests {
    @Test func runsEveryCaseEchoingAndUpdatesReports() throws {
        let stub = try PythonPeer("fuzz_stub.py")
        defer { stub.stop() }
        let run = try Skydash.run(["autobahn", "ws://127.0.0.1:\(stub.port)", "--agent", "skydash-test"], timeout: 30)
        #expect(run.status == 0)
        #expect(run.stdout.first == "autobahn: 6 cases")
        #expect(run.stdout.last == "autobahn: reports updated")
        #expect(stub.child.waitForJSON { $0["event"] as? String == "reports" }?["agent"] as? String == "skydash-test")
        let cases = stub.child.jsonLines.filter { $0["event"] as? String == "case" }
        #expect(cases.count == 6)
        for c in cases {
            #expect(c["ok"] as? Bool == true, "case \(c["case"] ?? "?"): \(c["detail"] ?? "")")
        }
    }

    @Test func baseURLComesFromWSFUZZ_URL() throws {
        let stub = try PythonPeer("fuzz_stub.py")
        defer { stub.stop() }
        let child = try ChildProcess(executable: Paths.skydash, arguments: ["autobahn"],
                                     environment: ["WSFUZZ_URL": "ws://127.0.0.1:\(stub.port)/"])
        #expect(child.waitExit(timeout: 30) == 0)
        #expect(stub.child.jsonLines.filter { $0["event"] as? String == "case" }.count == 6)
    }

    @Test func noServerIsAClearFailure() throws {
        let run = try Skydash.run(["autobahn", "ws://127.0.0.1:\(freePort())"], timeout: 30)
        #expect(run.status == 1)
        #expect(run.stderr.last == "skydash: the fuzzing server did not send a case count")
    }
}
