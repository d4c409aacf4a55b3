import AdminAPI
import ArgumentParser
import ConfigFile
import Foundation

/// The options every admin command takes (`login`, `orders`, `order …`, `shop`, `config`). Each
/// one not given falls back to the config file's key of the same name.
struct AdminOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Admin API base, e.g. http://127.0.0.1:8080/admin or https://shop.example/api (default: derived from --url).",
                               valueName: "URL"))
    var api: String?

    @Option(help: ArgumentHelp("The WebSocket URL (ws://HOST:PORT/ws/); the API is derived from it: http://HOST:PORT/admin.",
                               valueName: "WS-URL"))
    var url: String?

    @Option(help: "Employee user name to log in with (password: env SKYDASH_PASSWORD or --password-file).")
    var user: String?

    @Option(name: .customLong("password-file"), help: ArgumentHelp("Read the password from this file (first line); it must be private (chmod 600).",
                                                                   valueName: "FILE"))
    var passwordFile: String?

    @Option(help: "A token to use instead of logging in (or env SKYDASH_TOKEN, or --token-file: a flag shows in ps); it cannot be renewed.")
    var token: String?

    @Option(name: .customLong("token-file"), help: ArgumentHelp("Read the token from this file (first line).", valueName: "FILE"))
    var tokenFile: String?

    @Option(name: .customLong("ca-file"), help: ArgumentHelp("PEM file of CA certificates to trust for https, besides the system store.",
                                                             valueName: "FILE"))
    var caFile: String?

    func validate() throws {
        if token != nil && tokenFile != nil { throw ValidationError("give --token or --token-file, not both") }
        if user != nil && (token != nil || tokenFile != nil) { throw ValidationError("give --user or a token, not both") }
        if passwordFile != nil && (token != nil || tokenFile != nil) { throw ValidationError("give --password-file or a token, not both") }
    }

    /// The flags, the environment and the config file, merged (flags first).
    func settings(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AdminSettings {
        let config = try UserConfig.load(environment: environment)
        return AdminSettings(options: self, config: config, environment: environment)
    }
}

/// Text for each admin command's `--help`.
enum AdminHelp {
    static let exitCodes = """
        Exit codes: 0 done; 1 refused by the backend (its message on stderr, e.g. 订单状态错误); \
        2 bad input (config file, password file, API address, no credentials); 64 bad flags (an ID that is not a number too); 3 login failed or token refused; \
        4 network or HTTP error.
        Options not given are read from the config file ($XDG_CONFIG_HOME/skydash/config.toml, \
        else ~/.config/skydash/config.toml): see `skydash config`.
        """
}
