import Foundation
import Notifications
import Orders

/// The admin API of the stand-in backend, without sockets: the order store, the tokens, and
/// `handle`, which routes a request, checks its token and runs its handler. A value, kept on the
/// server's event loop; tests make their own.
struct AdminBackend: Sendable {
    var store: OrderStore
    let tokens: AdminTokens
    let time: BackendTime
    let employees: [Employee]
    let router = AdminRouter(routes: AdminRoutes.all)

    init(store: OrderStore = OrderStore(), tokens: AdminTokens, time: BackendTime, employees: [Employee] = Employee.demo) {
        self.store = store
        self.tokens = tokens
        self.time = time
        self.employees = employees
    }

    /// The answer to `request` at `date`. Like the backend: an unknown path is 404 and a known one
    /// with another method 405, then every route but login needs a valid `token` (else 401 with
    /// an empty body), then a request that cannot be read is 400, then the service answers in its
    /// envelope.
    mutating func handle(_ request: AdminRequest, at date: Date) -> AdminResponse {
        let now = time.now(date)
        func frameworkError(_ status: Int, _ message: String) -> AdminResponse {
            .frameworkError(status: status, message: message, path: request.path, timestamp: now.timestamp)
        }
        switch router.match(method: request.method, path: request.path) {
        case .notFound:
            return frameworkError(404, "no admin API endpoint \(request.path)")
        case .methodNotAllowed:
            return frameworkError(405, "\(request.method) is not supported on \(request.path)")
        case .found(let route, let parameter):
            var employeeId: Int64?
            if route.needsToken {
                guard let token = request.token, let id = tokens.verify(token, at: date) else { return .unauthorized }
                employeeId = id
            }
            if let error = request.queryError { return frameworkError(400, error) }
            let call = AdminCall(request: request, parameter: parameter, now: now, employeeId: employeeId)
            do throws(AdminFailure) {
                return .success(try route.handler(&self, call))
            } catch {
                switch error {
                case .refused(let message): return .refused(message)
                case .badRequest(let message): return frameworkError(400, message)
                }
            }
        }
    }
}

/// An account of the admin UI.
struct Employee: Sendable, Equatable {
    var id: Int64
    var username: String
    var name: String
    var password: String
    /// False: the account is locked (`账号被锁定`).
    var enabled: Bool

    /// `admin` / `123456` (管理员), and `locked` / `123456`, a locked account to try the client's
    /// handling of `账号被锁定`.
    static let demo = [
        Employee(id: 1, username: "admin", name: "管理员", password: "123456", enabled: true),
        Employee(id: 2, username: "locked", name: "停用账号", password: "123456", enabled: false),
    ]
}
