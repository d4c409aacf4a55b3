import Foundation
import NIOCore
import Notifications
import Orders

/// The admin API client. An actor: calls can start from any thread or task, results come back as
/// values, and no call blocks its caller's thread (the network work runs on the event loop group
/// through `AdminTransport`).
///
/// Token handling: the token lives in this actor's memory only. With a password the client logs
/// in when it has no token, shortly before the token's `exp` (`TokenPolicy`), and once on a 401,
/// retrying the refused request once. With a fixed token a 401 is final
/// (`AdminAPIError.unauthorized(.fixedToken)`).
public actor AdminClient {
    public let configuration: AdminAPIConfiguration
    public let credentials: AdminCredentials
    private let transport: any AdminTransport
    private let policy: TokenPolicy
    private let now: @Sendable () -> Date

    private var token: String?
    private var tokenObtained = Date.distantPast
    private var tokenExpiry: Date?
    private var pendingLogin: Task<LoginAnswer, any Error>?
    /// Who logged in last (nil with a fixed token or before the first login).
    public private(set) var employee: Employee?

    public init(configuration: AdminAPIConfiguration, credentials: AdminCredentials, transport: any AdminTransport,
                policy: TokenPolicy = TokenPolicy(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.credentials = credentials
        self.transport = transport
        self.policy = policy
        self.now = now
        if case .token(let t) = credentials {
            token = t
            tokenExpiry = JWTExpiry.expiry(ofToken: t)
        }
    }

    /// A client on AsyncHTTPClient using `eventLoopGroup` (the application's).
    public init(configuration: AdminAPIConfiguration, credentials: AdminCredentials,
                eventLoopGroup: any EventLoopGroup) throws(AdminConfigurationError) {
        let transport = try HTTPClientTransport(configuration: configuration, eventLoopGroup: eventLoopGroup)
        self.init(configuration: configuration, credentials: credentials, transport: transport)
    }

    /// Closes the connections. Call once, when done.
    public func shutdown() async {
        await transport.shutdown()
    }

    // MARK: - The API

    /// Logs in with the password (`.loginFailed` with the backend's words when refused). With a
    /// fixed token there is nothing to log in with: throws `.unauthorized(.fixedToken)`.
    @discardableResult
    public func login() async throws(AdminAPIError) -> Employee {
        guard credentials.canLogIn else { throw .unauthorized(.fixedToken) }
        return try await freshLogin().employee
    }

    /// Logs out and forgets the token.
    public func logout() async throws(AdminAPIError) {
        guard token != nil else { return }
        _ = try await data(of: .logout)
        token = nil
        tokenExpiry = nil
    }

    /// When the current token expires (from its `exp`), if known.
    public var expiry: Date? { tokenExpiry }

    /// The `empId` claim of the current token, if any (who a fixed token belongs to).
    public var tokenEmployeeId: Int64? { token.flatMap { JWTExpiry.integerClaim("empId", ofToken: $0) } }

    public func conditionSearch(_ query: OrderQuery) async throws(AdminAPIError) -> OrderPage {
        try decode("the page of orders", try await data(of: .conditionSearch(query))) { j throws(OrderDecodingError) in try OrderPage(json: j) }
    }

    public func conditionSearch(page: Int = 1, pageSize: Int = 10, status: Int? = nil, number: String? = nil, phone: String? = nil,
                                begin: String? = nil, end: String? = nil) async throws(AdminAPIError) -> OrderPage {
        try await conditionSearch(OrderQuery(page: page, pageSize: pageSize, status: status, number: number, phone: phone,
                                             beginTime: begin, endTime: end))
    }

    public func details(id: Int64) async throws(AdminAPIError) -> Order {
        try decode("order \(id)", try await data(of: .details(id: id))) { j throws(OrderDecodingError) in try Order(json: j) }
    }

    public func statistics() async throws(AdminAPIError) -> OrderStatistics {
        try decode("the order statistics", try await data(of: .statistics)) { j throws(OrderDecodingError) in try OrderStatistics(json: j) }
    }

    /// Accept, reject, cancel, deliver or complete order `id`. A refusal is `.refused(msg)`.
    public func perform(_ action: OrderAction, id: Int64) async throws(AdminAPIError) {
        _ = try await data(of: .perform(action, id: id))
    }

    public func shopStatus() async throws(AdminAPIError) -> ShopStatus {
        try decode("the shop status", try await data(of: .shopStatus)) { j throws(OrderDecodingError) in try ShopStatus(json: j) }
    }

    public func setShop(_ status: ShopStatus) async throws(AdminAPIError) {
        _ = try await data(of: .setShop(status))
    }

    public func businessData() async throws(AdminAPIError) -> BusinessData {
        try decode("the business data", try await data(of: .businessData)) { j throws(OrderDecodingError) in try BusinessData(json: j) }
    }

    // MARK: - Token and retry

    /// The `data` of a call's answer: with a valid token (logging in first when needed), and once
    /// more after a fresh login when the backend answers 401.
    func data(of call: AdminCall) async throws(AdminAPIError) -> JSONValue {
        let first = try await usableToken()
        switch try await exchange(call, token: first) {
        case .ok(let data): return data
        case .refused(let message): throw .refused(message)
        case .unauthorized: break
        }
        guard credentials.canLogIn else { throw .unauthorized(.fixedToken) }
        if token == first { token = nil }  // not already replaced by a concurrent call's login
        let second = try await usableToken()
        switch try await exchange(call, token: second) {
        case .ok(let data): return data
        case .refused(let message): throw .refused(message)
        case .unauthorized: throw .unauthorized(.afterLogin)
        }
    }

    /// The token to send: the current one, or a fresh one when there is none or it is due for
    /// renewal and the credentials allow a login.
    private func usableToken() async throws(AdminAPIError) -> String {
        if let token {
            let due = policy.shouldRenew(obtained: tokenObtained, expiry: tokenExpiry, now: now())
            if !due || !credentials.canLogIn { return token }
        }
        return try await freshLogin().token
    }

    /// Logs in; concurrent callers share one login.
    private func freshLogin() async throws(AdminAPIError) -> LoginAnswer {
        guard case .password(let user, let password) = credentials else { throw .unauthorized(.fixedToken) }
        let task: Task<LoginAnswer, any Error>
        if let pendingLogin {
            task = pendingLogin
        } else {
            task = Task { try await self.performLogin(user: user, password: password) }
            pendingLogin = task
        }
        defer { if pendingLogin == task { pendingLogin = nil } }
        do {
            return try await task.value
        } catch let e as AdminAPIError {
            throw e
        } catch {
            throw .network("\(error)")
        }
    }

    private func performLogin(user: String, password: String) async throws(AdminAPIError) -> LoginAnswer {
        let envelope = try await exchange(.login(username: user, password: password), token: nil)
        let data: JSONValue
        switch envelope {
        case .ok(let d): data = d
        case .refused(let message): throw .loginFailed(message)
        case .unauthorized: throw .loginFailed("the backend answered HTTP 401 to the login")
        }
        let answer = try decode("the login answer", data) { j throws(OrderDecodingError) in try LoginAnswer(json: j) }
        token = answer.token
        tokenObtained = now()
        tokenExpiry = JWTExpiry.expiry(ofToken: answer.token)
        employee = answer.employee
        return answer
    }

    private func exchange(_ call: AdminCall, token: String?) async throws(AdminAPIError) -> Envelope {
        let request = TransportRequest(AdminRequest(call), base: configuration.base, token: call.needsToken ? token : nil)
        let response = try await transport.send(request)
        return try Envelope.read(status: response.status, body: response.body)
    }

    private func decode<T>(_ what: String, _ json: JSONValue,
                           _ body: (JSONValue) throws(OrderDecodingError) -> T) throws(AdminAPIError) -> T {
        do {
            return try body(json)
        } catch {
            throw .badAnswer("\(what): \(error.message)")
        }
    }
}
