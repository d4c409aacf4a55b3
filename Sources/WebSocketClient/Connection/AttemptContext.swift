import Closing
import NIOCore
import NIOSSL

/// One connection attempt, confined to the client's event loop. Handlers report to it; it makes
/// sure the attempt ends exactly once and tells the client how.
final class AttemptContext {
    let number: Int
    let key: String
    let url: WebSocketURL
    /// The subprotocols the request asks for (from the merchant's extra headers).
    let subprotocols: [String]
    private(set) var ended = false
    private(set) var isOpen = false
    private var failure: HandshakeFailure?
    private var transportFailure: Error?
    private let onOpen: (AttemptContext, WebSocketConnectionHandler) -> Void
    private let onEnd: (AttemptContext, AttemptEnd) -> Void

    init(number: Int, key: String, url: WebSocketURL, subprotocols: [String],
         onOpen: @escaping (AttemptContext, WebSocketConnectionHandler) -> Void,
         onEnd: @escaping (AttemptContext, AttemptEnd) -> Void) {
        self.number = number
        self.key = key
        self.url = url
        self.subprotocols = subprotocols
        self.onOpen = onOpen
        self.onEnd = onEnd
    }

    func handshakeFailed(_ f: HandshakeFailure) {
        if failure == nil && transportFailure == nil { failure = f }
    }

    func transportError(_ e: Error) {
        if failure == nil && transportFailure == nil { transportFailure = e }
    }

    func opened(_ handler: WebSocketConnectionHandler) {
        guard !ended, !isOpen else { return }
        isOpen = true
        onOpen(self, handler)
    }

    /// The open connection ended.
    func connectionEnded(_ outcome: AttemptEnd) {
        end(outcome)
    }

    /// The channel went away; if nothing better was reported, say why.
    func channelClosed() {
        guard !ended else { return }
        if isOpen {
            end(.closed(code: CloseCodes.abnormal, reason: "connection lost", by: .network))
        } else {
            end(describeFailure().end)
        }
    }

    func connectFailed(_ error: Error) {
        transportError(error)
        end(describeFailure().end)
    }

    func timedOut(after seconds: Double) {
        guard !ended else { return }
        if isOpen { return }
        handshakeFailed(.timedOut(seconds: seconds))
        end(describeFailure().end)
    }

    private func end(_ outcome: AttemptEnd) {
        guard !ended else { return }
        ended = true
        onEnd(self, outcome)
    }

    private func describeFailure() -> AttemptFailure {
        if let failure {
            return AttemptFailure(reason: failure.description, fatal: failure.isFatal)
        }
        if let e = transportFailure {
            return Self.classify(e, host: url.host)
        }
        return AttemptFailure(reason: "connection closed before the handshake completed", fatal: false)
    }

    /// TLS trust and host-name failures are fatal: retrying cannot fix a certificate. Every other
    /// TLS handshake failure (an alert, a captive portal or proxy answering plain HTTP, a connection
    /// dropped by a restarting proxy) is shown and retried with backoff like any drop.
    static func classify(_ error: Error, host: String) -> AttemptFailure {
        switch error {
        case let e as HostNameMismatch:
            return AttemptFailure(reason: "TLS handshake with \(host) failed: \(e)", fatal: true)
        case let e as NIOSSLError:
            switch e {
            case .handshakeFailed(let inner) where Self.isEOF(inner):
                return AttemptFailure(reason: "TLS handshake with \(host) failed: the connection closed during the handshake", fatal: false)
            case .handshakeFailed(let inner):
                return AttemptFailure(reason: "TLS handshake with \(host) failed: \(Self.tlsReason(inner))", fatal: Self.isTrustFailure(inner))
            case .uncleanShutdown:
                return AttemptFailure(reason: "TLS connection to \(host) closed uncleanly", fatal: false)
            default:
                return AttemptFailure(reason: "TLS error with \(host): \(e)", fatal: false)
            }
        case let e as NIOSSLExtraError where e == .failedToValidateHostname:
            return AttemptFailure(reason: "TLS handshake with \(host) failed: the certificate is not for \(host)", fatal: true)
        case let e as NIOSSLExtraError:
            return AttemptFailure(reason: "TLS: certificate of \(host) rejected: \(e)", fatal: true)
        case let e as ChannelError where e == .connectTimeout(.zero) || "\(e)".hasPrefix("connectTimeout"):
            return AttemptFailure(reason: "connect to \(host) timed out", fatal: false)
        default:
            return AttemptFailure(reason: "connect to \(host) failed: \(error)", fatal: false)
        }
    }

    private static func isEOF(_ e: BoringSSLError) -> Bool {
        guard case .sslError(let errors) = e else { return false }
        return !errors.isEmpty && errors.allSatisfy { $0 == .eofDuringHandshake || $0 == .eofDuringAdditionalCertficiateChainValidation }
    }

    /// The certificate chain or its name was refused: only a fixed certificate or `--ca-file` helps.
    private static func isTrustFailure(_ e: BoringSSLError) -> Bool {
        "\(e)".contains("CERTIFICATE_VERIFY_FAILED")
    }

    private static func tlsReason(_ e: BoringSSLError) -> String {
        let text = "\(e)"
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return "its certificate is not trusted (not signed by a trusted CA: give a private CA with --ca-file; or expired, or otherwise invalid)"
        }
        if text.contains("WRONG_VERSION_NUMBER") { return "the server does not speak TLS on this port (try ws://)" }
        return text
    }
}

struct AttemptFailure: Equatable {
    var reason: String
    var fatal: Bool

    var end: AttemptEnd { .notOpened(reason: reason, fatal: fatal) }
}
