import Foundation
import Notifications
import Orders
import Session
import SnapshotTesting
import Testing
@testable import Dashboard

/// Whole-screen snapshots of `view` at the three reference sizes. Each snapshot holds the text as
/// a person sees it, framed by `|` so trailing spaces and wide characters are visible, then one
/// letter per cell for the role that styles it (see `roleCode`). Re-record with
/// `SNAPSHOT_TESTING_RECORD=all swift test --filter ScreenSnapshotTests` and review the diff.
@Suite struct ScreenSnapshotTests {
    private let flashOnTime = at(192)      // the alert began at 40 s; 0.5 s phases: even → on
    private let flashOffTime = at(192.5)

    @Test func testOrdersAt80x24FlashOnAndOff() {
        let s = sampleState(width: 80, height: 24)
        assertSnapshot(of: view(s, now: flashOnTime, width: 80, height: 24, options: utc), as: .screen, named: "flash-on")
        assertSnapshot(of: view(s, now: flashOffTime, width: 80, height: 24, options: utc), as: .screen, named: "flash-off")
    }

    @Test func testOrdersAt40x12() {
        let s = sampleState(width: 40, height: 12)
        assertSnapshot(of: view(s, now: flashOnTime, width: 40, height: 12, options: utc), as: .screen)
    }

    @Test func testOrdersAt200x50() {
        var s = sampleState(width: 200, height: 50)
        for i in 0..<20 {
            DashboardTests.run(&s, [newOrder(2000 + Int64(i), i % 2 == 0 ? "宫保鸡丁 ×\(i) 🌶️ 微辣" : "Fried rice #\(i)", at: 50 + Double(i))])
        }
        DashboardTests.run(&s, keys(.down, .down, .enter))
        assertSnapshot(of: view(s, now: at(192), width: 200, height: 50, options: utc), as: .screen)
    }

    @Test func testHelpOverlayAt80x24() {
        var s = sampleState(width: 80, height: 24)
        DashboardTests.run(&s, keys(.char("?")))
        assertSnapshot(of: view(s, now: flashOnTime, width: 80, height: 24, options: utc), as: .screen)
    }

    @Test func testTooSmallNotice() {
        let s = sampleState(width: 30, height: 6)
        assertSnapshot(of: view(s, now: flashOnTime, width: 30, height: 6, options: utc), as: .screen)
    }

    /// Content is cut at a wide character: a CJK character that would straddle the edge is left
    /// out whole (never half drawn), at an odd and an even width.
    @Test func testTruncationAtWideCharacter() {
        for width in [41, 42] {
            var s = State(url: "ws://h/ws/x")
            DashboardTests.run(&s, [.resize(cols: width, rows: 12), session(.open(url: "ws://h/ws/x"), 0),
                     newOrder(7, "一二三四五六七八九十一二三四五六七八九十", at: 1)])
            assertSnapshot(of: view(s, now: at(2), width: width, height: 12, options: utc), as: .screen, named: "w\(width)")
        }
    }

    /// A journal that cannot be written stays visible in the header, not only in the messages pane.
    @Test func testProblemStaysInTheHeader() {
        var s = sampleState(width: 100, height: 24)
        DashboardTests.run(&s, [session(.error("journal: cannot open /ro/j.jsonl: Read-only file system; messages are not being saved"), 41)])
        assertSnapshot(of: view(s, now: flashOnTime, width: 100, height: 24, options: utc), as: .screen)
    }

    /// Fresh (selected), aging, acknowledged and overdue rows, then the selection on the aging row.
    @Test func testAgeingRowsAt80x24() {
        var s = ageingState()
        assertSnapshot(of: view(s, now: at(400), width: 80, height: 24, options: utc), as: .screen, named: "fresh-aging-overdue")
        DashboardTests.run(&s, keys(.down))
        assertSnapshot(of: view(s, now: at(400), width: 80, height: 24, options: utc), as: .screen, named: "aging-selected")
    }

    @Test func testASCIIFallbackAt80x24() {
        let s = sampleState(width: 80, height: 24)
        assertSnapshot(of: view(s, now: flashOnTime, width: 80, height: 24, options: utcASCII), as: .screen)
    }
}

extension Snapshotting where Value == Canvas, Format == String {
    /// Text framed by `|`, then the role map.
    static var screen: Snapshotting {
        Snapshotting<String, String>.lines.pullback { canvas in
            var out: [String] = []
            for line in canvas.lines(trimTrailingSpaces: false) { out.append("|\(line)|") }
            out.append("")
            for y in 0..<canvas.height {
                var codes = ""
                for x in 0..<canvas.width {
                    let cell = canvas[x, y]
                    codes.append(cell.isContinuation ? "~" : roleCode(cell.style))
                }
                out.append(codes)
            }
            if let c = canvas.cursor { out.append("cursor \(c.x),\(c.y)") }
            return out.joined(separator: "\n") + "\n"
        }
    }
}

/// One letter per role; upper case when the view adds `reverse`.
private func roleCode(_ style: Style) -> Character {
    let code: Character
    switch style.role {
    case .header: code = "h"
    case .statusOpen: code = "o"
    case .statusConnecting: code = "c"
    case .statusRetrying: code = "r"
    case .statusClosed: code = "x"
    case .statusFailed: code = "f"
    case .newOrder: code = "n"
    case .reminder: code = "m"
    case .aging: code = "g"
    case .overdue: code = "d"
    case .flash: code = "*"
    case .acknowledged: code = "a"
    case .selection: code = "s"
    case .muted: code = "u"
    case .error: code = "e"
    case .footer: code = "t"
    case .banner: code = "b"
    case .help: code = "?"
    case .border: code = "-"
    case .normal: code = "."
    }
    if style.flags.contains(.reverse), let upper = code.uppercased().first { return upper }
    return code
}

/// The admin API's screens: rows with details, the detail pane, the reason picker, today's figures.
@Suite struct OrderScreenSnapshotTests {
    @Test func testRowsWithDetails() {
        for (w, h) in [(80, 24), (120, 40)] {
            let s = ordersState(width: w, height: h)
            assertSnapshot(of: view(s, now: at(41), width: w, height: h, options: utc), as: .screen, named: "\(w)x\(h)")
        }
    }

    @Test func testDetailPane() {
        for (w, h) in [(80, 24), (120, 40)] {
            var s = ordersState(width: w, height: h)
            DashboardTests.run(&s, keys(.end, .char("o")))          // order 1001
            assertSnapshot(of: view(s, now: at(41), width: w, height: h, options: utc), as: .screen, named: "\(w)x\(h)")
        }
    }

    @Test func testReasonPicker() {
        for (w, h) in [(80, 24), (120, 40)] {
            var s = ordersState(width: w, height: h)
            DashboardTests.run(&s, keys(.end, .char("x"), .char("2")))
            assertSnapshot(of: view(s, now: at(41), width: w, height: h, options: utc), as: .screen, named: "\(w)x\(h)")
        }
    }

    @Test func testTypedReason() {
        var s = ordersState(width: 80, height: 24)
        DashboardTests.run(&s, keys(.end, .char("x"), .char("4"), .char("太"), .char("忙")))
        assertSnapshot(of: view(s, now: at(41), width: 80, height: 24, options: utc), as: .screen)
    }

    @Test func testTodaysFigures() {
        var s = ordersState(width: 80, height: 24)
        DashboardTests.run(&s, keys(.char("B")))
        let d = BusinessData(turnover: Money(text: "1234.50")!, validOrderCount: 12, orderCompletionRate: Money(text: "0.8333")!,
                             unitPrice: Money(text: "102.88")!, newUsers: 3)
        DashboardTests.run(&s, [answer(.businessData(.success(d)), 41)])
        assertSnapshot(of: view(s, now: at(41), width: 80, height: 24, options: utc), as: .screen)
    }

    @Test func testHeaderShopClosedLoginFailedAndARefusal() {
        var s = ordersState(width: 80, height: 24)
        DashboardTests.run(&s, [answer(.login(.failure(.refused("密码错误"))), 41),
                                answer(.shopStatus(.success(.closed)), 41),
                                answer(.action(orderId: 1004, action: .deliver, .failure(.refused("订单状态错误"))), 41)])
        assertSnapshot(of: view(s, now: at(41), width: 80, height: 24, options: utc), as: .screen)
    }
}
