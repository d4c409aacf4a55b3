import Foundation
import Session
import Testing
@testable import Terminal

@Suite struct InboxTests {
    func readable(_ fd: Int32) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 0) == 1
    }

    /// Many posts from many threads: one wake-up, nothing lost, order kept per thread.
    @Test func burstFromThreadsLosesNothing() {
        let inbox = Inbox()
        #expect(!readable(inbox.wakeFD))
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            for i in 0..<1000 { inbox.post(.session(TimedEvent(at: Date(timeIntervalSince1970: Double(t * 10_000 + i)), event: .error("x")))) }
        }
        #expect(readable(inbox.wakeFD))
        var seen: [Int: [Int]] = [:]
        var batches = 0
        while readable(inbox.wakeFD) {
            let batch = inbox.take(limit: 4096)
            batches += 1
            for case .session(let e) in batch {
                let n = Int(e.at.timeIntervalSince1970)
                seen[n / 10_000, default: []].append(n % 10_000)
            }
        }
        #expect(batches == 2)   // 8000 items, 4096 per turn: the wake-up stays set until all are taken
        #expect(seen.count == 8)
        for (_, items) in seen { #expect(items == Array(0..<1000)) }
    }
}

@Suite struct MemoryTrimTests {
    @Test func trimsOnlyOnceEnoughHavePassedAndTheQueueIsEmpty() {
        var trim = MemoryTrim(every: 100)
        var trimmed: [Bool] = []
        trimmed.append(trim.drained(after: 60, queueEmpty: true))
        trimmed.append(trim.drained(after: 60, queueEmpty: false))   // 120, but more are queued
        trimmed.append(trim.drained(after: 0, queueEmpty: true))
        trimmed.append(trim.drained(after: 99, queueEmpty: true))    // counting starts again
        trimmed.append(trim.drained(after: 1, queueEmpty: true))
        #expect(trimmed == [false, false, true, false, true])
    }
}
