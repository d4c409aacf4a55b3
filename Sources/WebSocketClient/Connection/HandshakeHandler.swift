import NIOCore
import NIOHTTP1

/// Sends the opening request once the transport (TCP, or TLS) is up, and reports a refused
/// handshake (a non-101 answer that NIO's upgrade handler passes on) or an early failure.
final class HandshakeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private let target: String
    private let headers: HTTPHeaders
    private let attempt: AttemptContext
    private var sent = false

    init(target: String, headers: HTTPHeaders, attempt: AttemptContext) {
        self.target = target
        self.headers = headers
        self.attempt = attempt
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { sendRequest(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        sendRequest(context: context)
        context.fireChannelActive()
    }

    private func sendRequest(context: ChannelHandlerContext) {
        guard !sent else { return }
        sent = true
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: target, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) {
            let failure = Handshake.validate(
                status: Int(head.status.code), reasonPhrase: head.status.reasonPhrase,
                headers: head.headers.map { ($0.name, $0.value) }, key: attempt.key,
                requestedSubprotocols: attempt.subprotocols)
                ?? .unexpectedStatus(code: Int(head.status.code), reason: head.status.reasonPhrase)
            attempt.handshakeFailed(failure)
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // NIO's upgrade handler reports a refused upgrade (e.g. a 101 without `Upgrade:`) as an
        // error just before it passes the response head on: the head, read above, names the reason.
        if error is NIOHTTPClientUpgradeError { return }
        attempt.transportError(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        attempt.handshakeFailed(.connectionClosed)
        context.fireChannelInactive()
    }
}

/// Plugs our handshake into NIO's client upgrade handler: adds our headers and runs our checks.
final class WebSocketUpgrader: NIOHTTPClientProtocolUpgrader {
    let supportedProtocol = "websocket"
    let requiredUpgradeHeaders: [String] = []
    private let extraHeaders: [(String, String)]
    private let attempt: AttemptContext
    private let makeHandler: () -> WebSocketConnectionHandler

    init(extraHeaders: [(String, String)], attempt: AttemptContext, makeHandler: @escaping () -> WebSocketConnectionHandler) {
        self.extraHeaders = extraHeaders
        self.attempt = attempt
        self.makeHandler = makeHandler
    }

    func addCustom(upgradeRequestHeaders: inout HTTPHeaders) {
        for (name, value) in extraHeaders { upgradeRequestHeaders.add(name: name, value: value) }
    }

    func shouldAllowUpgrade(upgradeResponse: HTTPResponseHead) -> Bool {
        if let failure = Handshake.validate(
            status: Int(upgradeResponse.status.code), reasonPhrase: upgradeResponse.status.reasonPhrase,
            headers: upgradeResponse.headers.map { ($0.name, $0.value) }, key: attempt.key,
            requestedSubprotocols: attempt.subprotocols) {
            attempt.handshakeFailed(failure)
            return false
        }
        return true
    }

    func upgrade(context: ChannelHandlerContext, upgradeResponse: HTTPResponseHead) -> EventLoopFuture<Void> {
        do {
            let sync = context.pipeline.syncOperations
            _ = try sync.removeHandler(sync.handler(type: HandshakeHandler.self))
            try sync.addHandler(makeHandler())
            return context.eventLoop.makeSucceededVoidFuture()
        } catch {
            return context.eventLoop.makeFailedFuture(error)
        }
    }
}
