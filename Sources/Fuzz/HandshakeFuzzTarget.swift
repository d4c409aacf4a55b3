import WebSocketClient

/// `handshake`: the server's answer to the upgrade request (status line and header lines, as text)
/// through `Handshake.validate`. Checks that an answer is accepted only with status 101 and exactly
/// one right `Sec-WebSocket-Accept`, and that a right answer with any extra headers of other names
/// stays accepted.
enum HandshakeFuzzing {
    static let key = "dGhlIHNhbXBsZSBub25jZQ=="
    static let checkedNames: Set<String> = ["upgrade", "connection", "sec-websocket-accept", "sec-websocket-extensions", "sec-websocket-protocol"]

    static func run(_ input: [UInt8]) {
        let text = String(decoding: input, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        let statusLine = lines.isEmpty ? "" : lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        let status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let reason = parts.count > 2 ? String(parts[2]) : ""
        let headers: [(String, String)] = lines.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        let expected = Handshake.acceptValue(forKey: key)
        let requested = ["chat"]
        let failure = Handshake.validate(status: status, reasonPhrase: reason, headers: headers, key: key, requestedSubprotocols: requested)
        if let failure {
            _ = failure.description
            _ = failure.isFatal
        } else {
            precondition(status == 101, "accepted an answer with status \(status)")
            let accepts = headers.filter { $0.0.lowercased() == "sec-websocket-accept" }
            precondition(accepts.count == 1 && accepts[0].1.trimmingCharacters(in: .whitespaces) == expected,
                         "accepted an answer without the one right Sec-WebSocket-Accept")
        }
        // A right answer stays right whatever other headers come with it.
        let others = headers.filter { !checkedNames.contains($0.0.lowercased()) }
        let right = [("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Sec-WebSocket-Accept", expected)] + others
        let verdict = Handshake.validate(status: 101, reasonPhrase: "Switching Protocols", headers: right, key: key, requestedSubprotocols: requested)
        precondition(verdict == nil, "a right answer was refused because of other headers: \(verdict!)")
    }
}
