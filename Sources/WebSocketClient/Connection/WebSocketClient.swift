import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Redaction

/// A WebSocket client that stays connected: it connects, reports events, keeps the connection
/// alive with pings, and reconnects with backoff until the merchant closes it or a fatal error.
///
/// Thread-safe: every method may be called from any thread; the work happens on one event loop,
/// and `onEvent` (or `onEvents`) is called on that loop, in order. It must not block.
public final class WebSocketClient: Sendable {
    public let configuration: ClientConfiguration
    private let loop: any EventLoop
    private let tls: NIOSSLContext?
    private let state: NIOLoopBoundBox<ClientState>
    /// The owner's callback; every event but a received message goes through `onEvent`, redacted.
    private let report: @Sendable ([ClientEvent]) -> Void
    private let finished: EventLoopPromise<Void>
    private let logger: Logger

    /// Fails when the configuration cannot work at all (an unreadable `--ca-file`).
    public convenience init(configuration: ClientConfiguration, eventLoop: any EventLoop, logger: Logger = Logger(label: "skydash.ws"),
                            onEvent: @escaping @Sendable (ClientEvent) -> Void) throws {
        try self.init(configuration: configuration, eventLoop: eventLoop, logger: logger) { events in
            for event in events { onEvent(event) }
        }
    }

    /// As `init(configuration:eventLoop:logger:onEvent:)`, with the events reported in groups:
    /// the messages of one socket read come in one call (other events one per call), in order.
    public init(configuration: ClientConfiguration, eventLoop: any EventLoop, logger: Logger = Logger(label: "skydash.ws"),
                onEvents: @escaping @Sendable ([ClientEvent]) -> Void) throws {
        self.configuration = configuration
        self.loop = eventLoop
        self.report = onEvents
        self.logger = logger
        if configuration.url.secure {
            let tlsConfig = try TLSTrust.clientConfiguration(caFile: configuration.caFile)
            do {
                self.tls = try NIOSSLContext(configuration: tlsConfig)
            } catch {
                throw ConfigurationError("cannot set up TLS: \(error)")
            }
        } else {
            self.tls = nil
        }
        // Made only once nothing can throw: a promise dropped unfulfilled traps in debug builds.
        self.finished = eventLoop.makePromise()
        self.state = NIOLoopBoundBox.makeBoxSendingValue(
            ClientState(policy: ReconnectPolicy(backoff: configuration.backoff, healthyAfter: configuration.healthyAfter,
                                                reconnects: configuration.reconnects)),
            eventLoop: eventLoop)
    }

    /// Succeeds when the client has stopped for good: after the merchant's close, or a fatal error.
    public var stopped: EventLoopFuture<Void> { finished.futureResult }

    /// Starts connecting. Calling it again has no effect.
    public func start() {
        loop.execute { [self] in feed(.start) }
    }

    /// Sends a text message. Fails with `SendError.notConnected` unless a connection is open.
    public func send(text: String) -> EventLoopFuture<Void> {
        send(.text, Array(text.utf8), sentText: text)
    }

    public func send(binary: [UInt8]) -> EventLoopFuture<Void> {
        send(.binary, binary, sentText: nil)
    }

    private func send(_ opcode: Opcode, _ payload: [UInt8], sentText: String?) -> EventLoopFuture<Void> {
        loop.submit { [self] in
            guard case .open = state.value.supervisor.phase, let handler = state.value.handler, handler.send(opcode, payload) else {
                throw SendError.notConnected
            }
            if let sentText { onEvent(.sent(sentText)) }
        }
    }

    /// The merchant's close: sends a close frame with `code`, waits up to `closeTimeout` for the
    /// server's answer, and stops reconnecting. While no connection is open, it stops at once.
    public func close(code: UInt16 = CloseCodes.normal, reason: String = "") {
        loop.execute { [self] in feed(.close(code: code, reason: reason)) }
    }

    /// Drops the current connection (if any) and connects again at once, with a fresh backoff.
    /// After the merchant's close this starts the client again.
    public func reconnectNow() {
        loop.execute { [self] in feed(.reconnectNow) }
    }

    /// The supervisor's phase, for tests and diagnostics.
    public var phase: EventLoopFuture<SupervisorPhase> {
        loop.submit { [self] in state.value.supervisor.phase }
    }

    // MARK: - on the loop

    /// Feeds the supervisor and carries out its actions. An input that arrives while actions are
    /// being carried out (a channel closing synchronously) waits its turn, so transitions never nest.
    private func feed(_ input: SupervisorInput) {
        let s = state.value
        s.inputs.append(input)
        guard !s.feeding else { return }
        s.feeding = true
        defer { s.feeding = false }
        while !s.inputs.isEmpty {
            let next = s.inputs.removeFirst()
            for action in s.supervisor.handle(next) { perform(action) }
        }
    }

    private func perform(_ action: SupervisorAction) {
        let s = state.value
        switch action {
        case .startAttempt(let number):
            beginAttempt(number: number)
        case .closeConnection(let code, let reason):
            s.handler?.close(code: code, reason: reason)
        case .abortAttempt:
            if let channel = s.channel {
                channel.close(promise: nil)
            } else {
                s.attempt?.connectFailed(ConfigurationError("connection attempt abandoned"))
            }
        case .scheduleRetry(let after):
            s.retryTask = loop.scheduleTask(in: .fromSeconds(after)) { [self] in
                state.value.retryTask = nil
                feed(.retryDue)
            }
        case .cancelRetry:
            s.retryTask?.cancel()
            s.retryTask = nil
        case .emit(let event):
            onEvent(event)
        case .finish:
            logger.debug("client stopped")
            finished.succeed()
        }
    }

    private func beginAttempt(number: Int) {
        let s = state.value
        let clientId = configuration.clientId.clientId(using: &s.rng)
        let url = configuration.url.resolved(clientId: clientId)
        let key = Handshake.makeKey(using: &s.rng)
        let attempt = AttemptContext(
            number: number, key: key, url: url, subprotocols: Handshake.requestedSubprotocols(in: configuration.headers),
            onOpen: { [self] attempt, handler in self.attemptOpened(attempt, handler) },
            onEnd: { [self] attempt, outcome in self.attemptEnded(attempt, outcome) })
        s.attempt = attempt
        s.channel = nil
        onEvent(.connecting(attempt: number, url: url.description))

        let headers = Handshake.requestHeaders(url: url, key: key, origin: configuration.origin, extraHeaders: configuration.headers)
        var initial = HTTPHeaders()
        var upgraderHeaders: [(String, String)] = []
        for (name, value) in headers {
            switch name.lowercased() {
            case "host": initial.add(name: name, value: value)
            case "upgrade", "connection": break   // NIO's upgrade handler writes these
            default: upgraderHeaders.append((name, value))
            }
        }
        let boundAttempt = NIOLoopBound(attempt, eventLoop: loop)
        let tls = self.tls
        let config = configuration
        let requestHeaders = initial
        let extra = upgraderHeaders
        let target = url.target
        let sniHost: String? = url.isIPLiteral ? nil : url.host
        let onMessages = NIOLoopBound({ [self] (m: [InboundMessage]) in self.deliver(m) }, eventLoop: loop)

        let timeout = TimeAmount.fromSeconds(configuration.connectTimeout)
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(timeout)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                do {
                    let attempt = boundAttempt.value
                    let sync = channel.pipeline.syncOperations
                    if let tls {
                        try sync.addHandler(NIOSSLClientHandler(context: tls, serverHostname: sniHost))
                        if let sniHost { try sync.addHandler(HostIdentityHandler(host: sniHost)) }
                    }
                    let upgrader = WebSocketUpgrader(extraHeaders: extra, attempt: attempt) {
                        WebSocketConnectionHandler(attempt: attempt, settings: config.connectionSettings, onMessages: onMessages.value)
                    }
                    try sync.addHTTPClientHandlers(
                        leftOverBytesStrategy: .forwardBytes,
                        withClientUpgrade: (upgraders: [upgrader], completionHandler: { _ in }))
                    try sync.addHandler(HandshakeHandler(target: target, headers: requestHeaders, attempt: attempt))
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
        let deadline = loop.scheduleTask(in: timeout) {
            let attempt = boundAttempt.value
            attempt.timedOut(after: config.connectTimeout)
        }
        s.connectDeadline = deadline
        bootstrap.connect(host: url.host, port: url.port).hop(to: loop).whenComplete { [self] result in
            let attempt = boundAttempt.value
            switch result {
            case .success(let channel):
                if attempt.ended || (state.value.attempt !== attempt) {
                    channel.close(promise: nil)
                    return
                }
                state.value.channel = channel
                channel.closeFuture.hop(to: loop).whenComplete { _ in boundAttempt.value.channelClosed() }
            case .failure(let error):
                attempt.connectFailed(error)
            }
        }
    }

    private func attemptOpened(_ attempt: AttemptContext, _ handler: WebSocketConnectionHandler) {
        let s = state.value
        guard s.attempt === attempt else { return }
        s.connectDeadline?.cancel()
        s.connectDeadline = nil
        s.handler = handler
        feed(.opened(url: attempt.url.description, at: Self.now()))
    }

    private func deliver(_ messages: [InboundMessage]) {
        var events: [ClientEvent] = []
        events.reserveCapacity(messages.count)
        for message in messages {
            switch message {
            case .text(let t): events.append(.text(t))
            case .binary(let b): events.append(.binary(b))
            default: break
            }
        }
        // Received messages are reported as they came (redaction leaves them alone anyway).
        if !events.isEmpty { report(events) }
    }

    /// Everything else reported goes through the one redaction; the wire keeps the real values.
    private func onEvent(_ event: ClientEvent) {
        report([event.redacted(by: configuration.redactor)])
    }

    private func attemptEnded(_ attempt: AttemptContext, _ end: AttemptEnd) {
        let s = state.value
        guard s.attempt === attempt else { return }
        s.connectDeadline?.cancel()
        s.connectDeadline = nil
        s.handler = nil
        s.channel?.close(promise: nil)
        s.channel = nil
        s.attempt = nil
        feed(.ended(end, at: Self.now(), jitter: Double.random(in: 0...1, using: &s.rng)))
    }

    private static func now() -> Double {
        Double(NIODeadline.now().uptimeNanoseconds) / 1e9
    }
}

/// The client's mutable state; touched only on its event loop: the supervisor, and the
/// handles of the attempt it runs.
final class ClientState {
    var supervisor: Supervisor
    var inputs: [SupervisorInput] = []
    var feeding = false
    var rng = SystemRandomNumberGenerator()
    var attempt: AttemptContext?
    var channel: (any Channel)?
    var handler: WebSocketConnectionHandler?
    var connectDeadline: Scheduled<Void>?
    var retryTask: Scheduled<Void>?

    init(policy: ReconnectPolicy) {
        self.supervisor = Supervisor(policy: policy)
    }
}

public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
