import Dashboard
import Foundation

/// A screen in memory, for driving `DashboardLoop` without a terminal (ratatui's `TestBackend`):
/// it keeps every frame drawn and every bell, and plays a script of inputs, one per wait.
///
/// It also owns the loop's clock (`now`): a wait moves it on by the time the loop asked to sleep,
/// so deadlines come due without real time passing.
public final class TestScreen: TerminalScreen {
    /// What one wait of the loop brings.
    public enum Input: Sendable, Equatable {
        /// Nothing typed: the wait sleeps its whole timeout, unless the inbox is already awake.
        case idle
        /// These keys are typed at once.
        case keys([Key])
        /// The terminal takes this size (reported among the keys, in order, as ncurses does).
        case resize(cols: Int, rows: Int)
        /// The terminal goes away.
        case lost
    }

    public private(set) var size: (cols: Int, rows: Int)
    /// The loop's clock.
    public private(set) var now: Date
    /// Every canvas drawn, oldest first.
    public private(set) var frames: [Canvas] = []
    /// The clock at each draw (`frames[i]` was drawn at `frameTimes[i]`).
    public private(set) var frameTimes: [Date] = []
    /// The clock at each scripted `.keys` input.
    public private(set) var keyTimes: [Date] = []
    /// The `times` of every bell rung.
    public private(set) var bells: [Int] = []
    /// The timeout of every wait, in milliseconds.
    public private(set) var waits: [Int32] = []
    /// How often `invalidate` was called.
    public private(set) var invalidations = 0
    /// True once the loop waited after the last scripted input (the screen then reports the
    /// terminal gone, so a loop that would not end does end).
    public private(set) var ranOut = false

    private var script: [Input]
    private var typed: [Event] = []

    public init(cols: Int = 80, rows: Int = 24, now: Date = Date(timeIntervalSince1970: 1_800_000_000),
                script: [Input]) {
        size = (cols, rows)
        self.now = now
        self.script = script
    }

    public func refreshSize() -> (cols: Int, rows: Int) { size }
    public func invalidate() { invalidations += 1 }
    public func draw(_ canvas: Canvas) {
        frames.append(canvas)
        frameTimes.append(now)
    }
    public func bell(times: Int) { bells.append(times) }

    public func pendingInput() -> [Event] {
        defer { typed = [] }
        return typed
    }

    public func waitForInput(wakeFD: Int32, timeoutMS: Int32) -> Bool {
        waits.append(timeoutMS)
        guard !script.isEmpty else {
            ranOut = true
            return false
        }
        switch script.removeFirst() {
        case .idle:
            var wake = pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)
            if poll(&wake, 1, 0) <= 0 { now += TimeInterval(timeoutMS) / 1000 }
        case .keys(let keys):
            keyTimes.append(now)
            typed += keys.map { .key($0) }
        case .resize(let cols, let rows):
            size = (cols, rows)
            typed.append(.resize(cols: cols, rows: rows))
        case .lost:
            return false
        }
        return true
    }
}
