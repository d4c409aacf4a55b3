import AdminAPI
import ArgumentParser
import Foundation
import NIOCore
import Terminal

/// The admin API for `connect` (the dashboard's orders, and the catch-up check for both the
/// dashboard and headless): the address, who logs in, and how. The token (`--token`,
/// `--token-file`, SKYDASH_TOKEN) and `--ca-file` are the connection's own.
struct DashboardAPIOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Admin API base (default: derived from the URL: ws://HOST:PORT/ws/ → http://HOST:PORT/admin).",
                               valueName: "URL"))
    var api: String?

    @Option(help: "Employee to log in as (password: env SKYDASH_PASSWORD, --password-file, or asked for at start).")
    var user: String?

    @Option(name: .customLong("password-file"), help: ArgumentHelp("Read the password from this file (first line; chmod 600).",
                                                                   valueName: "FILE"))
    var passwordFile: String?

    @Flag(name: .customLong("no-api"), help: "Do not use the admin API: rows show only what the WebSocket says.")
    var noAPI = false

    @Option(help: ArgumentHelp("Seconds between checks for orders the WebSocket missed (待接单 over the admin API; also at every open). 0: only at opens.",
                               valueName: "S"))
    var reconcile: Double = 60

    @Option(name: .customLong("deaf-after"), help: ArgumentHelp(
        "Seconds an order placed after the session opened may stay unannounced before the session is taken for deaf and reconnected.",
        valueName: "S", visibility: .hidden))
    var deafAfter: Double = 30

    func validate() throws {
        guard reconcile.isFinite, (0...86_400).contains(reconcile) else { throw ValidationError("--reconcile must be 0...86400 seconds") }
        if reconcile > 0 && reconcile < 1 { throw ValidationError("--reconcile must be 0 (off) or at least 1 second") }
        guard deafAfter.isFinite, (0...86_400).contains(deafAfter) else { throw ValidationError("--deaf-after must be 0...86400 seconds") }
    }

    /// The client for the dashboard, or why there is none (shown in the header). Throws a
    /// `UserFacingError` for bad input (a password file others can read, a bad --api).
    func makeClient(connection: ConnectionOptions, group: any EventLoopGroup, mayAsk: Bool,
                    environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (AdminClient?, String?) {
        if noAPI { return (nil, "admin API off (--no-api)") }
        var options = AdminOptions()
        options.api = api
        options.url = connection.url
        options.user = user
        options.passwordFile = passwordFile
        options.token = connection.token
        options.tokenFile = connection.tokenFile
        options.caFile = connection.caFile
        let settings = try options.settings(environment: environment)
        guard settings.user != nil || settings.token != nil || settings.tokenFile != nil else {
            return (nil, "not logged in: give --user NAME or --token (see skydash connect --help)")
        }
        let configuration: AdminAPIConfiguration
        do {
            configuration = try settings.apiConfiguration()
        } catch let e as UserFacingError where settings.api == nil && settings.user == nil {
            // Only a token for the WebSocket: the admin API is optional, say why there is none.
            return (nil, "no admin API: \(e.message)")
        }
        let credentials: AdminCredentials
        if settings.token == nil, settings.tokenFile == nil, let user = settings.user, settings.passwordFile == nil,
           settings.passwordFromEnvironment == nil {
            guard mayAsk, let password = PasswordPrompt.ask("Password for \(user.value) at \(configuration.base): ") else {
                return (nil, "not logged in: no password for \(user.value) (SKYDASH_PASSWORD, --password-file, or a terminal to ask on)")
            }
            credentials = .password(username: user.value, password: password)
        } else {
            credentials = try settings.credentials()
        }
        do {
            return (try AdminClient(configuration: configuration, credentials: credentials, eventLoopGroup: group), nil)
        } catch {
            throw UserFacingError(error.message, exitCode: ExitCodes.badInput)
        }
    }
}

/// Asks for a password on the terminal without echo (before the dashboard takes the screen).
enum PasswordPrompt {
    /// Nil when there is no terminal to ask on, or the merchant gave an empty answer.
    static func ask(_ prompt: String) -> String? {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let saved = TerminalModes.allocate(), quiet = TerminalModes.allocate()
        defer { saved.deallocate(); quiet.deallocate() }
        guard tcgetattr(fd, saved) == 0, tcgetattr(fd, quiet) == 0 else { return nil }
        quiet.pointee.c_lflag &= ~tcflag_t(ECHO)
        quiet.pointee.c_lflag |= tcflag_t(ICANON)
        _ = Array(prompt.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard tcsetattr(fd, TCSAFLUSH, quiet) == 0 else { return nil }
        defer {
            _ = tcsetattr(fd, TCSAFLUSH, saved)
            _ = write(fd, "\n", 1)
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(fd, &byte, 1) == 1, byte != 0x0A, byte != 0x0D { bytes.append(byte) }
        let answer = String(decoding: bytes, as: UTF8.self)
        return answer.isEmpty ? nil : answer
    }
}
