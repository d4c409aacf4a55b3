import Foundation
import Testing
import Journal

/// Wall-clock start of playback.
private let W = Date(timeIntervalSince1970: 1_000_000)

/// A message recorded `t` seconds after 11:00:05.
private func timed(_ t: Double) -> LogRecord {
    LogRecord(at: at0 + t, utcOffset: 28_800, content: .message(text: "t\(t)"))
}

private func bare(_ s: String) -> LogRecord {
    LogRecord(at: nil, content: .message(text: s))
}

private func texts(_ r: [LogRecord]) -> [String] {
    r.map { if case .message(let t) = $0.content { return t } else { return "?" } }
}

/// The wall times (seconds after W) at which the records come out, polling exactly at each due time.
private func schedule(_ c: inout ReplayClock) -> [Double] {
    var out: [Double] = []
    while let d = c.nextDue {
        let got = c.release(now: d)
        #expect(got.count >= 1)
        out += Array(repeating: (d.timeIntervalSince(W) * 1000).rounded() / 1000, count: got.count)
    }
    return out
}

@Suite("ReplayClock")
struct ReplayClockTests {
    @Test func keepsRecordedSpacingScaledBySpeed() {
        var c1 = ReplayClock(start: W)
        c1.enqueue([timed(0), timed(5), timed(6.5), timed(6.5), timed(10)])
        #expect(schedule(&c1) == [0, 5, 6.5, 6.5, 10])

        var c2 = ReplayClock(start: W, speed: 2)
        c2.enqueue([timed(0), timed(5), timed(6.5), timed(6.5), timed(10)])
        #expect(schedule(&c2) == [0, 2.5, 3.25, 3.25, 5])

        var c3 = ReplayClock(start: W, speed: 0.5)
        c3.enqueue([timed(0), timed(1)])
        #expect(schedule(&c3) == [0, 2])
    }

    @Test func releasesOnlyWhatIsDue() {
        var c = ReplayClock(start: W)
        c.enqueue([timed(0), timed(5), timed(6.5)])
        #expect(texts(c.release(now: W - 1)) == [])
        #expect(texts(c.release(now: W)) == ["t0.0"])
        #expect(c.nextDue == W + 5)
        #expect(texts(c.release(now: W + 4.999)) == [])
        #expect(texts(c.release(now: W + 100)) == ["t5.0", "t6.5"])
        #expect(c.nextDue == nil)
    }

    @Test func lateWakeUpsDoNotDrift() {
        var c = ReplayClock(start: W)
        c.enqueue([timed(0), timed(5), timed(6.5)])
        _ = c.release(now: W)
        #expect(texts(c.release(now: W + 6)) == ["t5.0"])  // a second late
        #expect(c.nextDue == W + 6.5)                       // still on the recorded schedule
    }

    @Test func limit() {
        var c = ReplayClock(start: W, instant: true)
        c.enqueue((0..<10).map { timed(Double($0)) })
        #expect(c.release(now: W, limit: 3).count == 3)
        #expect(c.release(now: W).count == 7)
    }

    @Test func instantPlaysEverythingAtOnce() {
        var c = ReplayClock(start: W, speed: 0.25, instant: true)
        c.enqueue([timed(0), timed(500), bare("x"), timed(-100)])
        #expect(c.nextDue == W)
        #expect(c.release(now: W).count == 4)
        c.enqueue(timed(1000))
        #expect(c.release(now: W).count == 1)
    }

    @Test func bareRecordsAreSpacedByInterval() {
        var c1 = ReplayClock(start: W)
        c1.enqueue([bare("a"), bare("b"), bare("c")])
        #expect(schedule(&c1) == [0, 1, 2])

        var c2 = ReplayClock(start: W, speed: 2, interval: 0.5)
        c2.enqueue([bare("a"), bare("b"), bare("c")])
        #expect(schedule(&c2) == [0, 0.25, 0.5])

        var c3 = ReplayClock(start: W, interval: 0)
        c3.enqueue([bare("a"), bare("b")])
        #expect(schedule(&c3) == [0, 0])
    }

    @Test func mixedTimedAndBare() {
        var c = ReplayClock(start: W, interval: 2)
        // timed→bare and bare→timed use the interval; timed→timed keeps the gap across nothing else.
        c.enqueue([timed(0), bare("a"), timed(100), timed(103)])
        #expect(schedule(&c) == [0, 2, 4, 7])
    }

    @Test func clockJumpsAreClamped() {
        var c1 = ReplayClock(start: W)
        c1.enqueue([timed(0), timed(3600), timed(3601)])  // an hour of silence plays as 60 s
        #expect(schedule(&c1) == [0, 60, 61])

        var c2 = ReplayClock(start: W)
        c2.enqueue([timed(10), timed(5), timed(7)])  // the clock went back 5 s: play at once
        #expect(schedule(&c2) == [0, 0, 2])

        var c3 = ReplayClock(start: W, speed: 4, maxGap: 10)
        c3.enqueue([timed(0), timed(3600)])
        #expect(schedule(&c3) == [0, 2.5])
    }

    @Test func recordsThatArriveLatePlayAtOnce() {
        var c = ReplayClock(start: W)
        c.enqueue(timed(0))
        _ = c.release(now: W)
        #expect(c.nextDue == nil)                         // nothing queued yet (a slow pipe)
        c.enqueue(timed(2))
        #expect(texts(c.release(now: W + 30)) == ["t2.0"]) // was due at W+2
        c.enqueue(timed(4))
        #expect(c.nextDue == W + 4)
    }

    @Test func pauseAndResume() {
        var c = ReplayClock(start: W)
        c.enqueue([timed(0), timed(5), timed(6)])
        _ = c.release(now: W)
        c.pause(now: W + 2)
        #expect(c.isPaused)
        #expect(c.nextDue == nil)
        #expect(c.release(now: W + 100).isEmpty)
        c.pause(now: W + 5)                 // pausing twice changes nothing
        c.resume(now: W + 12)               // paused for 10 s
        #expect(!c.isPaused)
        #expect(c.nextDue == W + 15)
        c.togglePause(now: W + 14)
        c.togglePause(now: W + 15)
        #expect(c.nextDue == W + 16)
        #expect(schedule(&c) == [16, 17])
    }

    @Test func stepReleasesExactlyOneWhilePaused() {
        var c = ReplayClock(start: W)
        c.enqueue([timed(0), timed(5), timed(20), timed(22)])
        _ = c.release(now: W)
        c.pause(now: W + 1)
        #expect(texts(c.step(now: W + 2).map { [$0] } ?? []) == ["t5.0"])
        #expect(c.isPaused)
        #expect(c.nextDue == nil)
        #expect(c.release(now: W + 1000).isEmpty)
        #expect(c.played == 2)
        #expect(c.recordedClock == at0 + 5)
        #expect(texts(c.step(now: W + 3).map { [$0] } ?? []) == ["t20.0"])
        c.resume(now: W + 50)
        #expect(c.nextDue == W + 52)        // the next record keeps its recorded 2 s gap
    }

    @Test func stepWhilePlayingPausesFirst() {
        var c = ReplayClock(start: W)
        c.enqueue([timed(0), timed(30)])
        #expect(c.step(now: W)?.content == .message(text: "t0.0"))
        #expect(c.isPaused)
        #expect(c.step(now: W)?.content == .message(text: "t30.0"))
        #expect(c.step(now: W) == nil)
    }

    @Test func speedSteps() {
        var c = ReplayClock(start: W)
        var seen: [Double] = [c.speed]
        for _ in 0..<9 { c.faster(now: W); seen.append(c.speed) }
        #expect(seen == [1, 2, 4, 8, 16, 32, 32, 32, 32, 32])
        seen = []
        for _ in 0..<9 { c.slower(now: W); seen.append(c.speed) }
        #expect(seen == [16, 8, 4, 2, 1, 0.5, 0.25, 0.25, 0.25])

        var odd = ReplayClock(start: W, speed: 3)
        odd.faster(now: W)
        #expect(odd.speed == 4)
        var odd2 = ReplayClock(start: W, speed: 3)
        odd2.slower(now: W)
        #expect(odd2.speed == 2)
        #expect(ReplayClock(start: W, speed: 0).speed == 1)
        #expect(ReplayClock(start: W, speed: -2).speed == 1)
        #expect(ReplayClock(start: W, speed: .nan).speed == 1)
        #expect(ReplayClock(start: W, speed: 100).speed == 100)
    }

    @Test func speedChangeRescalesTheWaitInProgress() {
        var c = ReplayClock(start: W)
        c.enqueue([timed(0), timed(10), timed(14)])
        _ = c.release(now: W)
        c.faster(now: W + 4)                // 4 s of 10 recorded done; 6 left at 2× = 3 s
        #expect(c.nextDue == W + 7)
        _ = c.release(now: W + 7)
        #expect(c.nextDue == W + 9)         // 4 s recorded at 2×
        c.slower(now: W + 8)                // 2 s recorded done, 2 left at 1×
        #expect(c.nextDue == W + 10)
    }

    @Test func speedChangeWhilePaused() {
        var c = ReplayClock(start: W)
        c.enqueue([timed(0), timed(10)])
        _ = c.release(now: W)
        c.pause(now: W + 4)
        c.faster(now: W + 100)
        c.faster(now: W + 100)              // 4×: 6 s recorded left → 1.5 s after resuming
        c.resume(now: W + 200)
        #expect(c.nextDue == W + 201.5)
    }

    @Test func progressAndRecordedClock() {
        var c = ReplayClock(start: W)
        #expect(c.progress == nil)
        #expect(c.recordedClock == nil)
        c.enqueue([timed(0), bare("x"), timed(3)])
        #expect(c.progress == nil)          // more may come
        _ = c.release(now: W)
        #expect(c.recordedClock == at0)
        _ = c.release(now: W + 1)
        #expect(c.played == 2)
        #expect(c.recordedClock == at0)     // a bare record has no time: the clock stays
        c.enqueue(timed(4))
        c.endOfInput()
        #expect(c.total == 4)
        #expect(c.progress?.played == 2)
        #expect(c.progress?.total == 4)
        #expect(!c.isFinished)
        _ = c.release(now: W + 100)
        #expect(c.progress?.played == 4)
        #expect(c.recordedClock == at0 + 4)
        #expect(c.isFinished)
        #expect(c.queued == 0)
    }

    @Test func longPlaybackCompactsItsQueue() {
        var c = ReplayClock(start: W, interval: 0)
        c.enqueue((0..<5000).map { bare("\($0)") })
        c.endOfInput()
        var got: [String] = []
        while !c.isFinished { got += texts(c.release(now: W, limit: 7)) }
        #expect(got == (0..<5000).map { "\($0)" })
        #expect(c.progress?.played == 5000)
    }
}
