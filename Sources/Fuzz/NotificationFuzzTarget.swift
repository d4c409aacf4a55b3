import Notifications

/// `notifications`: message text through `NotificationDecoder`. Checks that the exact text is kept,
/// and that a new order or reminder written back as `{"type":T,"orderId":ID,"content":…}` decodes
/// to the same notice (the order id survives exactly, whatever its digits).
enum NotificationFuzzing {
    static func run(_ input: [UInt8]) {
        let text = String(decoding: input, as: UTF8.self)
        let n = NotificationDecoder.decode(text)
        precondition(n.text == text, "the decoded notification does not keep the received text")
        precondition(NotificationDecoder.decode(binary: input) == .binary(input))
        let type: Int
        let notice: OrderNotice
        switch n {
        case .newOrder(let o, _): type = 1; notice = o
        case .reminder(let o, _): type = 2; notice = o
        default: return
        }
        var out = Array(#"{"type":\#(type),"orderId":\#(notice.orderId)"#.utf8)
        if let content = notice.content {
            out += Array(#","content":"#.utf8)
            JSONStringEscaper.appendLiteral(content, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        let again = NotificationDecoder.decode(String(decoding: out, as: UTF8.self))
        precondition(again.order == notice, "order notice \(notice) does not survive a round trip: \(again)")
    }
}
