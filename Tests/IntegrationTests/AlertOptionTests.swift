import Foundation
import Testing

/// `--re-ring`, `--aging-after`, `--overdue-after`: bad values are refused before anything opens,
/// in the option's own words (exit 64 with the usage, as ArgumentParser reports bad options).
@Suite struct AlertOptionTests {
    func refused(_ arguments: [String]) throws -> Skydash.Finished {
        let r = try Skydash.run(["connect", "ws://127.0.0.1:9/ws/x", "--no-journal"] + arguments)
        #expect(r.status == 64, "\(arguments): exit \(String(describing: r.status))")
        #expect(r.stdout.isEmpty)
        return r
    }

    @Test func badValuesAreClearErrors() throws {
        #expect(try refused(["--overdue-after", "60"]).stderr.first
                == "Error: --overdue-after (60) must be longer than --aging-after (120)")
        #expect(try refused(["--aging-after", "300", "--overdue-after", "300"]).stderr.first
                == "Error: --overdue-after (300) must be longer than --aging-after (300)")
        #expect(try refused(["--re-ring=-5"]).stderr.first
                == "Error: --re-ring must be 0 (off) or a number of seconds, not -5")
        #expect(try refused(["--aging-after", "nan"]).stderr.first
                == "Error: --aging-after must be 0 (off) or a number of seconds, not nan")
        #expect(try refused(["--re-ring", "abc"]).stderr.first == "Error: The value 'abc' is invalid for '--re-ring <S>'")
    }

    @Test func helpDescribesThem() throws {
        let r = try Skydash.run(["connect", "--help"])
        let help = r.stdout.joined(separator: "\n")
        #expect(help.contains("--re-ring <S>"))
        #expect(help.contains("--aging-after <S>"))
        #expect(help.contains("--overdue-after <S>"))
    }
}

/// The options reach the running dashboard: under tmux with re-ring off and ageing after 1 s and
/// 3 s, the header says so and the order's row gets its AGE and turns aging, then overdue.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct TmuxAgeingTests {
    @Test func rowAgesAndHeaderSaysReRingIsOff() throws {
        let rig = try TmuxDashboardTests.Rig(path: "/script?interval_ms=50", script: [
            #"{"type":1,"orderId":777,"content":"订单号: 777 waiting"}"#,
        ], arguments: ["--no-journal", "--re-ring", "0", "--aging-after", "1", "--overdue-after", "3"])
        defer { rig.stop() }
        let t = rig.tmux
        try t.waitForText("订单号: 777 waiting")
        let s = try t.waitForScreen("the AGE column") { $0.contains { $0.contains("KIND  AGE  CONTENT") } }
        #expect(s[1].contains("bell on, re-ring off"), "\(TmuxSession.dump(s))")
        let row = try #require(s.first { $0.contains("777 waiting") })
        #expect(row.contains("new   0m "), "\(row)")
        func look() -> String? { t.capture(escapes: true).first { TmuxDashboardTests.plain($0).contains("777 waiting") } }
        let aging = try #require(look())
        // Overdue from 3 s: the same text drawn differently (reverse in the default theme).
        var overdue = aging
        let deadline = Date().addingTimeInterval(6)
        while overdue == aging, Date() < deadline {
            usleep(200_000)
            overdue = look() ?? aging
        }
        #expect(overdue != aging, "the row never turned overdue: \(aging.debugDescription)")
        #expect(TmuxDashboardTests.plain(overdue) == TmuxDashboardTests.plain(aging))
        #expect(Self.usesReverse(overdue), "\(overdue.debugDescription)")
        #expect(!Self.usesReverse(aging), "\(aging.debugDescription)")
    }

    /// Whether some SGR sequence in `line` turns on reverse video (7), not counting the numbers
    /// inside 38;5;N / 48;5;N / 38;2;R;G;B colours.
    static func usesReverse(_ line: String) -> Bool {
        let sgr = try! NSRegularExpression(pattern: "\u{1B}\\[([0-9;:]*)m")
        for m in sgr.matches(in: line, range: NSRange(line.startIndex..., in: line)) {
            let params = (line as NSString).substring(with: m.range(at: 1)).split(separator: ";").map { Int($0) ?? -1 }
            var i = 0
            while i < params.count {
                switch params[i] {
                case 38, 48, 58: i += (i + 1 < params.count && params[i + 1] == 2) ? 5 : 3
                case 7: return true
                default: i += 1
                }
            }
        }
        return false
    }
}
