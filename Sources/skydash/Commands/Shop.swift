import AdminAPI
import ArgumentParser
import Orders

struct Shop: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show whether the shop takes orders (营业中 / 打烊中), or open or close it.",
        discussion: AdminHelp.exitCodes)

    enum Verb: String, ExpressibleByArgument, CaseIterable {
        case status, open, close
    }

    @OptionGroup var admin: AdminOptions

    @Argument(help: "status (default), open or close.")
    var verb: Verb = .status

    func run() throws {
        let out = LineWriter()
        let verb = self.verb
        try AdminSession.run(admin) { client throws(AdminAPIError) in
            switch verb {
            case .status:
                break
            case .open:
                try await client.setShop(.open)
            case .close:
                try await client.setShop(.closed)
            }
            let now = try await client.shopStatus()
            out.write("shop: \(now.word) (\(now == .open ? "open" : "closed"))")
        }
    }
}
