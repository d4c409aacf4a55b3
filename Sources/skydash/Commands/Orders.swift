import AdminAPI
import ArgumentParser
import Foundation
import Orders

struct OrdersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders",
        abstract: "List orders from the admin API, newest first.",
        discussion: """
            text: an aligned table (number, status in the admin UI's words, amount, order time, dishes). \
            jsonl: one JSON object per order with id, number, status, statusText, amount (a string, exactly \
            as the backend wrote it), orderTime, dishes and more.
            Statuses: 1 待付款, 2 待接单, 3 待派送, 4 派送中, 5 已完成, 6 已取消, 7 退款.

            \(AdminHelp.exitCodes)
            """)

    @OptionGroup var admin: AdminOptions

    @Option(help: "Only orders with this status (1-7).")
    var status: Int?

    @Option(help: "Page number, from 1.")
    var page: Int = 1

    @Option(name: .customLong("page-size"), help: "Orders per page (1-100).")
    var pageSize: Int = 10

    @Option(help: "Output format: text or jsonl.")
    var format: ListFormat?

    enum ListFormat: String, ExpressibleByArgument, CaseIterable {
        case text, jsonl
    }

    func validate() throws {
        if let status, !(1...7).contains(status) { throw ValidationError("--status must be 1-7, got \(status)") }
        try OptionBounds.check(page, "page", OptionBounds.page)
        guard (1...100).contains(pageSize) else { throw ValidationError("--page-size must be 1-100, got \(pageSize)") }
    }

    func run() throws {
        let out = LineWriter()
        let query = OrderQuery(page: page, pageSize: pageSize, status: status)
        let format = try self.format ?? configuredFormat()
        try AdminSession.run(admin) { client throws(AdminAPIError) in
            let result = try await client.conditionSearch(query)
            switch format {
            case .jsonl:
                for o in result.records { out.write(o.jsonLine) }
            case .text:
                if result.records.isEmpty {
                    out.write("no orders (total \(result.total))")
                } else {
                    for line in OrderText.table(result.records) { out.write(line) }
                    out.write("page \(query.page): \(result.records.count) of \(result.total) orders")
                }
            }
        }
    }

    /// `format` from the config file (already checked to be text or jsonl), else text.
    private func configuredFormat() throws -> ListFormat {
        do {
            let config = try UserConfig.load(environment: ProcessInfo.processInfo.environment)
            return config?.string("format").flatMap(ListFormat.init(rawValue:)) ?? .text
        } catch let e as UserFacingError {
            StandardError.line(e.message)
            throw ExitCode(e.exitCode)
        }
    }
}
