// wsclient-bench URL --count N
// Connects with HummingbirdWSClient, decodes every text message with JSONDecoder into the
// notification's fields, counts orders and reminders (type 1 and 2 with an orderId) and prints
// "DONE N" once N of them are in; then waits for stdin to close (the bench samples /proc first).
import Foundation
import HummingbirdWSClient
import Logging

struct Notice: Decodable {
    let orderId: Int?
    let type: Int
    let content: String?
}

let args = CommandLine.arguments
guard args.count == 4, args[2] == "--count", let want = Int(args[3]) else {
    FileHandle.standardError.write(Data("usage: wsclient-bench URL --count N\n".utf8))
    exit(2)
}
let url = args[1]
var logger = Logger(label: "wsclient-bench")
logger.logLevel = .error

do {
    let config = WebSocketClientConfiguration(maxFrameSize: 1 << 16)
    try await WebSocketClient.connect(url: url, configuration: config, logger: logger) { inbound, _, _ in
        let decoder = JSONDecoder()
        var n = 0
        for try await message in inbound.messages(maxSize: 16 << 20) {
            guard case .text(let text) = message else { continue }
            let notice = try decoder.decode(Notice.self, from: Data(text.utf8))
            if (notice.type == 1 || notice.type == 2) && notice.orderId != nil {
                n += 1
                if n == want {
                    FileHandle.standardOutput.write(Data("DONE \(n)\n".utf8))
                }
            }
        }
    }
} catch {
    FileHandle.standardError.write(Data("wsclient-bench: \(error)\n".utf8))
    exit(1)
}
_ = FileHandle.standardInput.readDataToEndOfFile()
