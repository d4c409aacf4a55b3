import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking TCP socket to 127.0.0.1 for byte-exact checks (HTTP answers, ping/pong, close).
final class RawSocket {
    private let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int) throws {
        #if canImport(Glibc)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw RawSocketError("socket failed") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { close(fd); throw RawSocketError("connect failed: errno \(errno)") }
        setTimeout(1.5)
    }

    deinit { close(fd) }

    func setTimeout(_ seconds: Double) {
        var tv = timeval()
        tv.tv_sec = .init(Int(seconds))
        tv.tv_usec = .init((seconds - Double(Int(seconds))) * 1e6)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    func write(_ bytes: [UInt8]) {
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return }
            off += n
        }
    }

    func write(_ text: String) { write(Array(text.utf8)) }

    /// Reads more bytes; false on EOF, error or timeout.
    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return false }
        buffer += chunk[0..<n]
        return true
    }

    /// Everything until the peer closes (or the timeout).
    func readToEnd() -> String {
        while fill() {}
        defer { buffer.removeAll() }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The HTTP response head, through the blank line.
    func readHead() -> String? {
        while true {
            if let r = find([13, 10, 13, 10]) {
                let head = String(decoding: buffer[..<r], as: UTF8.self)
                buffer.removeSubrange(..<(r + 4))
                return head
            }
            if !fill() { return nil }
        }
    }

    /// Exactly `count` bytes (an HTTP body after `readHead`); nil on EOF or timeout first.
    func read(count: Int) -> [UInt8]? {
        while buffer.count < count { if !fill() { return nil } }
        defer { buffer.removeSubrange(..<count) }
        return Array(buffer[..<count])
    }

    /// True when the peer has closed and nothing is left to read. A timeout is not EOF: only a
    /// `recv` that returns 0 is.
    func atEOF() -> Bool {
        guard buffer.isEmpty else { return false }
        var b: UInt8 = 0
        let n = recv(fd, &b, 1, 0)
        if n == 1 { buffer.append(b) }
        return n == 0
    }

    /// One WebSocket frame from the server: (fin, opcode, masked, payload).
    func readFrame() -> (fin: Bool, opcode: UInt8, masked: Bool, payload: [UInt8])? {
        func need(_ n: Int) -> Bool {
            while buffer.count < n { if !fill() { return false } }
            return true
        }
        guard need(2) else { return nil }
        let fin = buffer[0] & 0x80 != 0
        let opcode = buffer[0] & 0x0F
        let masked = buffer[1] & 0x80 != 0
        var len = Int(buffer[1] & 0x7F)
        var header = 2
        if len == 126 {
            guard need(4) else { return nil }
            len = Int(buffer[2]) << 8 | Int(buffer[3])
            header = 4
        } else if len == 127 {
            guard need(10) else { return nil }
            len = buffer[2..<10].reduce(0) { $0 << 8 | Int($1) }
            header = 10
        }
        if masked { header += 4 }
        guard need(header + len) else { return nil }
        var payload = Array(buffer[header..<(header + len)])
        if masked {
            let key = Array(buffer[(header - 4)..<header])
            for i in payload.indices { payload[i] ^= key[i % 4] }
        }
        buffer.removeSubrange(..<(header + len))
        return (fin, opcode, masked, payload)
    }

    /// A masked client frame.
    static func frame(opcode: UInt8, payload: [UInt8], fin: Bool = true) -> [UInt8] {
        var out: [UInt8] = [(fin ? 0x80 : 0) | opcode]
        if payload.count < 126 {
            out.append(0x80 | UInt8(payload.count))
        } else if payload.count < 65536 {
            out += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        } else {
            out.append(0x80 | 127)
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8((payload.count >> shift) & 0xFF)) }
        }
        let key: [UInt8] = [0x37, 0xFA, 0x21, 0x3D]
        out += key
        for (i, b) in payload.enumerated() { out.append(b ^ key[i % 4]) }
        return out
    }

    /// Opens a WebSocket on `path`; returns the response head.
    func handshake(path: String) -> String? {
        write("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        return readHead()
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard buffer.count >= needle.count else { return nil }
        for i in 0...(buffer.count - needle.count) where Array(buffer[i..<(i + needle.count)]) == needle { return i }
        return nil
    }
}

struct RawSocketError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
