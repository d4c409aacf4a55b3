import DemoBackend
import Foundation
import Testing

@Suite struct DemoCommandTests {
    func parse(_ line: String) -> Result<DemoCommand?, DemoCommandError> {
        Result { () throws(DemoCommandError) -> DemoCommand? in try DemoCommand.parse(line) }
    }

    @Test func commands() throws {
        let table: [(String, DemoCommand?)] = [
            ("order", .order(id: nil, content: nil)),
            ("order\n", .order(id: nil, content: nil)),
            ("  ORDER  ", .order(id: nil, content: nil)),
            ("order 1234", .order(id: 1234, content: nil)),
            ("order 1234 订单号: 1764126000001", .order(id: 1234, content: "订单号: 1764126000001")),
            ("order 1234   two  spaces  kept inside ", .order(id: 1234, content: "two  spaces  kept inside")),
            ("order hello world", .order(id: nil, content: "hello world")),
            ("order -5 negative", .order(id: -5, content: "negative")),
            ("order\t9223372036854775807", .order(id: .max, content: nil)),
            ("remind 1001", .remind(id: 1001)),
            ("remind   1001  \r\n", .remind(id: 1001)),
            ("raw {\"type\":1", .raw("{\"type\":1")),
            ("raw   spaces kept ", .raw("  spaces kept ")),
            ("raw \u{1B}[31mred", .raw("\u{1B}[31mred")),
            ("raw x \r\n", .raw("x ")),
            ("raw\tx", .raw("x")),
            ("drop", .drop),
            ("help", .help),
            ("help me", .help),
            ("", nil),
            ("   \t ", nil),
            ("# a comment", nil),
        ]
        for (line, expected) in table {
            #expect(try parse(line).get() == expected, "\(line.debugDescription)")
        }
    }

    @Test func errors() {
        let table: [(String, String)] = [
            ("x", #"unknown command "x" (try: order, remind, raw, drop, help)"#),
            ("send hi", #"unknown command "send" (try: order, remind, raw, drop, help)"#),
            ("\u{1B}[2J", #"unknown command "\u{1B}[2J" (try: order, remind, raw, drop, help)"#),
            ("remind", "remind needs an order id, e.g. remind 1001"),
            ("remind   ", "remind needs an order id, e.g. remind 1001"),
            ("remind abc", #"remind needs an order id (a whole number), not "abc""#),
            ("remind 1.5", #"remind needs an order id (a whole number), not "1.5""#),
            ("remind 1001 1002", "remind takes one order id, e.g. remind 1001"),
            ("remind 99999999999999999999", "order id 99999999999999999999 is out of range (a 64-bit integer)"),
            ("order 99999999999999999999 x", "order id 99999999999999999999 is out of range (a 64-bit integer)"),
            ("raw", #"raw needs the text to send, e.g. raw {"type":1}"#),
            ("raw ", #"raw needs the text to send, e.g. raw {"type":1}"#),
            ("drop now", "drop takes no arguments"),
        ]
        for (line, message) in table {
            switch parse(line) {
            case .success(let c): Issue.record("\(line.debugDescription) parsed as \(String(describing: c))")
            case .failure(let e): #expect(e.message == message, "\(line.debugDescription)")
            }
        }
    }

    @Test func helpNamesEveryCommand() {
        for name in DemoCommand.names {
            #expect(DemoCommand.helpText.contains("\n  \(name)"), "\(name)")
        }
    }
}
