import AdminAPI
import ArgumentParser
import Foundation
import Orders

struct OrderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order",
        abstract: "Show one order or act on it: accept, reject, cancel, deliver, complete.",
        discussion: """
            The backend allows: accept and reject only 待接单; deliver only 待派送; complete only 派送中; \
            cancel any order not finished. Anything else is refused with 订单状态错误 (exit 1).
            Reasons the admin UI offers — reject: \(OrderReasons.reject.joined(separator: " / ")); \
            cancel also: 骑手不足无法配送 / 客户电话取消. Any other text works too.

            \(AdminHelp.exitCodes)
            """,
        subcommands: [Show.self, Accept.self, Reject.self, Cancel.self, Deliver.self, Complete.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every field a merchant needs: number, status, times, amount, dishes, consignee, phone, address, remark, reasons.",
            discussion: AdminHelp.exitCodes)
        @OptionGroup var order: OrderIdOptions

        func run() throws {
            let out = LineWriter()
            let id = order.id
            try AdminSession.run(order.admin) { client throws(AdminAPIError) in
                let details = try await client.details(id: id)
                for line in OrderText.details(details) { out.write(line) }
            }
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Accept (接单) a 待接单 order.", discussion: AdminHelp.exitCodes)
        @OptionGroup var order: OrderIdOptions
        func run() throws { try OrderCommand.perform(.accept, on: order) }
    }

    struct Deliver: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send out (派送) a 待派送 order.", discussion: AdminHelp.exitCodes)
        @OptionGroup var order: OrderIdOptions
        func run() throws { try OrderCommand.perform(.deliver, on: order) }
    }

    struct Complete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Complete (完成) a 派送中 order.", discussion: AdminHelp.exitCodes)
        @OptionGroup var order: OrderIdOptions
        func run() throws { try OrderCommand.perform(.complete, on: order) }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reject (拒单) a 待接单 order, with a reason.",
            discussion: "Reasons the admin UI offers: \(OrderReasons.reject.joined(separator: " / ")).\n\n\(AdminHelp.exitCodes)")
        @OptionGroup var order: OrderIdOptions
        @OptionGroup var reason: ReasonOption
        func run() throws { try OrderCommand.perform(.reject(reason: reason.reason), on: order) }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel (取消) an order that is not finished, with a reason.",
            discussion: "Reasons the admin UI offers: \(OrderReasons.cancel.joined(separator: " / ")).\n\n\(AdminHelp.exitCodes)")
        @OptionGroup var order: OrderIdOptions
        @OptionGroup var reason: ReasonOption
        func run() throws { try OrderCommand.perform(.cancel(reason: reason.reason), on: order) }
    }

    /// Performs the action and prints `order ID: 接单 ok → 待派送`.
    static func perform(_ action: OrderAction, on order: OrderIdOptions) throws {
        let out = LineWriter()
        let id = order.id
        try AdminSession.run(order.admin) { client throws(AdminAPIError) in
            try await client.perform(action, id: id)
            out.write("order \(id): \(action.kind.word) ok → \(action.kind.resultingStatus.word)")
        }
    }
}

/// The admin options and the order's id, for every `order` subcommand.
struct OrderIdOptions: ParsableArguments {
    @OptionGroup var admin: AdminOptions
    @Argument(help: "The order's id.") var id: Int64
}

/// `--reason TEXT` of reject and cancel: one line of text, not blank.
struct ReasonOption: ParsableArguments {
    @Option(help: "Why (shown to the customer).") var reason: String

    func validate() throws {
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("--reason must not be empty") }
        if reason.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw ValidationError("--reason must be one line of text without control characters")
        }
    }
}
