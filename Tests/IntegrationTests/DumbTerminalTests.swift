import Foundation
import TestSupport
import Testing

/// A terminal without cursor addressing (TERM=dumb) cannot draw the dashboard: skydash says so in
/// one line that points to --headless, and exits 2, instead of drawing a lone footer.
@Suite struct DumbTerminalTests {
    @Test func dumbTerminalIsRefusedWithOneLine() throws {
        let dir = try TempDir("skydash-dumb")
        let log = dir.url.appendingPathComponent("log.jsonl").path
        try (#"{"orderId":1,"type":1,"content":"x"}"# + "\n").write(toFile: log, atomically: true, encoding: .utf8)
        // script(1) gives the binary a pseudo-terminal; -e passes its exit status on.
        let command = "TERM=dumb \(shellQuote(Paths.skydash.path)) replay --instant \(shellQuote(log))"
        let child = try ChildProcess(executable: URL(fileURLWithPath: "/usr/bin/script"),
                                     arguments: ["-qec", command, "/dev/null"])
        defer { child.stop() }
        let status = child.waitExit(timeout: 10)
        #expect(status == 2)
        let shown = child.lines.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        #expect(shown == ["skydash: TERM=dumb cannot run the dashboard (no cursor addressing): use --headless for one line per event"],
                "\(shown.map(\.debugDescription))")
    }
}
