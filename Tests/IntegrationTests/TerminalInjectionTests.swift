import Foundation
import Testing

/// Every class of control sequence (CSI, OSC 0/1/2/8/52, DCS, SOS, PM, APC, 8-bit C1, bidi, NUL,
/// BEL, BS, CR, LF, RIS, DECALN, terminal queries, 300 combining marks) in order content, ids, raw
/// and plain messages, a close reason, every REST field and a journal, through the real binary:
/// the dashboard in a pty and headless text, read back by the `pyte` terminal emulator
/// (Tests/peers/terminal_injection.py, which says what each check is). Title, colours, cursor,
/// cells and clipboard stay untouched, and the output holds no OSC/DCS/APC/PM/C1 at all; a control
/// run shows the same texts printed raw do trip the checks.
@Suite struct TerminalInjectionTests {
    @Test func hostileTextNeverDrivesTheTerminal() throws {
        let peer = try ChildProcess(executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: [
            "python3", Paths.peers.appendingPathComponent("terminal_injection.py").path, "--skydash", Paths.skydash.path,
        ])
        peer.closeStdin()
        let status = peer.waitExit(timeout: 150)
        let results = peer.jsonLines
        let scenarios = results.compactMap { $0["scenario"] as? String }
        #expect(scenarios == ["dashboard-live", "dashboard-replay", "headless-live", "headless-replay",
                              "control (raw text trips the checks)"], "\(peer.stderr)")
        for r in results {
            #expect(r["ok"] as? Bool == true, "\(r["scenario"] ?? "?"): \(r["failures"] ?? [])")
            #expect((r["checks"] as? Int ?? 0) > 10, "\(r)")
        }
        for r in results where (r["scenario"] as? String)?.hasPrefix("control") == false {
            // The hostile texts were on screen (their marker pairs seen whole), not just absent.
            #expect((r["markers"] as? Int ?? 0) >= 21, "\(r)")
        }
        #expect(status == 0, "\(peer.stderr)")
    }
}
