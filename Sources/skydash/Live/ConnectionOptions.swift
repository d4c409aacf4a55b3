import ArgumentParser
import ConfigFile
import Redaction
import Foundation
import WebSocketClient

/// The options every live connection takes (`connect`, and later the dashboard).
struct ConnectionOptions: ParsableArguments {
    @Argument(help: "ws:// or wss:// URL. A path ending in /ws or /ws/, or containing {sid}, gets a client id. (default: url in the config file)")
    var url: String?

    @Option(name: .customLong("client-id"), help: "Client id for /ws/{sid} (default: a fresh random id per attempt).")
    var clientId: String?

    @Option(help: "Value of the 'token' request header (or env SKYDASH_TOKEN, or --token-file).")
    var token: String?

    @Option(name: .customLong("token-file"), help: "Read the token from this file (first line).")
    var tokenFile: String?

    @Option(name: .customLong("header"), help: "Extra request header 'Name: value' (repeatable).")
    var headers: [String] = []

    @Option(name: .customLong("secret-header"), help: "Extra request header 'Name: value' whose value is secret: sent, never shown (repeatable). Headers named like token/auth/key/cookie are secret anyway.")
    var secretHeaders: [String] = []

    @Option(help: "Origin header to send.")
    var origin: String?

    @Option(name: .customLong("ca-file"), help: "PEM file of CA certificates to trust for wss, besides the system store.")
    var caFile: String?

    @Option(name: .customLong("ping-interval"), help: "Seconds between pings (0 disables).")
    var pingInterval: Double = 20

    @Option(name: .customLong("pong-timeout"), help: "Seconds without any answer after a ping before the peer is taken for dead.")
    var pongTimeout: Double = 10

    @Option(name: .customLong("connect-timeout"), help: "Seconds allowed for connect, TLS and handshake.")
    var connectTimeout: Double = 10

    @Option(name: .customLong("backoff-initial"), help: "First reconnect delay in seconds.")
    var backoffInitial: Double = 0.5

    @Option(name: .customLong("backoff-max"), help: "Largest reconnect delay in seconds.")
    var backoffMax: Double = 30

    @Option(name: .customLong("max-message-size"), help: "Largest accepted message in bytes (bigger: close 1009).")
    var maxMessageSize: Int = 16 * 1024 * 1024

    func validate() throws {
        try OptionBounds.check(pingInterval, "ping-interval", OptionBounds.seconds, unit: "seconds", zeroMeans: "no pings")
        try OptionBounds.check(pongTimeout, "pong-timeout", OptionBounds.seconds, unit: "seconds")
        try OptionBounds.check(connectTimeout, "connect-timeout", OptionBounds.seconds, unit: "seconds")
        try OptionBounds.check(backoffInitial, "backoff-initial", OptionBounds.seconds, unit: "seconds")
        try OptionBounds.check(backoffMax, "backoff-max", OptionBounds.backoffCapSeconds, unit: "seconds")
        guard backoffMax >= backoffInitial else { throw ValidationError("--backoff-max must not be below --backoff-initial") }
        try OptionBounds.check(maxMessageSize, "max-message-size", OptionBounds.maxMessageBytes, unit: "bytes")
        if token != nil && tokenFile != nil { throw ValidationError("give --token or --token-file, not both") }
        for h in headers { _ = try Self.parseHeader(h) }
        for h in secretHeaders { _ = try Self.parseHeader(h, option: "--secret-header") }
    }

    /// Parses 'Name: value'; errors show the name only when the value may be secret.
    static func parseHeader(_ text: String, option: String = "--header") throws -> (String, String) {
        guard let colon = text.firstIndex(of: ":") else {
            throw ValidationError("\(option) needs 'Name: value' (no ':' found; the value is not shown, it may be secret)")
        }
        let name = text[..<colon].trimmingCharacters(in: .whitespaces)
        let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        let tchar = CharacterSet(charactersIn: "!#$%&'*+-.^_`|~").union(.alphanumerics)
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.isASCII && tchar.contains($0) }) else {
            throw ValidationError("\(option) '\(name): \(URLRedaction.mask)': invalid header name '\(name)'")
        }
        guard !value.contains(where: { $0 == "\r" || $0 == "\n" }) else {
            throw ValidationError("\(option) '\(name): \(URLRedaction.mask)': value contains a line break")
        }
        return (name, value)
    }

    /// Builds the client configuration; throws a one-line `UserFacingError` for bad input.
    func makeConfiguration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ClientConfiguration {
        let userConfig = try UserConfig.load(environment: environment)
        guard let urlText = url ?? userConfig?.string("url") else {
            throw UserFacingError("no URL: give one (skydash connect ws://HOST:PORT/ws/) or set url in the config file",
                                  exitCode: ExitCodes.badInput)
        }
        let parsed: WebSocketURL
        do {
            parsed = try WebSocketURL(parsing: urlText)
        } catch {
            let origin = url == nil ? "\(userConfig!.origin(of: "url")): url: " : ""
            let reported = Redactor(url: urlText, headers: []).text(error.description)
            throw UserFacingError(origin + reported, exitCode: ExitCodes.badInput)
        }
        var config = ClientConfiguration(url: parsed)
        if let clientId {
            guard !clientId.isEmpty, clientId.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.~".contains($0)) }) else {
                throw UserFacingError("--client-id '\(clientId)' must be letters, digits, '-', '_', '.' or '~'", exitCode: ExitCodes.badInput)
            }
            config.clientId = .fixed(clientId)
        }
        var extra = try headers.map { try Self.parseHeader($0) }
        let secret = try secretHeaders.map { try Self.parseHeader($0, option: "--secret-header") }
        extra += secret
        config.secretHeaderNames = Set(secret.map(\.0))
        if let t = try resolvedToken(environment: environment, config: userConfig) {
            extra.append(("token", t))
        }
        config.headers = extra
        config.origin = origin
        config.caFile = caFile ?? UserConfig.path("ca-file", in: userConfig, environment: environment)
        config.pingInterval = pingInterval
        config.pongTimeout = pongTimeout
        config.connectTimeout = connectTimeout
        config.backoff = Backoff(initial: backoffInitial, factor: 2, cap: backoffMax)
        config.maxMessageSize = maxMessageSize
        return config
    }

    /// `--token`, `--token-file`, SKYDASH_TOKEN, then `token-file` in the config file.
    private func resolvedToken(environment: [String: String], config: ConfigFile?) throws -> String? {
        if let token { return token }
        if let tokenFile { return try SecretFile.firstLine(of: tokenFile, option: "--token-file") }
        if let env = environment["SKYDASH_TOKEN"], !env.isEmpty { return env }
        if let file = UserConfig.path("token-file", in: config, environment: environment) {
            return try SecretFile.firstLine(of: file, option: "token-file (\(config!.origin(of: "token-file")))")
        }
        return nil
    }
}

/// Documented exit codes (README "Exit codes").
enum ExitCodes {
    static let ok: Int32 = 0
    /// The connection failed for good: handshake refused with 4xx, TLS trust failure.
    static let connectionFailed: Int32 = 1
    /// Bad input: URL, CA file, token file, header; or a bad log line with --strict.
    static let badInput: Int32 = 2
    /// Admin commands: the backend refused (its message on stderr).
    static let refused: Int32 = 1
    /// Admin commands: login failed or the token was refused.
    static let loginFailed: Int32 = 3
    /// Admin commands: network error, timeout, HTTP error or an answer that makes no sense.
    static let networkOrHTTP: Int32 = 4
}

/// An error shown to the user as one line on stderr, with its exit code.
struct UserFacingError: Error, CustomStringConvertible {
    var message: String
    var exitCode: Int32
    init(_ message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }
    var description: String { message }
}

enum StandardError {
    static func line(_ text: String) {
        FileHandle.standardError.write(Data(("skydash: " + text + "\n").utf8))
    }
}
