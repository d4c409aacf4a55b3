import Foundation
import Notifications
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// The stand-in backend for `skydash demo` and `skydash serve`: a WebSocket server on 127.0.0.1
/// that behaves like the real one (`@ServerEndpoint("/ws/{sid}")`), pushing `DemoTraffic` orders
/// and reminders and the 5 s ticker to every session. The same port serves the backend's admin REST
/// API under `/admin` (`AdminRoutes`): login `admin` / `123456`, HS256 tokens, the orders the
/// traffic and `pushOrder` announce, with the real service's status rules.
///
/// Like the backend: one session per sid in a map (a new connection with the same sid replaces
/// the old one in the map; the old one stays open but gets no more broadcasts), the sid removed
/// when a session with it closes (see `removesSidOnAnyClose`), client text only logged (here:
/// reported as `.received`), no pings of its own, text over 8 KiB refused with 1009. Unlike it:
/// loopback only, and the random traffic's clock starts when the first session opens, so the
/// first order arrives 1–2 s after a fresh dashboard connects.
///
/// Thread-safe: every method may be called from any thread. All state, all connections and
/// `onEvent` live on one event loop of `group`; `onEvent` is called there, in order, and must not
/// block.
public final class DemoServer: Sendable {
    public let configuration: DemoConfiguration
    private let loop: any EventLoop
    private let onEvent: @Sendable (DemoServerEvent) -> Void
    private let state: NIOLoopBoundBox<ServerState>
    /// The admin API's tokens: a random secret per server (immutable, so usable from any thread).
    private let tokens: AdminTokens

    /// The admin API's demo account.
    public static let login = (username: "admin", password: "123456")

    /// The admin API's base URL on a server listening on `port`: `http://127.0.0.1:PORT/admin`.
    public static func apiBase(port: Int) -> String {
        "http://127.0.0.1:" + String(port) + "/admin"
    }

    public init(configuration: DemoConfiguration, group: any EventLoopGroup,
                onEvent: @escaping @Sendable (DemoServerEvent) -> Void = { _ in }) {
        self.configuration = configuration
        self.loop = group.next()
        self.onEvent = onEvent
        var options = configuration.traffic
        options.startMillis = Self.nowMillis()
        let tokens = AdminTokens(lifetime: configuration.tokenTTL)
        self.tokens = tokens
        let time = BackendTime(timeZone: configuration.timeZone)
        self.state = NIOLoopBoundBox.makeBoxSendingValue(
            ServerState(traffic: DemoTraffic(seed: configuration.seed, options: options),
                        admin: AdminBackend(tokens: tokens, time: time),
                        orderMaker: DemoOrderMaker(seed: configuration.seed, time: time)),
            eventLoop: loop)
    }

    // MARK: - Life cycle

    /// Binds 127.0.0.1:`configuration.port` and starts the ticker; returns the bound port.
    public func start() async throws -> Int {
        try await startFuture().get()
    }

    public func startFuture() -> EventLoopFuture<Int> {
        loop.flatSubmit { [self] in
            let s = state.value
            guard case .idle = s.phase else {
                return loop.makeFailedFuture(s.phase == .stopped ? DemoServerError.stopped : DemoServerError.alreadyStarted)
            }
            guard let bootstrap = ServerBootstrap(validatingGroup: loop) else {
                s.phase = .stopped
                return loop.makeFailedFuture(DemoServerError.unsupportedEventLoopGroup)
            }
            s.phase = .starting
            let started = bootstrap
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .serverChannelOption(.backlog, value: 64)
                .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { [self] channel in
                    channel.eventLoop.makeCompletedFuture { try self.configureChild(channel) }
                }
                .bind(host: "127.0.0.1", port: configuration.port)
                .hop(to: loop)
                .flatMapThrowing { [self] channel -> Int in
                    let s = state.value
                    s.serverChannel = channel
                    s.phase = .running
                    if configuration.ticker { scheduleTick() }
                    return channel.localAddress?.port ?? configuration.port
                }
                .flatMapErrorThrowing { [self] error in
                    state.value.phase = .stopped
                    throw error
                }
            s.starting = started
            return started
        }
    }

    /// Closes the listening socket (releasing the port), stops the traffic and the ticker, and
    /// closes every session with 1001 (dropping TCP after `closeTimeout` if a client does not
    /// answer). Completes when everything is closed. A stopped server cannot be started again.
    public func stop() async {
        try? await stopFuture().get()
    }

    public func stopFuture() -> EventLoopFuture<Void> {
        loop.flatSubmit { [self] in
            let s = state.value
            switch s.phase {
            case .idle:
                s.phase = .stopped
                return loop.makeSucceededVoidFuture()
            case .starting:
                let again: @Sendable () -> EventLoopFuture<Void> = { [self] in stopFuture() }
                return (s.starting ?? loop.makeSucceededFuture(0)).flatMap { _ in again() }.flatMapError { _ in again() }
            case .stopping:
                return s.stopped?.futureResult ?? loop.makeSucceededVoidFuture()
            case .stopped:
                return s.stopped?.futureResult ?? loop.makeSucceededVoidFuture()
            case .running:
                break
            }
            s.phase = .stopping
            let done = loop.makePromise(of: Void.self)
            s.stopped = done
            s.tickTask?.cancel()
            s.tickTask = nil
            s.trafficTask?.cancel()
            s.trafficTask = nil
            var closing: [EventLoopFuture<Void>] = []
            if let server = s.serverChannel {
                closing.append(server.close().recover { _ in })
            }
            for (_, child) in s.children {
                closing.append(child.closeFuture)
                if let handler = s.connections[ObjectIdentifier(child)] {
                    handler.close(code: 1001, reason: "server shutting down")
                } else {
                    child.close(promise: nil)
                }
            }
            EventLoopFuture.andAllComplete(closing, on: loop).whenComplete { [self] _ in
                state.value.phase = .stopped
                done.succeed()
            }
            return done.futureResult
        }
    }

    // MARK: - Admin API

    /// A token for the demo account (`admin`), valid for `configuration.tokenTTL` seconds from
    /// now, as a login would answer: for `skydash demo`, which logs in by itself. Never print it.
    public func issueToken() -> String {
        tokens.issue(employeeId: 1, at: Date())
    }

    /// Answers one admin API request, as the HTTP side does (no socket needed). Reported as `.api`.
    public func admin(_ request: AdminRequest) -> EventLoopFuture<AdminResponse> {
        loop.submit { [self] in
            let response = state.value.admin.handle(request, at: Date())
            emit(.api(method: request.method, target: request.target, status: response.status, refusal: Self.refusal(in: response)))
            return response
        }
    }

    /// The `msg` of a refusal envelope (`{"code":0,"msg":…}`), for the log.
    private static func refusal(in response: AdminResponse) -> String? {
        guard response.status == 200, response.body.hasPrefix(#"{"code":0,"#),
              case .string(let message)? = try? JSONParser.parse(response.body)["msg"] else { return nil }
        return message
    }

    // MARK: - Pushing

    /// Broadcasts `text` verbatim to every session in the map now.
    @discardableResult
    public func push(text: String) -> EventLoopFuture<DemoPush> {
        loop.submit { [self] in
            DemoPush(text: text, sessions: broadcast(text, source: .command))
        }
    }

    /// Stores a new paid order (待接单, drawn from the demo menu) and broadcasts its notification, as
    /// the backend does after a payment. `id` nil: the next id of the traffic's counter. `content`
    /// nil: `订单号: <13-digit number>` (the stored order's number either way).
    @discardableResult
    public func pushOrder(id: Int64? = nil, content: String? = nil) -> EventLoopFuture<DemoPush> {
        loop.submit { [self] in
            let s = state.value
            let orderId: Int64
            if let id {
                orderId = id
                s.traffic.reserveOrderId(id)
            } else {
                orderId = s.traffic.allocateOrderId()
            }
            let number = s.nextNumber(Self.nowMillis())
            let text = content ?? OrderJSON.content(number: number)
            s.admin.store.add(s.orderMaker.order(id: orderId, number: number, paidAt: Date()))
            s.remember(orderId, content: text)
            let json = OrderJSON.text(orderId: orderId, type: OrderJSON.newOrder, content: text)
            return DemoPush(text: json, sessions: broadcast(json, source: .command))
        }
    }

    /// Broadcasts a customer reminder (催单) for order `id`, with the content its order had (or a
    /// fresh order number for an order this server never sent).
    @discardableResult
    public func pushReminder(id: Int64) -> EventLoopFuture<DemoPush> {
        loop.submit { [self] in
            let s = state.value
            let content = s.contents[id] ?? OrderJSON.content(number: s.nextNumber(Self.nowMillis()))
            s.remember(id, content: content)
            let json = OrderJSON.text(orderId: id, type: OrderJSON.reminder, content: content)
            return DemoPush(text: json, sessions: broadcast(json, source: .command))
        }
    }

    /// Drops the TCP connection of every session (also replaced ones) at once, without a close
    /// frame, so clients see an abnormal close (1006) and reconnect. Returns how many.
    @discardableResult
    public func dropAll() -> EventLoopFuture<Int> {
        loop.submit { [self] in
            let handlers = Array(state.value.connections.values)
            for handler in handlers { handler.drop() }
            return handlers.count
        }
    }

    /// The sids in the session map (those that get broadcasts), sorted.
    public func sessionIds() -> EventLoopFuture<[String]> {
        loop.submit { [self] in state.value.sessions.keys.sorted() }
    }

    // MARK: - On the loop

    private func configureChild(_ channel: any Channel) throws {
        let s = state.value
        guard s.phase == .running || s.phase == .starting else {
            channel.close(promise: nil)
            return
        }
        let key = ObjectIdentifier(channel)
        s.children[key] = channel
        channel.closeFuture.hop(to: loop).whenComplete { [self] _ in
            state.value.children[key] = nil
        }

        let config = configuration
        let upgrader = NIOWebSocketServerUpgrader(
            maxFrameSize: max(config.maxIncomingMessage, 1 << 20),
            automaticErrorHandling: false,
            shouldUpgrade: { channel, head in
                channel.eventLoop.makeSucceededFuture(EndpointPath.sid(fromTarget: head.uri) == nil ? nil : HTTPHeaders())
            },
            upgradePipelineHandler: { [self] channel, head in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    sync.removeHandler(name: HTTPFallbackHandler.name, promise: nil)
                    sync.removeHandler(name: AdminHTTPHandler.name, promise: nil)
                    guard let sid = EndpointPath.sid(fromTarget: head.uri) else { throw DemoServerError.notRunning }
                    try sync.addHandler(makeSessionHandler(sid: sid))
                }
            })
        let sync = channel.pipeline.syncOperations
        try sync.configureHTTPServerPipeline(withServerUpgrade: (upgraders: [upgrader], completionHandler: { _ in }))
        try sync.addHandler(AdminHTTPHandler(answer: { [self] request in admin(request) }), name: AdminHTTPHandler.name)
        try sync.addHandler(HTTPFallbackHandler(report: { [self] event in emit(event) }), name: HTTPFallbackHandler.name)
    }

    private func makeSessionHandler(sid: String) -> WebSocketSessionHandler {
        let s = state.value
        s.nextConnectionId += 1
        return WebSocketSessionHandler(
            sid: sid, connectionId: s.nextConnectionId, configuration: configuration,
            callbacks: .init(
                opened: { [self] handler in sessionOpened(handler) },
                received: { [self] handler, text in emit(.received(sid: handler.sid, text: text)) },
                closed: { [self] handler, code, reason in sessionClosed(handler, code: code, reason: reason) }))
    }

    private func sessionOpened(_ handler: WebSocketSessionHandler) {
        let s = state.value
        let replaced = s.sessions[handler.sid] != nil
        s.sessions[handler.sid] = handler
        if let channel = handler.channelForRegistry {
            s.connections[ObjectIdentifier(channel)] = handler
        }
        emit(.connected(sid: handler.sid, replaced: replaced))
        if s.phase == .stopping {
            handler.close(code: 1001, reason: "server shutting down")
        } else {
            startTrafficIfNeeded()
        }
    }

    private func sessionClosed(_ handler: WebSocketSessionHandler, code: UInt16, reason: String) {
        let s = state.value
        if let channel = handler.channelForRegistry {
            s.connections[ObjectIdentifier(channel)] = nil
        }
        if configuration.removesSidOnAnyClose || s.sessions[handler.sid] === handler {
            s.sessions[handler.sid] = nil
        }
        emit(.closed(sid: handler.sid, code: code, reason: reason))
    }

    /// Sends `text` to every session in the map, like `sendToAllClient`; returns how many.
    private func broadcast(_ text: String, source: DemoPushSource) -> Int {
        let s = state.value
        var count = 0
        for sid in s.sessions.keys.sorted() {
            if s.sessions[sid]?.send(text: text) == true { count += 1 }
        }
        emit(.pushed(text: text, sessions: count, source: source))
        return count
    }

    private func emit(_ event: DemoServerEvent) {
        onEvent(event)
    }

    private func scheduleTick() {
        let interval = configuration.tickerInterval
        guard interval > 0, interval.isFinite else { return }
        let now = Date()
        let tick = Ticker.nextTick(after: now, interval: interval)
        let delay = TimeAmount.nanoseconds(Int64(max(tick.timeIntervalSince(now), 0) * 1e9))
        let s = state.value
        s.tickTask = loop.scheduleTask(in: delay) { [self] in
            guard state.value.phase == .running else { return }
            _ = broadcast(Ticker.text(at: tick, timeZone: configuration.timeZone), source: .ticker)
            scheduleTick()
        }
    }

    private func startTrafficIfNeeded() {
        let s = state.value
        guard !s.trafficStarted, s.phase == .running else { return }
        s.trafficStarted = true
        s.trafficStart = .now()
        scheduleTraffic()
    }

    private func scheduleTraffic() {
        let s = state.value
        guard s.phase == .running, let message = s.traffic.next() else { return }
        let speed = configuration.speed > 0 && configuration.speed.isFinite ? configuration.speed : 1
        let due = s.trafficStart + .nanoseconds(Int64(message.at / speed * 1e9))
        s.trafficTask = loop.scheduleTask(deadline: due) { [self] in
            let s = state.value
            guard s.phase == .running else { return }
            switch message.kind {
            case .newOrder:
                s.admin.store.add(s.orderMaker.order(id: message.orderId, number: message.number, paidAt: Date()))
                s.remember(message.orderId, content: message.content)
                _ = broadcast(message.text, source: .traffic)
            case .reminder:
                // Customers remind only orders not yet out for delivery, done or cancelled.
                if s.admin.store.wouldRemind(message.orderId) { _ = broadcast(message.text, source: .traffic) }
            case .unknownType:
                _ = broadcast(message.text, source: .traffic)
            }
            scheduleTraffic()
        }
    }

    static func nowMillis() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}

/// The server's mutable state; touched only on its event loop.
final class ServerState {
    enum Phase { case idle, starting, running, stopping, stopped }
    var phase = Phase.idle
    var starting: EventLoopFuture<Int>?
    var stopped: EventLoopPromise<Void>?
    var serverChannel: (any Channel)?
    /// Every accepted TCP connection, upgraded or not.
    var children: [ObjectIdentifier: any Channel] = [:]
    /// Every open WebSocket session, by its channel, including replaced ones.
    var connections: [ObjectIdentifier: WebSocketSessionHandler] = [:]
    /// The backend's `sessionMap`: who gets broadcasts.
    var sessions: [String: WebSocketSessionHandler] = [:]
    var nextConnectionId = 0
    var traffic: DemoTraffic
    /// The admin API: orders, shop state, tokens.
    var admin: AdminBackend
    let orderMaker: DemoOrderMaker
    var trafficStarted = false
    var trafficStart = NIODeadline.now()
    var trafficTask: Scheduled<Void>?
    var tickTask: Scheduled<Void>?
    /// Content of the orders sent, by id, for reminders (bounded).
    var contents: [Int64: String] = [:]
    private var contentOrder: [Int64] = []
    private var lastNumber: Int64 = 0

    init(traffic: DemoTraffic, admin: AdminBackend, orderMaker: DemoOrderMaker) {
        self.traffic = traffic
        self.admin = admin
        self.orderMaker = orderMaker
    }

    /// A fresh 13-digit order number: now in epoch ms, strictly increasing.
    func nextNumber(_ nowMillis: Int64) -> Int64 {
        lastNumber = max(lastNumber + 1, nowMillis)
        return lastNumber
    }

    func remember(_ id: Int64, content: String) {
        if contents.updateValue(content, forKey: id) == nil {
            contentOrder.append(id)
            if contentOrder.count > 10_000 {
                contents[contentOrder.removeFirst()] = nil
            }
        }
    }
}
