/// How to reach the admin API: where, what TLS trust, and how long to wait.
public struct AdminAPIConfiguration: Sendable, Equatable {
    public var base: AdminBaseURL
    /// PEM file of CA certificates to trust besides the system store (the same as for wss).
    public var caFile: String?
    /// Seconds allowed to connect (TCP and TLS).
    public var connectTimeout: Double = 5
    /// Seconds allowed for a whole request, answer included.
    public var requestTimeout: Double = 10

    public init(base: AdminBaseURL, caFile: String? = nil) {
        self.base = base
        self.caFile = caFile
    }
}
