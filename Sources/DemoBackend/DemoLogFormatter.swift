import Foundation

/// The lines `skydash serve` prints, one per event, without a trailing newline:
///
///     12:00:05 listening on ws://127.0.0.1:8080/ws/{sid}
///     12:00:05 open [abc]
///     12:00:06 open [abc] replaces the open session with this sid
///     12:00:07 recv [abc] hello
///     12:00:08 close [abc] 1000 bye
///     12:00:09 refused GET /favicon.ico 404
///     12:00:10 push traffic 2 {"orderId":1001,"type":1,"content":"订单号: 1764126000001"}
///     12:00:11 error unknown command "x" (try: order, remind, raw, drop, help)
///
/// `push` is `push SOURCE SESSIONS TEXT` (SOURCE: traffic, ticker, command). Text from clients
/// and sids are made terminal-safe: control characters never reach the terminal raw.
public struct DemoLogFormatter: Sendable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone = .current) {
        self.timeZone = timeZone
    }

    public func line(_ event: DemoServerEvent, at date: Date = Date()) -> String {
        let t = ClockText.hms(date, timeZone: timeZone) + " "
        switch event {
        case .connected(let sid, let replaced):
            return t + "open " + bracket(sid) + (replaced ? " replaces the open session with this sid" : "")
        case .received(let sid, let text):
            return t + "recv " + bracket(sid) + " " + LineSanitizer.visible(text)
        case .closed(let sid, let code, let reason):
            return t + "close " + bracket(sid) + " " + String(code) + (reason.isEmpty ? "" : " " + LineSanitizer.visible(reason))
        case .refused(let method, let target, let status):
            return t + "refused " + LineSanitizer.visible(method) + " " + LineSanitizer.visible(target) + " " + String(status)
        case .pushed(let text, let sessions, let source):
            return t + "push " + source.rawValue + " " + String(sessions) + " " + LineSanitizer.visible(text)
        }
    }

    public func listening(port: Int, at date: Date = Date()) -> String {
        ClockText.hms(date, timeZone: timeZone) + " listening on ws://127.0.0.1:" + String(port) + EndpointPath.template
    }

    public func error(_ message: String, at date: Date = Date()) -> String {
        ClockText.hms(date, timeZone: timeZone) + " error " + LineSanitizer.visible(message)
    }

    private func bracket(_ sid: String) -> String { "[" + LineSanitizer.visible(sid) + "]" }
}

/// One-line, terminal-safe text (the same rule as the headless output): newline, tab and CR as
/// `\n` `\t` `\r`; every other C0 control, DEL, C1 control and U+2028/U+2029 as `\u{1B}` style.
public enum LineSanitizer {
    public static func visible(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: needsEscape) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            guard needsEscape(u) else { out.append(u); continue }
            switch u {
            case "\n": out.append(contentsOf: #"\n"#.unicodeScalars)
            case "\r": out.append(contentsOf: #"\r"#.unicodeScalars)
            case "\t": out.append(contentsOf: #"\t"#.unicodeScalars)
            default: out.append(contentsOf: ("\\u{" + String(u.value, radix: 16, uppercase: true) + "}").unicodeScalars)
            }
        }
        return String(out)
    }

    private static func needsEscape(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029
    }
}
