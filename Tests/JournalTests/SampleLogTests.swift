import Foundation
import TestSupport
import Testing
import Journal
import Notifications
import enum Notifications.Notification
import Session

/// `../shared/data` next to the repository.
private let dataDir = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data").path

private func sample(_ name: String) -> String { dataDir + "/" + name }
private func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: sample(name)) }

private struct Tally: Equatable {
    var orders = 0, reminders = 0, plain = 0, other = 0
    init(_ records: [LogRecord]) {
        for r in records {
            switch r.event {
            case .message(.newOrder): orders += 1
            case .message(.reminder): reminders += 1
            case .message(.plainText): plain += 1
            default: other += 1
            }
        }
    }
    init(orders: Int, reminders: Int, plain: Int, other: Int) {
        (self.orders, self.reminders, self.plain, self.other) = (orders, reminders, plain, other)
    }
}

@Suite("Sample logs in ../shared/data")
struct SampleLogTests {
    @Test(.enabled(if: exists("lunch-rush.jsonl"), "../shared/data/lunch-rush.jsonl is absent"))
    func lunchRush() throws {
        let entries = try LogReader.read(path: sample("lunch-rush.jsonl"))
        #expect(errors(entries) == [])
        let r = records(entries)
        #expect(r.count == 407)
        #expect(r.allSatisfy { $0.at != nil && $0.utcOffset == 28_800 })
        #expect(Tally(r) == Tally(orders: 80, reminders: 18, plain: 309, other: 0))
        #expect(r.first == LogRecord(at: at0, utcOffset: 28_800, content: .message(text: "这是来自服务端的消息:11:00:05")))
        #expect(r.last?.at == at0 + 25 * 60 + 40)
        // Recorded times never go backwards in this log.
        let times = r.compactMap(\.at)
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
        // Sub-second times are kept: 11:00:40.159.
        #expect(r[8].at.map { abs($0.timeIntervalSince(at0) - 35.159) < 1e-6 } == true)
    }

    @Test(.enabled(if: exists("script-bare.jsonl"), "../shared/data/script-bare.jsonl is absent"))
    func scriptBare() throws {
        let entries = try LogReader.read(path: sample("script-bare.jsonl"))
        #expect(errors(entries) == [])
        let r = records(entries)
        #expect(r.count == 13)
        #expect(r.allSatisfy { $0.at == nil })
        #expect(Tally(r) == Tally(orders: 12, reminders: 1, plain: 0, other: 0))
        #expect(r.first?.content == .message(text: #"{"type":1,"orderId":1319,"content":"订单号: 1795662006266"}"#))
        #expect(r.last?.event == .message(.reminder(
            OrderNotice(orderId: 1321, content: "订单号: 1795662075121"),
            text: #"{"type":2,"orderId":1321,"content":"订单号: 1795662075121"}"#)))
    }
}
