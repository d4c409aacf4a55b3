import Foundation

/// What the stand-in backend pushes, as a deterministic schedule: the same seed and options give
/// the same messages at the same times, on every run and machine.
///
/// - New orders arrive at random (a Poisson process: exponential gaps at `ratePerMinute`), except
///   the first, which comes `firstOrderDelay` (1–2 s) after the start so a fresh demo shows
///   something at once. Ids count up from `firstOrderId` (1001, 1002, …); the content is
///   `订单号: <13-digit number>` like the backend's (its numbers are epoch milliseconds, here
///   `startMillis` plus the order's time).
/// - Reminders (type 2, 客户催单): with `reminderProbability` an order "left unaccepted" gets one
///   `reminderDelay` (20–60 s) after it, and each reminder is followed by another with
///   `repeatReminderProbability`, up to `maxRemindersPerOrder`. The server cannot see the
///   merchant acknowledging, so this is simply random. A reminder always refers to an earlier
///   order and repeats its content.
/// - The odd things real servers send, each with `oddProbability` per new order (3 % by default,
///   independently): the order's `orderId` written as a JSON string (`"orderId":"1004"`), an
///   emoji after the order number in its content, and an extra message of an unknown type
///   (`"type":3`, as a newer backend might add) about that order 5–15 s later.
///
/// Messages come out in time order; ties keep their creation order. With a rate of 0 there are
/// no random orders (the iterator ends), only what a caller pushes.
public struct DemoTraffic: Sequence, IteratorProtocol, Sendable {
    public struct Options: Sendable, Equatable {
        /// Mean new orders per minute; 0 turns random orders off.
        public var ratePerMinute: Double = 6
        public var firstOrderDelay: ClosedRange<Double> = 1...2
        public var firstOrderId: Int64 = 1001
        /// Base of the 13-digit order numbers (epoch ms; the server passes the time it starts).
        public var startMillis: Int64 = 1_764_126_000_000
        public var reminderProbability: Double = 0.35
        public var repeatReminderProbability: Double = 0.3
        public var maxRemindersPerOrder: Int = 3
        public var reminderDelay: ClosedRange<Double> = 20...60
        public var oddProbability: Double = 0.03
        public var unknownTypeDelay: ClosedRange<Double> = 5...15
        /// The `type` of the odd unknown-type message.
        public var unknownType: Int = 3

        public init(ratePerMinute: Double = 6) {
            self.ratePerMinute = ratePerMinute
        }
    }

    public let seed: UInt64
    public let options: Options
    private var rng: SplitMix64
    private var nextOrderAt: Double?
    private var nextId: Int64
    private var lastNumber: Int64
    /// Scheduled reminders and unknown-type messages, sorted by (at, sequence).
    private var pending: [Pending] = []
    private var sequence = 0

    private struct Pending: Sendable {
        var at: Double
        var sequence: Int
        var orderId: Int64
        var number: Int64
        var kind: DemoMessage.Kind
    }

    static let emoji = ["🍜", "🥟", "🛵", "🔥", "👨‍🍳", "🧋"]

    public init(seed: UInt64, options: Options = Options()) {
        self.seed = seed
        self.options = options
        self.rng = SplitMix64(seed: seed)
        self.nextId = options.firstOrderId
        self.lastNumber = options.startMillis - 1
        let rate = options.ratePerMinute
        if rate > 0, rate.isFinite {
            nextOrderAt = rng.uniform(options.firstOrderDelay)
        }
    }

    public init(seed: UInt64, ratePerMinute: Double) {
        self.init(seed: seed, options: Options(ratePerMinute: ratePerMinute))
    }

    /// The next message, in time order; nil when random orders are off and nothing is pending.
    public mutating func next() -> DemoMessage? {
        if let first = pending.first, nextOrderAt.map({ first.at <= $0 }) ?? true {
            pending.removeFirst()
            return follow(first)
        }
        guard let at = nextOrderAt else { return nil }
        nextOrderAt = at + exponentialGap()
        return newOrder(at: at)
    }

    /// All messages due up to `seconds` (inclusive), without changing this value.
    public func messages(through seconds: Double) -> [DemoMessage] {
        var copy = self
        var out: [DemoMessage] = []
        while let m = copy.next(), m.at <= seconds { out.append(m) }
        return out
    }

    /// An id for an order pushed by hand, from the same counter as the random orders (so the
    /// two never collide). It does not touch the random stream: the schedule's times stay the same.
    public mutating func allocateOrderId() -> Int64 {
        let id = nextId
        if nextId < .max { nextId += 1 }
        return id
    }

    /// Notes an id used by hand, so later random orders count on from above it.
    public mutating func reserveOrderId(_ id: Int64) {
        if id >= nextId { nextId = id == .max ? .max : id + 1 }
    }

    // MARK: - Private

    private mutating func exponentialGap() -> Double {
        let perSecond = options.ratePerMinute / 60
        // 1 - unit() is in (0, 1], so the log is finite.
        return -Foundation.log(1 - rng.unit()) / perSecond
    }

    private mutating func newOrder(at: Double) -> DemoMessage {
        let id = allocateOrderId()
        let number = Swift.max(lastNumber + 1, options.startMillis + Int64((at * 1000).rounded()))
        lastNumber = number
        // Always draw the same numbers per order, whatever the probabilities, so the schedule
        // of one seed stays recognisable when an option changes.
        let stringId = rng.unit() < options.oddProbability
        let emoji = rng.unit() < options.oddProbability
        let unknown = rng.unit() < options.oddProbability
        let emojiIndex = rng.index(Self.emoji.count)
        let reminded = rng.unit() < options.reminderProbability
        let reminderAt = at + rng.uniform(options.reminderDelay)
        let unknownAt = at + rng.uniform(options.unknownTypeDelay)

        if reminded, options.maxRemindersPerOrder > 0 {
            schedule(Pending(at: reminderAt, sequence: 0, orderId: id, number: number, kind: .reminder(1)))
        }
        if unknown {
            schedule(Pending(at: unknownAt, sequence: 0, orderId: id, number: number, kind: .unknownType))
        }

        var content = OrderJSON.content(number: number)
        var oddities: [DemoOddity] = []
        if emoji {
            content += " " + Self.emoji[emojiIndex]
            oddities.append(.emojiContent)
        }
        let idField: OrderIdField
        if stringId {
            idField = .string(String(id))
            oddities.append(.stringOrderId)
        } else {
            idField = .number(id)
        }
        return DemoMessage(at: at, orderId: id, number: number, kind: .newOrder, content: content,
                           text: OrderJSON.text(orderId: idField, type: OrderJSON.newOrder, content: content),
                           oddities: oddities)
    }

    private mutating func follow(_ p: Pending) -> DemoMessage {
        let content = OrderJSON.content(number: p.number)
        switch p.kind {
        case .reminder(let n):
            let again = rng.unit() < options.repeatReminderProbability
            let nextAt = p.at + rng.uniform(options.reminderDelay)
            if again, n < options.maxRemindersPerOrder {
                schedule(Pending(at: nextAt, sequence: 0, orderId: p.orderId, number: p.number, kind: .reminder(n + 1)))
            }
            return DemoMessage(at: p.at, orderId: p.orderId, number: p.number, kind: p.kind, content: content,
                               text: OrderJSON.text(orderId: p.orderId, type: OrderJSON.reminder, content: content),
                               oddities: [])
        case .unknownType, .newOrder:
            return DemoMessage(at: p.at, orderId: p.orderId, number: p.number, kind: .unknownType, content: content,
                               text: OrderJSON.text(orderId: p.orderId, type: options.unknownType, content: content),
                               oddities: [.unknownType])
        }
    }

    private mutating func schedule(_ p: Pending) {
        var p = p
        p.sequence = sequence
        sequence += 1
        let i = pending.firstIndex { ($0.at, $0.sequence) > (p.at, p.sequence) } ?? pending.endIndex
        pending.insert(p, at: i)
    }
}

/// One scheduled message of `DemoTraffic`.
public struct DemoMessage: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case newOrder
        /// The n-th reminder for the order (1, 2, …).
        case reminder(Int)
        /// A message of a type skydash does not know (an oddity).
        case unknownType
    }

    /// Seconds after the traffic started.
    public var at: Double
    public var orderId: Int64
    /// The order's 13-digit number (the one in `content`).
    public var number: Int64
    public var kind: Kind
    public var content: String
    /// The exact text sent: JSON with keys `orderId`, `type`, `content` in that order.
    public var text: String
    /// Which deliberate oddities this message carries; empty for an ordinary message.
    public var oddities: [DemoOddity]
}

/// The deliberate odd things in the traffic (see `DemoTraffic`).
public enum DemoOddity: String, Sendable, Equatable, CaseIterable {
    case stringOrderId
    case emojiContent
    case unknownType
}
