import DemoBackend
import Foundation
import Testing

@Suite struct DemoTrafficTests {
    @Test func splitMix64KnownOutputs() {
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(rng.next() == 0x06C4_5D18_8009_454F)
        var r = SplitMix64(seed: 7)
        for _ in 0..<1000 {
            let u = r.unit()
            #expect(u >= 0 && u < 1)
        }
    }

    @Test func sameSeedSameScheduleOtherSeedDifferent() {
        let a = DemoTraffic(seed: 42).messages(through: 3600)
        let b = DemoTraffic(seed: 42).messages(through: 3600)
        let c = DemoTraffic(seed: 43).messages(through: 3600)
        #expect(a.count > 100)
        #expect(a == b)
        #expect(a.map(\.at) != c.map(\.at))
        #expect(a.map(\.text) != c.map(\.text))
    }

    @Test func firstOrderComesWithinOneToTwoSeconds() {
        for seed in UInt64(0)..<200 {
            var t = DemoTraffic(seed: seed)
            guard let first = t.next() else { Issue.record("no message for seed \(seed)"); return }
            #expect(first.kind == .newOrder)
            #expect(first.orderId == 1001)
            #expect((1...2).contains(first.at), "seed \(seed): first order at \(first.at)")
        }
    }

    @Test func textIsExactJSONWithBackendKeyOrder() throws {
        var options = DemoTraffic.Options()
        options.oddProbability = 0
        options.startMillis = 1_764_126_000_000
        var t = DemoTraffic(seed: 1, options: options)
        let next = t.next()
        let first = try #require(next)
        #expect(first.content == "订单号: \(1_764_126_000_000 + Int64((first.at * 1000).rounded()))")
        #expect(first.text == #"{"orderId":1001,"type":1,"content":"\#(first.content)"}"#)

        let pattern = try NSRegularExpression(pattern: #"^\{"orderId":(\d+|"\d+"),"type":(\d),"content":"订单号: \d{13}( \S+)?"\}$"#)
        for m in DemoTraffic(seed: 9).messages(through: 7200) {
            let range = NSRange(m.text.startIndex..., in: m.text)
            #expect(pattern.firstMatch(in: m.text, range: range) != nil, "\(m.text)")
            let object = try #require(JSONSerialization.jsonObject(with: Data(m.text.utf8)) as? [String: Any])
            #expect(object["content"] as? String == m.content)
            #expect(Set(object.keys) == ["orderId", "type", "content"])
        }
    }

    @Test func ordersCountUpAndRemindersReferToEarlierOrders() {
        let messages = DemoTraffic(seed: 5).messages(through: 4 * 3600)
        var orders: [Int64: DemoMessage] = [:]
        var expectedId: Int64 = 1001
        var last = 0.0
        var reminders = 0
        var repeats = 0
        for m in messages {
            #expect(m.at >= last, "time order")
            last = m.at
            switch m.kind {
            case .newOrder:
                #expect(m.orderId == expectedId)
                expectedId += 1
                orders[m.orderId] = m
            case .reminder(let n):
                reminders += 1
                if n > 1 { repeats += 1 }
                #expect((1...3).contains(n))
                guard let order = orders[m.orderId] else { Issue.record("reminder for unknown order \(m.orderId)"); continue }
                #expect(m.at - order.at >= 20 * Double(n) - 1e-9)
                #expect(m.text == #"{"orderId":\#(m.orderId),"type":2,"content":"\#(m.content)"}"#)
                #expect(order.content.hasPrefix(m.content), "the reminder repeats the order's number")
            case .unknownType:
                #expect(orders[m.orderId] != nil)
            }
        }
        // 6 per minute for 4 hours: about 1440 orders, about 35 % of them reminded.
        #expect((1250...1650).contains(orders.count), "\(orders.count) orders")
        #expect(reminders > orders.count / 5 && reminders < orders.count * 3 / 5, "\(reminders) reminders")
        #expect(repeats > 0)
    }

    @Test func rateChangesTheNumberOfOrders() {
        let slow = DemoTraffic(seed: 3, ratePerMinute: 2).messages(through: 3600).filter { $0.kind == .newOrder }.count
        let fast = DemoTraffic(seed: 3, ratePerMinute: 30).messages(through: 3600).filter { $0.kind == .newOrder }.count
        #expect((90...150).contains(slow), "\(slow)")
        #expect((1600...2000).contains(fast), "\(fast)")
    }

    @Test func odditiesAppearRarelyAndCanBeTurnedOff() {
        let messages = DemoTraffic(seed: 11).messages(through: 6 * 3600)
        let orders = messages.filter { $0.kind == .newOrder }
        for kind in DemoOddity.allCases {
            let n = messages.filter { $0.oddities.contains(kind) }.count
            #expect(n > 0, "\(kind)")
            #expect(n < orders.count / 10, "\(kind)")
        }
        for m in messages where m.oddities.contains(.stringOrderId) {
            #expect(m.text.hasPrefix(#"{"orderId":"\#(m.orderId)","type":1,"#), "\(m.text)")
        }
        for m in messages where m.oddities.contains(.unknownType) {
            #expect(m.kind == .unknownType)
            #expect(m.text.contains(#","type":3,"#), "\(m.text)")
        }
        for m in messages where m.oddities.contains(.emojiContent) {
            #expect(m.content.unicodeScalars.contains { $0.properties.isEmojiPresentation }, "\(m.content)")
        }

        var options = DemoTraffic.Options()
        options.oddProbability = 0
        let plain = DemoTraffic(seed: 11, options: options).messages(through: 6 * 3600)
        #expect(plain.allSatisfy { $0.oddities.isEmpty })
        #expect(plain.filter { $0.kind == .newOrder }.map(\.at) == orders.map(\.at), "same draws, same times")
    }

    @Test func rateZeroSendsNothing() {
        var t = DemoTraffic(seed: 1, ratePerMinute: 0)
        #expect(t.next() == nil)
    }

    @Test func handPushedIdsShareTheCounterWithoutChangingTimes() {
        var a = DemoTraffic(seed: 8)
        var b = DemoTraffic(seed: 8)
        #expect(b.allocateOrderId() == 1001)
        b.reserveOrderId(1500)
        b.reserveOrderId(1200)  // below the counter: no effect
        let ma = (0..<5).compactMap { _ in a.next() }
        let mb = (0..<5).compactMap { _ in b.next() }
        #expect(ma.map(\.at) == mb.map(\.at))
        #expect(ma.first?.orderId == 1001)
        #expect(mb.first?.orderId == 1501)
    }

    @Test func orderJSONEscapesLikeTheBackend() {
        #expect(OrderJSON.text(orderId: 7, type: 2, content: "a\"b\\c\nd\u{1}é🍜")
                == #"{"orderId":7,"type":2,"content":"a\"b\\c\nd\u0001é🍜"}"#)
        #expect(OrderJSON.text(orderId: .string("7"), type: 1, content: "") == #"{"orderId":"7","type":1,"content":""}"#)
        #expect(OrderJSON.text(orderId: Int64.max, type: 1, content: "x") == #"{"orderId":9223372036854775807,"type":1,"content":"x"}"#)
    }
}
