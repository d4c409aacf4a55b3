import Foundation
import Notifications
import Orders
import Redaction
import Session

/// Which full screen is shown.
public enum Screen: Sendable, Equatable {
    /// The live order list (with a small messages pane when there is room).
    case orders
    /// All kept raw server messages and errors.
    case messages
}

/// What is on top of the screen and receives keys.
public enum Mode: Sendable, Equatable {
    case normal
    case help
    /// The one-line composer with its current text.
    case compose(text: String)
    /// "Close the session? y/n"
    case confirmClose
    /// The reject/cancel reason picker (`x`, `X`).
    case pickReason(ReasonPicker)
    /// The composer for a typed reason (the picker's last entry, 自定义原因).
    case composeReason(ReasonPicker, text: String)
    /// "Close the shop? y/n" (or open it): the status it would set.
    case confirmShop(ShopStatus)
    /// Today's figures (营业额 …) over the list (`B`).
    case businessData
}

/// The reason picker of a reject (`x`) or cancel (`X`): which order, and the highlighted entry
/// (0-based; the last entry is 自定义原因, a typed reason).
public struct ReasonPicker: Sendable, Equatable {
    public var orderId: Int64
    public var kind: OrderAction.Kind
    public var choice: Int

    public init(orderId: Int64, kind: OrderAction.Kind, choice: Int = 0) {
        self.orderId = orderId
        self.kind = kind
        self.choice = choice
    }

    /// The preset reasons, then 自定义原因.
    public var entries: [String] { kind.presetReasons + [OrderReasons.custom] }
    public var isCustom: Bool { choice == entries.count - 1 }
}

/// Running totals shown in the header.
public struct Counters: Sendable, Equatable {
    /// Distinct orders ever seen (rows created), including rows later dropped by the cap.
    public var orders = 0
    /// Received messages by kind.
    public var decoded = DecodeCounters()
    /// Non-fatal session errors reported.
    public var sessionErrors = 0
    /// Orders the catch-up check found that the WebSocket never announced.
    public var found = 0
    /// Times the subscription was found deaf (and reconnected).
    public var deafSessions = 0
    public init() {}

    /// Type-1 notifications received.
    public var newOrders: Int { decoded.newOrders }
    /// Type-2 notifications (催单) received.
    public var reminders: Int { decoded.reminders }
    /// Messages that could not be decoded as notifications (wrong-shape JSON, broken JSON).
    public var undecodable: Int { decoded.undecodable }
    /// Every message received.
    public var messages: Int { decoded.total }
}

/// Bell rate limiting.
public struct BellState: Sendable, Equatable {
    /// Time (on the event clock) of the last ring.
    public var lastRing: Date?
    /// Rings owed because the rate limit was hit (0 = none). Never dropped, only merged.
    public var pending = 0
    public init() {}
}

/// Replay transport info, for `skydash replay` (the replay driver fills it in).
public struct ReplayInfo: Sendable, Equatable {
    public var speed: Double
    public var paused: Bool
    /// The recorded time of the last played record.
    public var recordedClock: Date?
    /// 0…1 when known.
    public var progress: Double?
    public var finished: Bool

    public init(speed: Double = 1, paused: Bool = false, recordedClock: Date? = nil,
                progress: Double? = nil, finished: Bool = false) {
        self.speed = speed
        self.paused = paused
        self.recordedClock = recordedClock
        self.progress = progress
        self.finished = finished
    }
}

/// The terminal's size as last reported.
public struct Viewport: Sendable, Equatable {
    public var cols: Int
    public var rows: Int
}

/// A value kept beside the state to save work (a cache): never part of what the state is, so
/// the state's synthesised `==` ignores it.
@propertyWrapper
public struct Uncompared<Value: Sendable>: Sendable, Equatable {
    public var wrappedValue: Value
    public init(wrappedValue: Value) { self.wrappedValue = wrappedValue }
    public static func == (_: Self, _: Self) -> Bool { true }
}

/// The whole dashboard state: one value, changed only by `update`. Its `==` is synthesised.
public struct State: Sendable, Equatable {
    // MARK: orders
    /// Rows by order id. Written only through `setRow`/`changeRow`, which keep the counts and
    /// times below in step (and by `acknowledgeAll`, which sets them itself).
    public private(set) var rows: [Int64: OrderRow] = [:]
    /// Display order: newest activity first.
    public private(set) var orderIds = OrderList()
    /// Keep at most this many rows; over it, the oldest acknowledged rows go. Unacknowledged rows
    /// are never dropped: while they alone fill the list, it holds more (`overCap` says how many).
    public var maxRetainedOrders: Int

    // MARK: alerts
    public var bell = BellState()
    public var bellMuted: Bool
    /// Minimum spacing between rings, in seconds of event time.
    public var bellInterval: TimeInterval = 1.0
    /// Start of the current flashing period (first unacknowledged reminder); nil when none.
    public internal(set) var alertSince: Date?
    /// Flash phase length in seconds.
    public var flashPeriod: TimeInterval = 0.5
    /// Re-ring and ageing of orders nobody has dealt with.
    public var alerts: AlertTimings {
        didSet { if alerts != oldValue { rebuildKept() } }
    }

    // MARK: connection
    public var status: ConnectionStatus = .connecting(attempt: 1)
    /// The endpoint, with credentials removed (see `URLRedaction`).
    public internal(set) var url: String

    // MARK: messages
    public internal(set) var messages: RingBuffer<MessageEntry>
    public var counters = Counters()
    /// The latest non-fatal problem (a journal that cannot be written, a bad log line): shown in
    /// the header until a newer one replaces it, so it cannot scroll away unseen.
    public internal(set) var lastProblem: String?

    // MARK: UI
    public var screen: Screen = .orders
    public var mode: Mode = .normal
    /// Index into `orderIds` of the selected row.
    public internal(set) var selection = 0
    /// A terminal reports what it shows (`Event.shown`). Without one (tests of `update` alone)
    /// keys act on the state as it is.
    public internal(set) var screenReports = false
    /// A new order moved under the selection at the top (it follows the newest) and the terminal
    /// has not shown that yet: the merchant has not seen it selected (see `UnseenSelection.swift`).
    public internal(set) var selectionMovedUnseen = false
    /// Index of the first visible row of the order list.
    public internal(set) var scroll = 0
    /// Messages screen scroll offset (0 = newest at the top).
    public internal(set) var messageScroll = 0
    /// Terminal size as last reported by a resize event.
    public internal(set) var viewport = Viewport(cols: 80, rows: 24)

    public var replay: ReplayInfo?
    /// The latest time seen on any timed event or tick (the event clock).
    public internal(set) var clock: Date?

    // MARK: admin API
    public var admin: AdminState
    /// The detail pane of the selected order is shown (key `o`).
    public var showDetails = false
    /// A one-line answer to the merchant's last key (an action not allowed, an outcome): shown on
    /// the bottom line until the next key.
    public internal(set) var notice: Notice?

    public init(url: String = "", bellMuted: Bool = false, maxRetainedOrders: Int = 1000,
                messagesCapacity: Int = 500, replay: ReplayInfo? = nil,
                admin: AdminAccess = .none(reason: "no admin API configured"), alerts: AlertTimings = AlertTimings()) {
        self.admin = AdminState(access: admin)
        self.alerts = alerts
        self.url = URLRedaction.redact(url)
        self.bellMuted = bellMuted
        self.maxRetainedOrders = max(1, maxRetainedOrders)
        self.messages = RingBuffer(capacity: messagesCapacity)
        self.replay = replay
        if replay != nil { status = .replaying }
    }

    // MARK: derived

    /// Rows in display order (newest first), read one by one as asked for (no copy of them all).
    public var listedRows: LazyMapCollection<OrderList, OrderRow> {
        let rows = self.rows
        return orderIds.lazy.map { rows[$0] ?? OrderRow(orderId: $0, firstSeen: Date(timeIntervalSince1970: 0)) }
    }

    public func row(at index: Int) -> OrderRow? {
        guard index >= 0, index < orderIds.count else { return nil }
        return rows[orderIds[index]]
    }

    public var selectedRow: OrderRow? { row(at: selection) }

    /// Rows not acknowledged: kept in step by every row written (`setRow`) (the header shows it on
    /// every frame; counting was a pass over all rows).
    public private(set) var unacknowledgedCount = 0
    /// Rows that flash (a reminder not acknowledged), kept like `unacknowledgedCount`.
    public private(set) var flashingCount = 0
    /// Rows whose order details are here (`order` set), kept like `unacknowledgedCount`.
    public private(set) var detailedCount = 0
    /// Rows awaiting the merchant by when they last rang (their re-ring is due `alerts.reRing`
    /// later), and by a time their look or age text cannot change before (see `ageChangeBound`,
    /// from the event clock when the row was written or the last tick passed the time). Caches.
    @Uncompared var ringTimes = TimeHeap()
    @Uncompared var ageBounds = TimeHeap()

    /// Rows kept over `maxRetainedOrders` because they are not acknowledged.
    public var overCap: Int { max(0, orderIds.count - maxRetainedOrders) }

    /// The newest flashing row and how many flash, for the banner (the count is kept; the newest is
    /// found from the top of the list). Nil when nothing flashes.
    public var reminderBanner: (newest: OrderRow, count: Int)? {
        guard alertSince != nil else { return nil }
        let count = flashingCount
        guard count > 0, let newest = listedRows.first(where: { $0.isFlashing }) else { return nil }
        return (newest, count)
    }

    /// Whether a reminder flashes: `alertSince` is kept in step (set when a reminder arrives,
    /// recomputed when rows are acknowledged), so this costs nothing per message, whatever the
    /// number of rows (a burst of 10,000 unacknowledged orders was O(rows) per message).
    public var hasActiveReminders: Bool { alertSince != nil }

    /// Flash phase at `now`: true = "on" (flash role). Starts on when the first reminder arrives
    /// and toggles every `flashPeriod`. False when nothing flashes.
    public func flashOn(at now: Date) -> Bool {
        guard let since = alertSince else { return false }
        let t = now.timeIntervalSince(since)
        if t < 0 { return true }
        return Int((t / flashPeriod).rounded(.down)) % 2 == 0
    }

    // MARK: mutation helpers (used by update)

    /// Adds or refreshes an order row and moves it to the top. Keeps the selected order selected.
    ///
    /// Selection rule: at the top of the list the selection stays at the top (it follows the
    /// newest activity); anywhere else it stays on the same order, so rows arriving above it
    /// never change what Enter acknowledges.
    mutating func touchOrder(_ id: Int64, at: Date, content: String?, reminder: Bool) {
        let selectedBefore = selectedRow?.orderId
        let selectedId = selection == 0 ? nil : selectedBefore
        var row: OrderRow
        if let existing = rows[id] {
            row = existing
            row.lastSeen = at
            row.lastRing = at
        } else {
            row = OrderRow(orderId: id, firstSeen: at)
            counters.orders += 1
        }
        if row.details == .none && admin.access.isLive {
            // Fetched once; the row and the bell do not wait for it.
            row.details = .fetching(attempt: 1)
            admin.detailsOwed.append(id)
        }
        if let content { row.content = TextCap.cap(content) }
        row.acknowledged = false
        if reminder {
            row.reminders += 1
            if row.flashingSince == nil { row.flashingSince = at }
        } else {
            row.sawNewOrder = true
        }
        setRow(id, row)
        orderIds.moveToTop(id)
        enforceCap()
        reselect(selectedId)
        if selectedRow?.orderId != selectedBefore { selectionMovedUnseen = true }
    }

    mutating func acknowledge(index: Int) {
        guard let id = (index >= 0 && index < orderIds.count) ? orderIds[index] : nil else { return }
        acknowledge(id: id)
    }

    mutating func acknowledge(id: Int64) {
        guard let row = rows[id] else { return }
        let selectedId = selectedRow?.orderId
        var acknowledged = row
        acknowledged.acknowledged = true
        acknowledged.flashingSince = nil
        setRow(id, acknowledged)
        refreshAlertSince(at: nil)
        enforceCap()
        reselect(selectedId)
    }

    mutating func acknowledgeAll() {
        let selectedId = selectedRow?.orderId
        // Every row at once, not through `setRow`: then none is unacknowledged, flashes or awaits
        // the merchant (the details count stays).
        for id in orderIds.oldestFirst {
            rows[id]?.acknowledged = true
            rows[id]?.flashingSince = nil
        }
        unacknowledgedCount = 0
        flashingCount = 0
        ringTimes.removeAll()
        ageBounds.removeAll()
        refreshAlertSince(at: nil)
        enforceCap()
        reselect(selectedId)
    }

    /// A reminder arrived: it flashes from `time` (no scan of the rows).
    mutating func noteReminder(at time: Date) {
        if alertSince == nil { alertSince = time }
    }

    /// Keeps `alertSince` in step with whether any reminder is flashing (the kept count).
    mutating func refreshAlertSince(at time: Date?) {
        if flashingCount > 0 {
            if alertSince == nil { alertSince = time ?? clock ?? Date(timeIntervalSince1970: 0) }
        } else {
            alertSince = nil
        }
    }

    /// Drops rows over the cap, oldest acknowledged first. Unacknowledged rows always stay: an
    /// order the merchant has not seen must not vanish (the header says how many are over).
    mutating func enforceCap() {
        var excess = orderIds.count - maxRetainedOrders
        // A burst of unacknowledged orders over the cap: nothing can go, and no pass over the rows
        // per message (10,000 unacknowledged orders made every message O(rows)). The kept count
        // says whether any row is acknowledged.
        guard excess > 0, rows.count > unacknowledgedCount else { return }
        var drop = Set<Int64>()
        for id in orderIds.oldestFirst {
            guard excess > 0 else { break }
            if let row = rows[id], row.acknowledged, !row.actionInFlight {
                drop.insert(id)
                excess -= 1
            }
        }
        for id in drop {
            orderIds.remove(id)
            setRow(id, nil)
            admin.detailsRetries[id] = nil
        }
    }

    // MARK: rows (the one place they are written)

    /// Writes one row (nil: drops it) and keeps the counts and times in step.
    mutating func setRow(_ id: Int64, _ row: OrderRow?) {
        if let old = rows[id] { count(old, by: -1) }
        rows[id] = row
        if let row { count(row, by: 1) }
        let waits = row?.awaitsMerchant == true
        ringTimes.set(id, waits ? row!.lastRing : nil)
        ageBounds.set(id, waits ? row!.ageChangeBound(from: keptFrom, alerts) : nil)
    }

    /// Changes one row in place, if it is here.
    mutating func changeRow(_ id: Int64, _ change: (inout OrderRow) -> Void) {
        guard var row = rows[id] else { return }
        change(&row)
        setRow(id, row)
    }

    /// Counts and indexes every row again (after new alert timings: every bound changes).
    mutating func rebuildKept() {
        unacknowledgedCount = 0
        flashingCount = 0
        detailedCount = 0
        ringTimes.removeAll()
        ageBounds.removeAll()
        let all = rows
        for (id, row) in all {
            count(row, by: 1)
            guard row.awaitsMerchant else { continue }
            ringTimes.set(id, row.lastRing)
            ageBounds.set(id, row.ageChangeBound(from: keptFrom, alerts))
        }
    }

    private mutating func count(_ row: OrderRow, by n: Int) {
        if !row.acknowledged { unacknowledgedCount += n }
        if row.isFlashing { flashingCount += n }
        if row.hasOrder { detailedCount += n }
    }

    mutating func reselect(_ id: Int64?) {
        if let id, let i = orderIds.firstIndex(of: id) { selection = i }
        clampSelection()
    }

    mutating func appendMessage(_ entry: MessageEntry) {
        messages.append(entry)
        if messageScroll > 0 { messageScroll = min(messageScroll + 1, max(0, messages.count - 1)) }
    }

    /// Confirms the oldest unconfirmed `sent` entry with this text; false if there was none.
    mutating func confirmSent(_ text: String) -> Bool {
        for i in messages.indices {
            let e = messages[i]
            if case .sent(false) = e.kind, e.text == text {
                messages[i].kind = .sent(confirmed: true)
                return true
            }
        }
        return false
    }

    /// Keeps selection in range and visible given the current viewport.
    mutating func clampSelection() {
        let count = orderIds.count
        selection = count == 0 ? 0 : min(max(0, selection), count - 1)
        let visible = max(1, Layout.compute(width: viewport.cols, height: viewport.rows, state: self).listRows.count)
        if selection < scroll { scroll = selection }
        if selection >= scroll + visible { scroll = selection - visible + 1 }
        scroll = max(0, min(scroll, max(0, count - visible)))
        messageScroll = max(0, min(messageScroll, max(0, messages.count - 1)))
    }

    mutating func setViewport(cols: Int, rows: Int) {
        viewport = Viewport(cols: max(0, cols), rows: max(0, rows))
        clampSelection()
    }

    mutating func setURL(_ raw: String) {
        url = URLRedaction.redact(raw)
    }

    mutating func say(_ text: String, isError: Bool = false) {
        notice = Notice(text: text, isError: isError)
    }

    mutating func observe(_ time: Date) {
        if let c = clock, c > time { return }
        clock = time
    }
}

/// The bottom line's answer to a key: what happened, or why nothing did.
public struct Notice: Sendable, Equatable {
    public var text: String
    public var isError: Bool
    public init(text: String, isError: Bool) {
        self.text = text
        self.isError = isError
    }
}
