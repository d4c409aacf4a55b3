import Foundation
import Journal
import Session

/// `replay --headless`: plays the log with its timing (scaled, or instant) and prints the same event
/// lines as `connect --headless`. Recorded events keep their recorded time; bare lines get the time
/// they are played. Bad lines go to stderr with their line number and are skipped (`--strict`: exit 2).
struct HeadlessReplay {
    let input: LogInput
    var clock: ReplayClock
    let formatter: EventLineFormatter
    let strict: Bool
    let out = LineWriter.queued(waitWhenFull: true)

    func badLine(_ error: LogLineError) {
        StandardError.line("replay: \(input.name): \(error.description)")
    }

    mutating func run() -> Int32 {
        if clock.instant { return runInstant() }
        defer { out.drain(timeout: nil) }
        var ended = false
        var badLines = 0
        while true {
            // Headless never pauses, so nothing due means nothing queued: wait for more input.
            let (entries, done) = input.take(waitingUntil: clock.nextDue)
            for entry in entries {
                switch entry {
                case .success(let record): clock.enqueue(record)
                case .failure(let error):
                    badLine(error)
                    badLines += 1
                    if strict { return ExitCodes.badInput }
                }
            }
            if done && !ended {
                ended = true
                clock.endOfInput()
                if let failure = input.readError {
                    StandardError.line(failure)
                    return ExitCodes.badInput
                }
            }
            let now = Date()
            for record in clock.release(now: now) {
                let timed = TimedEvent(at: record.at ?? now, event: record.event)
                out.writeLine { formatter.appendLine(timed, to: &$0) }
            }
            if clock.isFinished { return ExitCodes.ok }
            if ended, let due = clock.nextDue, due > now {
                Thread.sleep(until: due)
            }
        }
    }

    /// `--instant`: no clock and no records kept; each chunk read becomes its lines in one buffer,
    /// queued at once. A bad line under `--strict` ends it after the lines before it.
    private func runInstant() -> Int32 {
        defer { out.drain(timeout: nil) }
        var player = InstantReplay(formatter: formatter)
        var lines = [UInt8]()
        lines.reserveCapacity(1 << 20)
        var failed = false
        let bad: (LogLineError) -> Bool = { error in
            badLine(error)
            if strict { failed = true }
            return !strict
        }
        func flush() {
            // `writeLine` ends what it is given with a newline: hand it all but the last one.
            guard let last = lines.last else { return }
            assert(last == 0x0A)
            out.writeLine { $0.append(contentsOf: lines[..<(lines.count - 1)]) }
            lines.removeAll(keepingCapacity: true)
        }
        input.readChunks { chunk in
            let go = player.feed(chunk, now: Date(), to: &lines, bad: bad)
            flush()
            return go
        }
        if failed { return ExitCodes.badInput }
        if let failure = input.readError {
            StandardError.line(failure)
            return ExitCodes.badInput
        }
        let go = player.finish(now: Date(), to: &lines, bad: bad)
        flush()
        return go ? ExitCodes.ok : ExitCodes.badInput
    }
}
