import Dashboard
import Foundation
import Notifications
import Session
import Terminal
import Testing

/// A source that posts its events when started and records what the loop asks of it.
final class ScriptedSource: SessionSource, @unchecked Sendable {
    private let events: [SessionEvent]
    private let clock: () -> Date
    private(set) var commands: [SessionCommand] = []
    private(set) var shutdowns = 0
    /// What a replay source reports after each pump (nil: a live source).
    var replayInfo: ReplayInfo?

    init(_ events: [SessionEvent], clock: @escaping () -> Date) {
        self.events = events
        self.clock = clock
    }

    func start(post: @escaping @Sendable (TimedEvent) -> Void) {
        let now = clock()
        for event in events { post(TimedEvent(at: now, event: event)) }
    }

    func perform(_ command: SessionCommand) { commands.append(command) }
    func shutdown() { shutdowns += 1 }
}

@Suite struct DashboardLoopTests {
    /// A loop on `screen`'s clock with `events` queued at its start; returns the loop, its source
    /// and what `run` returned.
    private func runLoop(_ screen: TestScreen, _ events: [SessionEvent] = [], state: State = State(),
                         replayInfo: ReplayInfo? = nil) -> (loop: DashboardLoop, source: ScriptedSource, signal: Int32?) {
        let source = ScriptedSource(events, clock: { screen.now })
        source.replayInfo = replayInfo
        let loop = DashboardLoop(state: state, screen: screen, source: source, options: ViewOptions(asciiOnly: true),
                                 inbox: Inbox(), clock: { screen.now })
        let signal = loop.run()
        return (loop, source, signal)
    }

    private static let open: [SessionEvent] = [.connecting(attempt: 1, url: "ws://shop"), .open(url: "ws://shop")]

    private static func newOrder(_ id: Int64) -> SessionEvent {
        .message(.newOrder(OrderNotice(orderId: id, content: nil), text: #"{"type":1,"orderId":\#(id)}"#))
    }

    @Test func manyQueuedEventsCostOneDraw() {
        // 1: woken by the inbox, all 500 orders applied; 2: the coalescing pause; 3: gone.
        let screen = TestScreen(script: [.idle, .idle, .lost])
        let (loop, source, signal) = runLoop(screen, Self.open + (1...500).map(Self.newOrder))
        #expect(loop.state.listedRows.count == 500)
        #expect(screen.frames.count == 2)   // the empty start, then one frame with all 500
        #expect(screen.frames[1] != screen.frames[0])
        #expect(screen.frames[1].lines().contains { $0.contains("500") })
        #expect(screen.waits[1] == 17)      // the next frame no sooner than 1/60 s after the last
        #expect(screen.bells == [1])        // one bell for the burst, not 500
        #expect(signal == nil && source.shutdowns == 1 && !screen.ranOut)
    }

    @Test func idleDashboardSleepsWithoutRedrawing() {
        let screen = TestScreen(script: [.idle, .idle, .lost])
        _ = runLoop(screen)
        #expect(screen.waits == [1000, 1000, 1000])
        #expect(screen.frames.count == 1)
    }

    @Test func flashDeadlineWakesTheLoopAndRedrawsWithoutInput() {
        let reminder = SessionEvent.message(.reminder(OrderNotice(orderId: 7, content: nil), text: #"{"type":2,"orderId":7}"#))
        // 1: woken by the inbox; 2: the coalescing pause, then the reminder is drawn; 3: until
        // the flash turns over; 4: gone.
        let screen = TestScreen(script: [.idle, .idle, .idle, .lost])
        let start = screen.now
        let (loop, _, _) = runLoop(screen, Self.open + [reminder])
        #expect(loop.state.hasActiveReminders)
        #expect(screen.frames.count == 3)
        // Woken at the flash period's end (0.5 s after the reminder), not after a whole second.
        // (Timeouts are rounded up to whole milliseconds.)
        #expect((483...484).contains(screen.waits[2]))
        #expect(screen.now.timeIntervalSince(start) >= loop.state.flashPeriod)
        #expect(screen.frames[2] != screen.frames[1])   // the flash turned over
    }

    @Test func lostTerminalEndsTheLoop() {
        let screen = TestScreen(script: [.lost])
        let (_, source, signal) = runLoop(screen, Self.open)
        #expect(signal == nil)
        #expect(screen.frames.count == 1)
        #expect(!screen.ranOut)   // it ended on `.lost`, not on an empty script
        #expect(source.shutdowns == 1)
    }

    @Test func qClosesTheSessionCleanly() {
        let screen = TestScreen(script: [.keys([.char("q")]), .idle])
        let (_, source, signal) = runLoop(screen, Self.open)
        #expect(signal == nil)
        #expect(source.shutdowns == 1)
        #expect(source.commands.isEmpty)
        #expect(screen.waits.count == 1)   // q ends it at once: no second wait
        #expect(!screen.ranOut)
    }

    @Test func resizeRedrawsAtTheNewSize() {
        let screen = TestScreen(cols: 80, rows: 24, script: [.resize(cols: 100, rows: 30), .lost])
        _ = runLoop(screen, Self.open)
        let last = screen.frames.last!
        #expect(screen.frames.count == 2)
        #expect((last.width, last.height) == (100, 30))
    }

    @Test func replayChangesReachTheStateThroughUpdate() {
        // `+` is only asked for: the source steps its clock's speed and reports it back.
        let screen = TestScreen(script: [.keys([.char("+")]), .idle, .lost])
        let (loop, source, _) = runLoop(screen, state: State(replay: ReplayInfo()),
                                        replayInfo: ReplayInfo(speed: 2, progress: 0.5))
        #expect(source.commands == [.replay(.faster)])
        #expect(loop.state.replay == ReplayInfo(speed: 2, progress: 0.5))
        #expect(screen.frames.last!.lines().contains { $0.contains("REPLAY x2") && $0.contains("50%") })
    }

    @Test func keysBecomeSessionCommands() {
        // `r` asks the source to reconnect now (from the closed state after `c` `y`).
        let screen = TestScreen(script: [.keys([.char("c"), .char("y")]), .keys([.char("r")]), .lost])
        let (_, source, _) = runLoop(screen, Self.open)
        #expect(source.commands == [.close(code: 1000), .reconnect])
    }
}

/// A replay-like source on the loop's clock: one new order due every `every` seconds, forever.
final class SteadySource: SessionSource {
    private let every: TimeInterval
    private var next: Date
    private var id: Int64 = 0

    init(start: Date, every: TimeInterval) {
        self.every = every
        next = start + every
    }

    func start(post: @escaping @Sendable (TimedEvent) -> Void) {}
    func perform(_ command: SessionCommand) {}
    func shutdown() {}
    func nextDue(now: Date) -> Date? { next }

    func pump(now: Date) -> [TimedEvent] {
        var due: [TimedEvent] = []
        while next <= now {
            id += 1
            due.append(TimedEvent(at: next, event: .message(.newOrder(OrderNotice(orderId: id, content: nil),
                                                                       text: #"{"type":1,"orderId":\#(id)}"#))))
            next += every
        }
        return due
    }
}

@Suite struct FrameCapTests {
    @Test func aSteadyStreamIsDrawnAtMostSixtyTimesASecond() {
        // 1000 orders a second for one second of the screen's clock: every order is applied, the
        // terminal is updated at most 60 times (+1 for the first frame).
        let screen = TestScreen(script: Array(repeating: .idle, count: 1000) + [.lost])
        let start = screen.now
        let source = SteadySource(start: start, every: 0.001)
        let loop = DashboardLoop(state: State(), screen: screen, source: source, options: ViewOptions(asciiOnly: true),
                                 inbox: Inbox(), clock: { screen.now })
        loop.run()
        let seconds = screen.now.timeIntervalSince(start)
        #expect((0.99...1.01).contains(seconds))
        #expect(loop.state.counters.orders >= 990)
        #expect(screen.frames.count <= 61)
        #expect(screen.frames.count >= 55)   // not starved either: the stream is drawn as it comes
    }

    @Test func aKeyIsDrawnAtOnceWhileTheStreamIsHeldBack() {
        // The burst is applied right after the first frame, so its frame waits for the interval;
        // `?` comes before that and is drawn at once, with the burst, and no time passes.
        let screen = TestScreen(script: [.idle, .keys([.char("?")]), .lost])
        let start = screen.now
        let source = ScriptedSource([.connecting(attempt: 1, url: "ws://shop"), .open(url: "ws://shop")]
            + (1...300).map { .message(.newOrder(OrderNotice(orderId: $0, content: nil), text: "{}")) },
                                    clock: { screen.now })
        let loop = DashboardLoop(state: State(), screen: screen, source: source, options: ViewOptions(asciiOnly: true),
                                 inbox: Inbox(), clock: { screen.now })
        loop.run()
        #expect(screen.frames.count == 2)
        #expect(screen.waits[1] == 17)   // the burst was held for the frame interval…
        #expect(screen.now == start)     // …but the key did not wait for it
        #expect(loop.state.mode == .help)
        #expect(screen.frames[1].lines().contains { $0.contains("orders 300") })
        #expect(screen.frames[1].lines().contains { $0.contains("this help") })
    }

    @Test func aKeyForAnOrderNotYetOnScreenIsHeldOnce() {
        // Order 1 arrives after the first (empty) frame and its frame is held for the interval;
        // Enter is typed before that frame reached the terminal, so it does not acknowledge an
        // order the merchant has not seen: it is held, and said so on the frame drawn for the
        // key. A second Enter, later, acknowledges.
        let screen = TestScreen(script: [.idle, .keys([.enter]), .idle, .keys([.enter]), .idle, .lost])
        let source = ScriptedSource([.connecting(attempt: 1, url: "ws://shop"), .open(url: "ws://shop"),
                                     .message(.newOrder(OrderNotice(orderId: 1, content: nil), text: "{}"))],
                                    clock: { screen.now })
        let loop = DashboardLoop(state: State(), screen: screen, source: source, options: ViewOptions(asciiOnly: true),
                                 inbox: Inbox(), clock: { screen.now })
        loop.run()
        #expect(screen.frames.count >= 3)
        #expect(screen.frames.first?.lines().contains { $0.contains("orders 1") } == false)
        let held = screen.frames.dropFirst().first?.lines() ?? []
        #expect(held.contains { $0.contains("order 1 just arrived and is selected now") }, "\(held)")
        #expect(held.contains { $0.contains("unacked 1") })
        #expect(loop.state.rows[1]?.acknowledged == true)
        #expect(screen.frames.last?.lines().contains { $0.contains("unacked 0") } == true)
    }

    @Test func keysDuringAStreamAreDrawnAtOnceWithinTheSameSixty() {
        // 1000 orders a second, and `?` typed 30 times a second: every key shows on the frame
        // drawn for it (the help overlay opens, closes, opens…), and keys and stream together
        // still make at most 60 terminal updates a second (+2 saved at the start).
        var script: [TestScreen.Input] = []
        for _ in 0..<30 { script += [.keys([.char("?")])] + Array(repeating: .idle, count: 33) }
        let screen = TestScreen(script: script + [.lost])
        let start = screen.now
        let loop = DashboardLoop(state: State(), screen: screen, source: SteadySource(start: start, every: 0.001),
                                 options: ViewOptions(asciiOnly: true), inbox: Inbox(), clock: { screen.now })
        loop.run()
        let seconds = screen.now.timeIntervalSince(start)
        #expect((0.95...1.1).contains(seconds))
        let help = screen.frames.map { $0.lines().contains { $0.contains("this help") } }
        let toggles = zip(help, help.dropFirst()).filter { $0 != $1 }.count
        #expect(toggles == 30)
        // Drawn at once: a frame at the very moment of each key (the screen's clock did not move).
        #expect(screen.keyTimes.count == 30)
        #expect(screen.keyTimes.allSatisfy { t in screen.frameTimes.contains(t) })
        #expect(Double(screen.frames.count) <= 60 * seconds + 2)
    }

    @Test func theBenchMeterCountsUpdatesAndLatencies() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("meter-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let meter = try #require(FrameMeter(path: path))
        let screen = TestScreen(script: Array(repeating: .idle, count: 100) + [.lost])
        let source = SteadySource(start: screen.now, every: 0.001)
        let loop = DashboardLoop(state: State(), screen: screen, source: source, options: ViewOptions(asciiOnly: true),
                                 inbox: Inbox(), clock: { screen.now }, meter: meter)
        loop.run()
        #expect(meter.draws == screen.frames.count)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let last = try #require(JSONSerialization.jsonObject(with: Data(lines.last!.utf8)) as? [String: Any])
        let counts = try #require(JSONSerialization.jsonObject(with: Data(lines[lines.count - 2].utf8)) as? [String: Any])
        #expect(counts["draws"] as? Int == screen.frames.count)
        // A canvas for every turn that changed the state (the 100 turns, each with new orders),
        // the terminal only within 60 updates a second.
        #expect(counts["views"] as? Int ?? 0 >= 100)
        #expect(screen.frames.count <= 10)
        #expect(last["first_draw"] is Double)
        // One sample per order rendered (stamps on the screen's clock, measured on the wall clock:
        // only the count is checked); orders of the last turn (the terminal went away) are never
        // rendered, and those rendered after the last terminal update never shown.
        let drawn = loop.state.counters.orders
        let canvasCount = (last["canvas_ms"] as? [Double])?.count ?? -1
        #expect(canvasCount >= drawn - 2)
        #expect((last["screen_ms"] as? [Double])?.count ?? -1 <= canvasCount)
        #expect((last["screen_ms"] as? [Double])?.count ?? -1 >= drawn - 17)
        #expect((last["applied_ms"] as? [Double])?.count == drawn)
    }
}
