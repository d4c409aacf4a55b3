import Foundation

/// Playback timing of log records. Pure: no timers and no sleeping. The caller feeds records
/// (`enqueue`, as they are read), asks `nextDue` when to wake up, and calls `release(now:)` to
/// take the records that are due.
///
/// - The first record plays at `start`.
/// - A timed record after a timed record keeps the recorded gap, divided by `speed`. A gap longer
///   than `maxGap` (60 s recorded by default: a quiet night in a day's journal) counts as `maxGap`;
///   a backwards gap (clock set back, records out of order) counts as 0 and plays at once.
/// - A record without a time (a bare line), and a timed one after an untimed one, comes
///   `interval / speed` after the previous record.
/// - `instant` plays everything at once (still subject to pause).
/// - Due times chain from the previous record's due time, not from when `release` was called, so
///   late wake-ups do not add drift; records that arrive late (a slow pipe) play at once.
/// - Pausing freezes the schedule; resuming shifts it by the pause. `step` (pausing first if
///   needed) releases exactly the next record, and after `resume` the following one keeps its gap.
/// - Changing speed rescales the wait in progress: the recorded time elapsed so far is kept.
public struct ReplayClock: Sendable {
    /// The speeds `faster` and `slower` step through.
    public static let speeds: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16, 32]

    /// Playback speed (a finite positive number; others become 1).
    public private(set) var speed: Double
    public let instant: Bool
    /// Seconds between untimed records, at speed 1.
    public let interval: TimeInterval
    /// The longest recorded gap honoured, in seconds.
    public let maxGap: TimeInterval

    /// Records played so far.
    public private(set) var played = 0
    /// The total number of records, once `endOfInput` has been called; else nil.
    public var total: Int? { inputEnded ? played + queued : nil }
    /// The time of the last played record that had one: the recorded clock.
    public private(set) var recordedClock: Date?
    public var isPaused: Bool { pausedAt != nil }

    private var queue: [LogRecord] = []
    private var head = 0
    /// The due time of the previous record (or `start`).
    private var anchor: Date
    private var pausedAt: Date?
    /// The time of the previous record, nil if it had none or nothing was played.
    private var previousAt: Date?
    private var inputEnded = false

    public init(
        start: Date, speed: Double = 1, instant: Bool = false,
        interval: TimeInterval = 1.0, maxGap: TimeInterval = 60
    ) {
        self.anchor = start
        self.speed = speed.isFinite && speed > 0 ? speed : 1
        self.instant = instant
        self.interval = interval.isFinite && interval >= 0 ? interval : 1
        self.maxGap = maxGap.isFinite && maxGap >= 0 ? maxGap : 60
    }

    /// Adds records to play after those already queued.
    public mutating func enqueue(_ records: some Sequence<LogRecord>) {
        queue.append(contentsOf: records)
    }

    public mutating func enqueue(_ record: LogRecord) {
        queue.append(record)
    }

    /// No more records will come: `total` becomes known.
    public mutating func endOfInput() {
        inputEnded = true
    }

    /// Records queued and not yet played.
    public var queued: Int { queue.count - head }

    /// `played` of `total`, or nil while the total is unknown.
    public var progress: (played: Int, total: Int)? {
        total.map { (played, $0) }
    }

    /// True when every record has been played and no more will come.
    public var isFinished: Bool { total != nil && queued == 0 }

    /// The wall time the next record is due (possibly in the past); nil when paused or none is queued.
    public var nextDue: Date? {
        guard pausedAt == nil, head < queue.count else { return nil }
        return due(queue[head])
    }

    /// Takes the records due at `now` (at most `limit`), in order.
    public mutating func release(now: Date, limit: Int = .max) -> [LogRecord] {
        var out: [LogRecord] = []
        while out.count < limit, let d = nextDue, d <= now {
            out.append(pop(dueAt: d))
        }
        return out
    }

    public mutating func pause(now: Date) {
        if pausedAt == nil { pausedAt = now }
    }

    public mutating func resume(now: Date) {
        guard let p = pausedAt else { return }
        anchor += now.timeIntervalSince(p)
        pausedAt = nil
    }

    public mutating func togglePause(now: Date) {
        if isPaused { resume(now: now) } else { pause(now: now) }
    }

    /// Pauses (if playing) and releases exactly the next record, if one is queued.
    public mutating func step(now: Date) -> LogRecord? {
        pause(now: now)
        guard head < queue.count, let p = pausedAt else { return nil }
        return pop(dueAt: p)
    }

    /// Next speed up in `speeds` (a no-op at the top).
    public mutating func faster(now: Date) {
        if let s = Self.speeds.first(where: { $0 > speed }) { setSpeed(s, now: now) }
    }

    /// Next speed down in `speeds` (a no-op at the bottom).
    public mutating func slower(now: Date) {
        if let s = Self.speeds.last(where: { $0 < speed }) { setSpeed(s, now: now) }
    }

    /// Sets the speed, keeping the recorded time elapsed since the previous record.
    public mutating func setSpeed(_ newSpeed: Double, now: Date) {
        guard newSpeed.isFinite, newSpeed > 0, newSpeed != speed else { return }
        let reference = pausedAt ?? now
        let elapsed = reference.timeIntervalSince(anchor)
        anchor = reference - elapsed * speed / newSpeed
        speed = newSpeed
    }

    // MARK: -

    private func due(_ r: LogRecord) -> Date {
        if instant || played == 0 { return anchor }
        let gap: TimeInterval
        if let at = r.at, let prev = previousAt {
            gap = min(max(at.timeIntervalSince(prev), 0), maxGap)
        } else {
            gap = interval
        }
        return anchor + gap / speed
    }

    private mutating func pop(dueAt d: Date) -> LogRecord {
        let r = queue[head]
        head += 1
        if head >= 1024, head * 2 >= queue.count {
            queue.removeFirst(head)
            head = 0
        }
        anchor = d
        played += 1
        previousAt = r.at
        if let at = r.at { recordedClock = at }
        return r
    }
}
