import NIOCore
import NIOHTTP1
import NIOWebSocket

/// Answers every HTTP request that was not upgraded to a WebSocket nor taken by the admin API
/// (`AdminHTTPHandler`): 404 off `/ws/{sid}`, 400 with
/// a short plain-text page on it; then closes the connection. Removed from the pipeline when a
/// request is upgraded.
final class HTTPFallbackHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    static let name = "skydash.demo.http"

    private let report: (DemoServerEvent) -> Void
    private var head: HTTPRequestHead?
    private var answered = false

    init(report: @escaping (DemoServerEvent) -> Void) {
        self.report = report
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
        case .body:
            break
        case .end:
            guard let h = head, !answered else { return }
            answered = true
            respond(context: context, to: h)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A refused upgrade (wrong path, bad Sec-WebSocket-Version or -Key) is reported here and
        // then the request itself comes through: answer it then.
        if error is NIOWebSocketUpgradeError { return }
        // Bad HTTP: HTTPServerProtocolErrorHandler has already answered 400. Anything else: give up.
        context.close(promise: nil)
    }

    private func respond(context: ChannelHandlerContext, to request: HTTPRequestHead) {
        let status: HTTPResponseStatus
        let body: String
        if EndpointPath.sid(fromTarget: request.uri) != nil {
            status = .badRequest
            body = "400 Bad Request: this is a WebSocket endpoint; connect with a WebSocket client (ws://…/ws/{sid}).\n"
        } else {
            status = .notFound
            body = "404 Not Found: the endpoints here are the WebSocket \(EndpointPath.template) and the admin API under /admin.\n"
        }
        report(.refused(method: request.method.rawValue, target: request.uri, status: Int(status.code)))
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: String(body.utf8.count))
        headers.add(name: "Connection", value: "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: status, headers: headers))), promise: nil)
        if request.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: body)))), promise: nil)
        }
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            loopBound.value.close(promise: nil)
        }
    }
}
