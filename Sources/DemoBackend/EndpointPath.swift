/// The backend's one WebSocket endpoint, `@ServerEndpoint("/ws/{sid}")`.
public enum EndpointPath {
    /// The endpoint as a template, for messages.
    public static let template = "/ws/{sid}"

    /// The client id in a request target `/ws/{sid}` (query ignored, percent-escapes decoded as
    /// UTF-8 like the container's `@PathParam`), or nil for any other path: `/`, `/ws`, `/ws/`,
    /// `/ws/a/b`, a bad escape.
    public static func sid(fromTarget target: String) -> String? {
        var path = Substring(target)
        if let q = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<q] }
        let prefix = "/ws/"
        guard path.hasPrefix(prefix) else { return nil }
        let raw = path.dropFirst(prefix.count)
        guard !raw.isEmpty, !raw.contains("/") else { return nil }
        guard let sid = percentDecoded(raw), !sid.isEmpty else { return nil }
        return sid
    }

    static func percentDecoded(_ s: Substring) -> String? {
        guard s.contains("%") else { return String(s) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        var it = s.utf8.makeIterator()
        while let b = it.next() {
            if b == UInt8(ascii: "%") {
                guard let h = it.next().flatMap(hexValue), let l = it.next().flatMap(hexValue) else { return nil }
                bytes.append(h << 4 | l)
            } else {
                bytes.append(b)
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        // Reject invalid UTF-8 rather than silently replacing it.
        guard Array(text.utf8) == bytes else { return nil }
        return text
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
