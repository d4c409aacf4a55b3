import Foundation
import TestSupport
import Testing

/// The real binary's `--format text` never prints a bidi control that would reorder the line.
@Suite struct HeadlessBidiTests {
    @Test func bidiControlsFromTheServerAreEscapedInText() throws {
        let dir = try TempDir("skydash-bidi")
        let script = [
            "total \u{202E}00.83\u{202C} yuan",
            #"{"orderId":42,"type":1,"content":"\#u{2066}isolate\#u{2069} \#u{200F}mark \#u{061C}alm"}"#,
        ]
        let file = dir.url.appendingPathComponent("script.txt")
        try (script.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let server = try PythonPeer("ws_server.py", ["--script", file.path])
        defer { server.stop() }
        let live = try ChildProcess(executable: Paths.skydash, arguments: [
            "connect", "ws://127.0.0.1:\(server.port)/script?interval_ms=20", "--headless", "--stdin", "--no-journal", "--format", "text",
        ])
        defer { live.stop() }
        #expect(live.waitForLine { $0.contains("alm") } != nil)
        live.closeStdin()
        #expect(live.waitExit() == 0)
        let out = live.lines.joined(separator: "\n")
        let controls: Set<UInt32> = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C]
        #expect(!out.unicodeScalars.contains { controls.contains($0.value) }, "\(out.debugDescription)")
        #expect(out.contains(#"total \u{202E}00.83\u{202C} yuan"#), "\(out)")
        #expect(out.contains(#"\u{2066}isolate\u{2069} \u{200F}mark \u{61C}alm"#), "\(out)")
    }
}
