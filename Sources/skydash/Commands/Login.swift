import AdminAPI
import ArgumentParser
import Foundation

struct Login: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the admin API credentials and print who you are (never the token).",
        discussion: """
            With --user (password from SKYDASH_PASSWORD or --password-file) it logs in and prints the \
            employee's id, user name and name. With a token it checks that the backend accepts it.

            \(AdminHelp.exitCodes)
            """)

    @OptionGroup var admin: AdminOptions

    func run() throws {
        let out = LineWriter()
        try AdminSession.run(admin) { client throws(AdminAPIError) in
            if await client.credentials.canLogIn {
                let who = try await client.login()
                out.write("logged in: id \(who.id), userName \(OrderText.safe(who.userName)), name \(OrderText.safe(who.name))")
            } else {
                _ = try await client.shopStatus()
                let id = await client.tokenEmployeeId.map { "employee id \($0)" } ?? "employee id unknown"
                let expiry = await client.expiry.map { ", expires \(Self.timestamp($0))" } ?? ""
                out.write("token accepted: \(id) (from the token)\(expiry); a fixed token cannot be renewed")
            }
        }
    }

    static func timestamp(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return f.string(from: d)
    }
}
