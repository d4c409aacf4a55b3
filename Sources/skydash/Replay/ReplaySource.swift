import Dashboard
import Foundation
import Journal
import Session
import Terminal

/// A log played into the dashboard on the UI thread's clock. Records are stamped with the wall time
/// they are played, so alerts, the bell and flashing behave as live; the header shows the recorded
/// clock, speed and progress. Bad lines appear in the messages pane with their line number.
final class ReplaySource: SessionSource {
    private var clock: ReplayClock
    private var stepped: [TimedEvent] = []
    private var pendingErrors: [TimedEvent] = []

    init(entries: [LogLineResult], clock: ReplayClock, name: String) {
        self.clock = clock
        for entry in entries {
            switch entry {
            case .success(let record): self.clock.enqueue(record)
            case .failure(let error):
                pendingErrors.append(TimedEvent(at: Date(), event: .error("replay \(name): \(error.description)")))
            }
        }
        self.clock.endOfInput()
    }

    func start(post: @escaping @Sendable (TimedEvent) -> Void) {}

    func nextDue(now: Date) -> Date? {
        pendingErrors.isEmpty && stepped.isEmpty ? clock.nextDue : now
    }

    func pump(now: Date) -> [TimedEvent] {
        var out = pendingErrors + stepped
        pendingErrors = []
        stepped = []
        out += clock.release(now: now, limit: 4096).map { TimedEvent(at: now, event: $0.event) }
        return out
    }

    var replayInfo: ReplayInfo? {
        let progress = clock.progress.map { p in p.total == 0 ? 1.0 : Double(p.played) / Double(p.total) }
        return ReplayInfo(speed: clock.speed, paused: clock.isPaused, recordedClock: clock.recordedClock,
                          progress: progress, finished: clock.isFinished)
    }

    func perform(_ command: SessionCommand) {
        let now = Date()
        switch command {
        case .replay(.setPaused(let paused)):
            if paused { clock.pause(now: now) } else { clock.resume(now: now) }
        case .replay(.step):
            if let record = clock.step(now: now) { stepped.append(TimedEvent(at: now, event: record.event)) }
        case .replay(.faster):
            clock.faster(now: now)
        case .replay(.slower):
            clock.slower(now: now)
        case .send:
            pendingErrors.append(TimedEvent(at: now, event: .error("replay: nothing is sent to a log")))
        case .close, .reconnect, .journal:
            break
        }
    }

    func shutdown() {}
}
