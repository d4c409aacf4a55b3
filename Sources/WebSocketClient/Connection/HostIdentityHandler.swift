import NIOCore
import NIOSSL
import NIOTLS

/// Makes sure a wss:// URL with a host *name* gets a certificate issued for that name.
///
/// NIOSSL accepts a certificate when a DNS name in it matches the host **or** an IP address in it
/// matches the address the socket connected to. So a certificate for `localhost, 127.0.0.1` passes
/// for any name that resolves to 127.0.0.1, and a certificate for some IP passes for every host name
/// that an attacker's DNS points at that IP. This handler sits right after the TLS handler, holds our
/// writes (the opening request, with its token) until the TLS handshake has completed, and lets them
/// through only if a DNS name of the certificate matches the host. IP literal URLs do not need it:
/// for them the IP match is the right check.
final class HostIdentityHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    private enum State { case waiting, verified, failed(Error) }
    private let host: String
    private var state = State.waiting
    private var pending: [(NIOAny, EventLoopPromise<Void>?)] = []
    private var flushPending = false

    init(host: String) {
        self.host = host
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch state {
        case .verified: context.write(data, promise: promise)
        case .waiting: pending.append((data, promise))
        case .failed(let error): promise?.fail(error)
        }
    }

    func flush(context: ChannelHandlerContext) {
        if case .verified = state { context.flush() } else { flushPending = true }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard case .waiting = state, let tls = event as? TLSUserEvent, case .handshakeCompleted = tls else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        let certificate = try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self).peerCertificate
        let names = certificate.map(Self.subjectAlternativeNames) ?? (dns: [], ip: [])
        if names.dns.isEmpty && names.ip.isEmpty || names.dns.contains(where: { Self.dnsName($0, matches: host) }) {
            // No SAN at all: NIOSSL matched the common name against the host, which is right.
            state = .verified
            let writes = pending
            pending = []
            for (data, promise) in writes { context.write(data, promise: promise) }
            if flushPending { context.flush() }
            context.fireUserInboundEventTriggered(event)
        } else {
            let error = HostNameMismatch(host: host, names: names.dns + names.ip)
            state = .failed(error)
            let writes = pending
            pending = []
            for (_, promise) in writes { promise?.fail(error) }
            context.fireErrorCaught(error)
            context.close(promise: nil)
        }
    }

    static func subjectAlternativeNames(_ certificate: NIOSSLCertificate) -> (dns: [String], ip: [String]) {
        var dns: [String] = [], ip: [String] = []
        for name in certificate._subjectAlternativeNames() {
            switch name.nameType {
            case .dnsName: dns.append(String(decoding: name.contents, as: UTF8.self))
            case .ipAddress: ip.append(Self.ipText(Array(name.contents)))
            default: continue
            }
        }
        return (dns, ip)
    }

    /// `127.0.0.1`, or eight hex groups for IPv6 (shown in messages only).
    static func ipText(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        guard bytes.count == 16 else { return bytes.map { String($0, radix: 16) }.joined(separator: ":") }
        return stride(from: 0, to: 16, by: 2).map { String(Int(bytes[$0]) << 8 | Int(bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }

    /// The same matching as NIOSSL's for DNS names, case-insensitive, trailing dots ignored: an
    /// exact name, or one `*` in the first label (`*.example.com`, `w*.example.com`) standing for at
    /// least one character of that one label (never of an IDN `xn--` label; a bare `*` matches nothing).
    static func dnsName(_ pattern: String, matches host: String) -> Bool {
        func normalized(_ s: String) -> [Substring] {
            var s = s.lowercased()
            if s.hasSuffix(".") { s.removeLast() }
            return s.split(separator: ".", omittingEmptySubsequences: false)
        }
        let p = normalized(pattern), h = normalized(host)
        guard p.count == h.count, !p.contains(where: \.isEmpty), !h.contains(where: \.isEmpty),
              p.dropFirst() == h.dropFirst() else { return false }
        let first = p[0], label = h[0]
        guard let star = first.firstIndex(of: "*") else { return first == label }
        guard p.count >= 2, !label.hasPrefix("xn--"), first.filter({ $0 == "*" }).count == 1 else { return false }
        let prefix = first[..<star], suffix = first[first.index(after: star)...]
        return label.count > prefix.count + suffix.count && label.hasPrefix(prefix) && label.hasSuffix(suffix)
    }
}

/// The server's certificate is not for the URL's host name.
public struct HostNameMismatch: Error, Equatable, CustomStringConvertible {
    public var host: String
    /// The names (DNS and IP) the certificate is for.
    public var names: [String]
    public var description: String {
        "the certificate is not for \(host) (it is for \(names.isEmpty ? "no name" : names.joined(separator: ", ")))"
    }
}
