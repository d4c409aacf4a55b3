import NIOCore
import NIOHTTP1

/// Takes the requests under `/admin` off the HTTP pipeline, hands each, whole, to `answer`, and
/// writes the answer back (keeping the connection open when the client asked for keep-alive).
/// Every other request passes on untouched to the next handler (the WebSocket fallback).
/// Removed from the pipeline when a request is upgraded to a WebSocket.
final class AdminHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    static let name = "skydash.demo.admin"
    /// Largest request body read; a bigger one is answered 413 and the connection closed.
    static let maxBody = 1 << 20

    private let answer: (AdminRequest) -> EventLoopFuture<AdminResponse>
    private var state = State.idle

    private enum State {
        case idle
        /// A request not for the admin API, passing through.
        case passing
        case collecting(HTTPRequestHead, ByteBuffer)
        case tooLarge(HTTPRequestHead)
    }

    init(answer: @escaping (AdminRequest) -> EventLoopFuture<AdminResponse>) {
        self.answer = answer
    }

    static func isAdmin(target: String) -> Bool {
        let path = target.prefix { $0 != "?" && $0 != "#" }
        return path == "/admin" || path.hasPrefix("/admin/")
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        switch (state, part) {
        case (.idle, .head(let head)):
            if Self.isAdmin(target: head.uri) {
                state = .collecting(head, context.channel.allocator.buffer(capacity: 0))
            } else {
                state = .passing
                context.fireChannelRead(data)
            }
        case (.passing, .end):
            state = .idle
            context.fireChannelRead(data)
        case (.passing, _):
            context.fireChannelRead(data)
        case (.collecting(let head, var body), .body(var chunk)):
            if body.readableBytes + chunk.readableBytes > Self.maxBody {
                state = .tooLarge(head)
            } else {
                body.writeBuffer(&chunk)
                state = .collecting(head, body)
            }
        case (.collecting(let head, var body), .end):
            state = .idle
            let request = AdminRequest(
                method: head.method.rawValue, target: head.uri,
                token: head.headers.first(name: "token"),
                body: body.readBytes(length: body.readableBytes) ?? [])
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            let keepAlive = head.isKeepAlive
            answer(request).hop(to: context.eventLoop).whenComplete { result in
                let response = (try? result.get()) ?? AdminResponse(status: 500, body: "")
                Self.write(response, version: head.version, keepAlive: keepAlive, context: loopBound.value)
            }
        case (.tooLarge(let head), .end):
            state = .idle
            let response = AdminResponse(status: 413, body: "")
            Self.write(response, version: head.version, keepAlive: false, context: context)
        case (.tooLarge, _):
            break
        case (.idle, _), (.collecting, .head):
            // Not a well-formed sequence of parts: NIO's decoder never does this.
            context.close(promise: nil)
        }
    }

    private static func write(_ response: AdminResponse, version: HTTPVersion, keepAlive: Bool, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        if !response.body.isEmpty {
            headers.add(name: "Content-Type", value: "application/json;charset=UTF-8")
        }
        headers.add(name: "Content-Length", value: String(response.body.utf8.count))
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let status = HTTPResponseStatus(statusCode: response.status)
        context.write(NIOAny(HTTPServerResponsePart.head(HTTPResponseHead(version: version, status: status, headers: headers))), promise: nil)
        if !response.body.isEmpty {
            context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(context.channel.allocator.buffer(string: response.body)))), promise: nil)
        }
        let done = context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)))
        if !keepAlive {
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            done.whenComplete { _ in loopBound.value.close(promise: nil) }
        }
    }
}
