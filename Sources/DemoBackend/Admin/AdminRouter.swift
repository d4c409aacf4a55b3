import Notifications

/// Why a handler did not answer with data.
enum AdminFailure: Error, Equatable {
    /// The service refused: code 0 with this `msg`.
    case refused(String)
    /// The request could not be read (malformed JSON, a field of the wrong kind, a bad number in
    /// the path or query): HTTP 400 with this message.
    case badRequest(String)
}

/// What a handler gets besides the backend: the request, the `{…}` part of its path, the time,
/// and the employee its token names (nil on routes without a token).
struct AdminCall: Sendable {
    var request: AdminRequest
    var parameter: String?
    var now: BackendNow
    var employeeId: Int64?
}

/// A handler: a pure function of the backend's state and the call; returns the envelope's data.
typealias AdminHandler = @Sendable (inout AdminBackend, AdminCall) throws(AdminFailure) -> JSONValue

/// One route: method and path (`/admin/order/details/{}`), whether it needs a token, its handler.
struct AdminRoute: Sendable {
    var method: String
    var segments: [Segment]
    var needsToken: Bool
    var handler: AdminHandler

    enum Segment: Sendable, Equatable {
        case word(String)
        /// `{id}`, `{status}`: any one non-empty segment, handed to the handler.
        case parameter
    }

    /// `pattern`: a path with `{…}` for the parameter segment.
    init(_ method: String, _ pattern: String, needsToken: Bool = true, _ handler: @escaping AdminHandler) {
        self.method = method
        self.segments = pattern.split(separator: "/").map { $0.hasPrefix("{") ? .parameter : .word(String($0)) }
        self.needsToken = needsToken
        self.handler = handler
    }

    /// The parameter segment's text if `path` is this route's path (`""` when it has none), else nil.
    func parameter(in path: [Substring]) -> String?? {
        guard path.count == segments.count else { return nil }
        var parameter: String?
        for (part, segment) in zip(path, segments) {
            switch segment {
            case .word(let w): if part != w { return nil }
            case .parameter:
                guard let decoded = EndpointPath.percentDecoded(part) else { return nil }
                parameter = decoded
            }
        }
        return .some(parameter)
    }
}

/// Method + path → route. Pure; no sockets.
struct AdminRouter: Sendable {
    let routes: [AdminRoute]

    enum Match {
        case found(AdminRoute, parameter: String?)
        /// The path exists, not with this method: 405.
        case methodNotAllowed
        case notFound
    }

    func match(method: String, path: String) -> Match {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        var pathExists = false
        for route in routes {
            guard let parameter = route.parameter(in: parts) else { continue }
            if route.method == method { return .found(route, parameter: parameter) }
            pathExists = true
        }
        return pathExists ? .methodNotAllowed : .notFound
    }
}
