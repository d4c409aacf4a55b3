import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import WebSocketClient

/// `AdminTransport` on AsyncHTTPClient, on the application's event loop group: connection reuse
/// (its pool), connect and request timeouts, the same TLS trust as wss. Thin by design: everything
/// about the API itself is in the pure types.
public final class HTTPClientTransport: AdminTransport {
    private let client: HTTPClient
    private let requestTimeout: TimeAmount
    private let requestSeconds: Double
    private let connectSeconds: Double
    /// Answers bigger than this are refused (a page of orders is a few KiB).
    static let maxBody = 8 * 1024 * 1024

    public init(configuration: AdminAPIConfiguration, eventLoopGroup: any EventLoopGroup) throws(AdminConfigurationError) {
        let tls: TLSConfiguration
        do {
            tls = try TLSTrust.clientConfiguration(caFile: configuration.caFile)
        } catch {
            throw AdminConfigurationError(error.message)
        }
        let timeout = HTTPClient.Configuration.Timeout(
            connect: .nanoseconds(Int64(configuration.connectTimeout * 1e9)),
            read: .nanoseconds(Int64(configuration.requestTimeout * 1e9)))
        let clientConfiguration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow, timeout: timeout, decompression: .disabled)
        client = HTTPClient(eventLoopGroupProvider: .shared(eventLoopGroup), configuration: clientConfiguration)
        requestTimeout = .nanoseconds(Int64(configuration.requestTimeout * 1e9))
        requestSeconds = configuration.requestTimeout
        connectSeconds = configuration.connectTimeout
    }

    public func send(_ request: TransportRequest) async throws(AdminAPIError) -> TransportResponse {
        var r = HTTPClientRequest(url: request.url)
        r.method = HTTPMethod(rawValue: request.method)
        for h in request.headers { r.headers.add(name: h.name, value: h.value) }
        if let body = request.body { r.body = .bytes(ByteBuffer(string: body)) }
        do {
            let response = try await client.execute(r, timeout: requestTimeout)
            let body = try await response.body.collect(upTo: Self.maxBody)
            return TransportResponse(status: Int(response.status.code), body: Array(buffer: body))
        } catch {
            throw .network(reason(for: error, url: request.url))
        }
    }

    /// A short reason for a failed exchange (never the request's headers: they hold the token).
    func reason(for error: any Error, url: String) -> String {
        if let e = error as? HTTPClientError {
            switch e {
            case .deadlineExceeded, .readTimeout: return "no answer from \(url) within \(Self.seconds(requestSeconds))"
            case .connectTimeout: return "cannot connect to \(url) within \(Self.seconds(connectSeconds))"
            case .remoteConnectionClosed: return "\(url): the server closed the connection"
            default: break
            }
        }
        if let tls = TLSTrust.failureReason(error, host: URLComponents(string: url)?.host ?? url) {
            return "\(url): \(tls)"
        }
        if let io = error as? IOError {
            return "\(url): \(String(cString: strerror(io.errnoCode)).lowercased())"
        }
        if error is NIOTooManyBytesError { return "\(url): the answer is bigger than \(Self.maxBody / 1024 / 1024) MiB" }
        return "\(url): \(error)"
    }

    static func seconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : "\(s) s"
    }

    public func shutdown() async {
        try? await client.shutdown()
    }
}
