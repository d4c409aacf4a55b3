import Foundation
import Session

/// The lines `skydash serve` prints, one per event, without a trailing newline:
///
///     12:00:05 listening on ws://127.0.0.1:8080/ws/{sid}
///     12:00:05 admin API http://127.0.0.1:8080/admin · login admin / 123456 · tokens valid 7200 s
///     12:00:05 open [abc]
///     12:00:06 open [abc] replaces the open session with this sid
///     12:00:07 recv [abc] hello
///     12:00:08 close [abc] 1000 bye
///     12:00:09 refused GET /favicon.ico 404
///     12:00:10 push traffic 2 {"orderId":1001,"type":1,"content":"订单号: 1764126000001"}
///     12:00:11 error unknown command "x" (try: order, remind, raw, drop, help)
///     12:00:12 api PUT /admin/order/confirm 200 订单状态错误
///
/// `push` is `push SOURCE SESSIONS TEXT` (SOURCE: traffic, ticker, command). Text from clients
/// and sids are made terminal-safe: control characters never reach the terminal raw.
public struct DemoLogFormatter: Sendable {
    public let timeZone: TimeZone
    private let clock: EventLineFormatter

    public init(timeZone: TimeZone = .current) {
        self.timeZone = timeZone
        self.clock = EventLineFormatter(format: .text, timeZone: timeZone)
    }

    public func line(_ event: DemoServerEvent, at date: Date = Date()) -> String {
        let t = clock.hms(date) + " "
        switch event {
        case .connected(let sid, let replaced):
            return t + "open " + bracket(sid) + (replaced ? " replaces the open session with this sid" : "")
        case .received(let sid, let text):
            return t + "recv " + bracket(sid) + " " + LineEscaping.visible(text)
        case .closed(let sid, let code, let reason):
            return t + "close " + bracket(sid) + " " + String(code) + (reason.isEmpty ? "" : " " + LineEscaping.visible(reason))
        case .refused(let method, let target, let status):
            return t + "refused " + LineEscaping.visible(method) + " " + LineEscaping.visible(target) + " " + String(status)
        case .pushed(let text, let sessions, let source):
            return t + "push " + source.rawValue + " " + String(sessions) + " " + LineEscaping.visible(text)
        case .api(let method, let target, let status, let refusal):
            return t + "api " + LineEscaping.visible(method) + " " + LineEscaping.visible(target) + " " + String(status)
                + (refusal.map { " " + LineEscaping.visible($0) } ?? "")
        }
    }

    /// `12:00:05 admin API http://127.0.0.1:8080/admin · login admin / 123456 · tokens valid 7200 s`.
    public func adminAPI(port: Int, tokenTTL: Double, at date: Date = Date()) -> String {
        clock.hms(date) + " admin API " + DemoServer.apiBase(port: port) + " · login " + DemoServer.login.username
            + " / " + DemoServer.login.password + " · tokens valid " + seconds(tokenTTL) + " s"
    }

    public func listening(port: Int, at date: Date = Date()) -> String {
        clock.hms(date) + " listening on ws://127.0.0.1:" + String(port) + EndpointPath.template
    }

    public func error(_ message: String, at date: Date = Date()) -> String {
        clock.hms(date) + " error " + LineEscaping.visible(message)
    }

    /// `7200`, `1.5`.
    private func seconds(_ x: Double) -> String {
        x.rounded() == x && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }

    private func bracket(_ sid: String) -> String { "[" + LineEscaping.visible(sid) + "]" }
}
