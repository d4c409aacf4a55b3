import Foundation
import Orders
import Testing
@testable import Dashboard

/// Open at 0; order 1 at 0 (overdue by 400), 2 at 100 and acknowledged, 3 at 250 (aging by 400),
/// 4 at 380 (fresh at 400). The newest, 4, is selected.
func ageingState(width: Int = 80, height: Int = 24, alerts: AlertTimings = AlertTimings()) -> State {
    var s = State(url: "ws://shop.example:8080/ws/k3x9", alerts: alerts)
    run(&s, [.resize(cols: width, rows: height), session(.open(url: "ws://shop.example:8080/ws/k3x9"), 0),
             newOrder(1, "订单号: 1764126000001 waiting longest", at: 0),
             newOrder(2, "订单号: 1764126000002 seen", at: 100)])
    run(&s, keys(.enter))
    run(&s, [newOrder(3, "订单号: 1764126000003 aging", at: 250), newOrder(4, "订单号: 1764126000004 fresh", at: 380)])
    return s
}

@Suite struct AgeingTests {
    @Test func stagesFollowTheWaitingTime() throws {
        var s = State()
        run(&s, [newOrder(1, at: 0)])
        let row = try #require(s.rows[1])
        let t = s.alerts
        #expect(row.ageStage(at: at(119.9), t) == .fresh)
        #expect(row.ageStage(at: at(120), t) == .aging)
        #expect(row.ageStage(at: at(299.9), t) == .aging)
        #expect(row.ageStage(at: at(300), t) == .overdue)
        #expect(row.ageStage(at: at(300), AlertTimings(agingAfter: 10, overdueAfter: 0)) == .aging)
        #expect(row.ageStage(at: at(300), AlertTimings(agingAfter: 0, overdueAfter: 0)) == .fresh)
        #expect(row.ageStage(at: at(31), AlertTimings(agingAfter: 0, overdueAfter: 30)) == .overdue)
        run(&s, keys(.enter))
        #expect(s.rows[1]!.ageStage(at: at(400), t) == .fresh)       // acknowledged: no longer ages
        // Accepted or cancelled (status from the backend): no longer ages either.
        #expect(liveState(1001, .confirmed).rows[1001]!.ageStage(at: at(400), t) == .fresh)
        #expect(liveState(1001, .cancelled).rows[1001]!.ageStage(at: at(400), t) == .fresh)
        #expect(liveState(1001, .toBeConfirmed).rows[1001]!.ageStage(at: at(400), t) == .overdue)
    }

    @Test func ageText() {
        #expect([0, 59, 60, 179, 3599, 3600, 3660, 86399, 90000].map { Format.age(TimeInterval($0)) }
                == ["0m", "0m", "1m", "2m", "59m", "1h00", "1h01", "23h59", "1d01"])
    }

    /// The dashboard wakes up when a row turns aging or overdue and when a shown age changes.
    @Test func deadlinesForAgeing() {
        var s = State(bellMuted: true)                                  // no re-ring deadlines
        run(&s, [newOrder(1, at: 0)])
        #expect(nextDeadline(s, now: at(10)) == at(120))
        #expect(nextDeadline(s, now: at(120)) == at(180))
        #expect(nextDeadline(s, now: at(250)) == at(300))
        #expect(nextDeadline(s, now: at(300)) == at(360))
        #expect(nextDeadline(s, now: at(4000)) == at(4020))
        run(&s, keys(.enter))
        #expect(nextDeadline(s, now: at(4000)) == nil)
    }

    @Test func rowsShowTheirAgeAndLookAgingOrOverdue() throws {
        let s = ageingState()
        let c = view(s, now: at(400), width: 80, height: 24, options: utc)
        let lines = c.lines()
        let title = try #require(lines.firstIndex { $0.contains("ORDER ID") })
        #expect(lines[title].contains("KIND  AGE  CONTENT"))
        let ageX = try #require(displayColumn(of: "AGE", in: lines[title]))
        func row(_ needle: String) throws -> Int { try #require(lines.firstIndex { $0.contains(needle) }) }
        let overdue = try row("waiting longest"), aging = try row(" aging"), fresh = try row(" fresh"), seen = try row(" seen")
        #expect(displayColumn(of: "6m", in: lines[overdue]) == ageX)
        #expect(displayColumn(of: "2m", in: lines[aging]) == ageX)
        #expect(!lines[fresh].contains("m  订单号"))
        #expect(!lines[seen].contains("m  订单号"))
        // Whole rows in their role (bold added, as for every unacknowledged row).
        #expect(c[20, overdue].style == Style(.overdue, .bold))
        #expect(c[20, aging].style == Style(.aging, .bold))
        #expect(c[20, fresh].style == Style(.selection, .bold))
        #expect(c[20, seen].style == Style(.acknowledged))

        // Selected, an aging row is drawn as the selection, but its AGE cell keeps its look.
        var down = s
        run(&down, keys(.down))
        let d = view(down, now: at(400), width: 80, height: 24, options: utc)
        #expect(d[20, aging].style == Style(.selection, .bold))
        #expect(d[ageX, aging].style == Style(.aging, .bold))
        #expect(d[20, fresh].style == Style(.newOrder, .bold))
    }

    @Test func theAgeColumnComesWithTheFirstAgingRow() {
        var s = State(url: "ws://h/ws/x")
        run(&s, [newOrder(1, "订单号: 1", at: 0)])
        #expect(!view(s, now: at(119), width: 80, height: 24, options: utc).lines().contains { $0.contains("AGE") })
        #expect(view(s, now: at(120), width: 80, height: 24, options: utc).lines().contains { $0.contains("KIND  AGE  CONTENT") })
        // Ageing off: never.
        let off = ageingState(alerts: AlertTimings(agingAfter: 0, overdueAfter: 0))
        #expect(!view(off, now: at(4000), width: 80, height: 24, options: utc).lines().contains { $0.contains("AGE") })
    }

    @Test func headerSaysWhenReRingIsOff() {
        let on = view(ageingState(), now: at(400), width: 80, height: 24, options: utc)
        #expect(!on.line(1).contains("re-ring"))
        let s = ageingState(alerts: AlertTimings(reRing: 0))
        #expect(view(s, now: at(400), width: 80, height: 24, options: utc).line(1)
                == " orders 4 · unacked 3 · reminders 0 · errors 0 · bell on, re-ring off")
        #expect(view(s, now: at(400), width: 50, height: 20, options: utc).line(1)
                == " ord 4 unack 3 rem 0 err 0 bell on no-rering")
    }

    @Test func helpListsReRingAndAgeingWithThisRunsSettings() {
        var s = ageingState()
        run(&s, keys(.char("?")))
        let text = view(s, now: at(400), width: 80, height: 24, options: utc).lines().joined(separator: "\n")
        #expect(text.contains("re-ring       unhandled orders ring again every 1m"))
        #expect(text.contains("ageing        rows show their age; aging 2m, overdue 5m"))
        #expect(text.contains("bell on / off (re-rings too)"))

        var custom = ageingState(alerts: AlertTimings(reRing: 0, agingAfter: 90, overdueAfter: 0))
        run(&custom, keys(.char("?")))
        let other = view(custom, now: at(400), width: 80, height: 24, options: utc).lines().joined(separator: "\n")
        #expect(other.contains("re-ring       off: an order rings once"))
        #expect(other.contains("ageing        rows show their age; aging 90s"))
        #expect(!other.contains("overdue"))
    }
}
