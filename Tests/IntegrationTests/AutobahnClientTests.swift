import Foundation
import Testing

/// `skydash autobahn` against `fuzz_stub.py`, which speaks the fuzzing server's client protocol
/// (getCaseCount, runCase, updateReports) with 6 echo cases and 12 protocol cases in the manner of
/// Autobahn's sections 3-7 (bad frames, invalid UTF-8 in chops and fragments, close codes). Every
/// case must pass strictly: right, and at the earliest moment it could be.
@Suite struct AutobahnClientTests {
    @Test func runsEveryCaseEchoingAndUpdatesReports() throws {
        let stub = try PythonPeer("fuzz_stub.py")
        defer { stub.stop() }
        let run = try Skydash.run(["autobahn", "ws://127.0.0.1:\(stub.port)", "--agent", "skydash-test"], timeout: 30)
        #expect(run.status == 0)
        #expect(run.stdout.first == "autobahn: 18 cases")
        #expect(run.stdout.last == "autobahn: reports updated")
        #expect(stub.child.waitForJSON { $0["event"] as? String == "reports" }?["agent"] as? String == "skydash-test")
        let cases = stub.child.jsonLines.filter { $0["event"] as? String == "case" }
        #expect(cases.count == 18)
        for c in cases {
            #expect(c["ok"] as? Bool == true, "case \(c["case"] ?? "?") \(c["name"] ?? ""): \(c["detail"] ?? "")")
            #expect(c["strict"] as? Bool == true, "case \(c["case"] ?? "?") \(c["name"] ?? "") not strict: \(c["detail"] ?? "")")
        }
    }

    @Test func baseURLComesFromWSFUZZ_URL() throws {
        let stub = try PythonPeer("fuzz_stub.py")
        defer { stub.stop() }
        let child = try ChildProcess(executable: Paths.skydash, arguments: ["autobahn"],
                                     environment: ["WSFUZZ_URL": "ws://127.0.0.1:\(stub.port)/"])
        #expect(child.waitExit(timeout: 30) == 0)
        #expect(stub.child.jsonLines.filter { $0["event"] as? String == "case" }.count == 18)
    }

    @Test func noServerIsAClearFailure() throws {
        let run = try Skydash.run(["autobahn", "ws://127.0.0.1:\(freePort())"], timeout: 30)
        #expect(run.status == 1)
        #expect(run.stderr.last == "skydash: the fuzzing server did not send a case count")
    }
}
