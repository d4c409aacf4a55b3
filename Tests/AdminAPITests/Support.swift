import AdminAPI
import Foundation

/// An unsigned JWT-shaped token with the given claims (the client never verifies signatures).
func makeJWT(_ payload: String, header: String = #"{"alg":"HS256","typ":"JWT"}"#) -> String {
    func b64url(_ s: String) -> String {
        Data(s.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
    return b64url(header) + "." + b64url(payload) + ".c2lnbmF0dXJl"
}

/// A transport that answers from a script and records what was sent. No sockets.
actor ScriptedTransport: AdminTransport {
    typealias Answer = @Sendable (TransportRequest) throws(AdminAPIError) -> TransportResponse
    private var answer: Answer
    private(set) var sent: [TransportRequest] = []
    private(set) var shutDown = false

    init(_ answer: @escaping Answer) {
        self.answer = answer
    }

    func send(_ request: TransportRequest) async throws(AdminAPIError) -> TransportResponse {
        sent.append(request)
        await Task.yield()
        return try answer(request)
    }

    func setAnswer(_ a: @escaping Answer) { answer = a }

    func shutdown() async { shutDown = true }

    /// `POST /employee/login`, `GET /order/statistics`… of what was sent.
    var targets: [String] { sent.map { "\($0.method) \($0.url.replacingOccurrences(of: "http://t/admin", with: ""))" } }
}

func ok(_ data: String) -> TransportResponse { TransportResponse(status: 200, body: Array(#"{"code":1,"msg":null,"data":\#(data)}"#.utf8)) }
func refused(_ msg: String) -> TransportResponse { TransportResponse(status: 200, body: Array(#"{"code":0,"msg":"\#(msg)","data":null}"#.utf8)) }
let unauthorized = TransportResponse(status: 401, body: [])

func loginAnswer(token: String) -> TransportResponse {
    ok(#"{"id":1,"userName":"admin","name":"管理员","token":"\#(token)"}"#)
}

let testBase = try! AdminBaseURL(parsing: "http://t/admin")

/// A clock the test moves.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Date
    init(_ start: Date) { value = start }
    var now: Date { lock.withLock { value } }
    func advance(_ s: TimeInterval) { lock.withLock { value = value.addingTimeInterval(s) } }
}
