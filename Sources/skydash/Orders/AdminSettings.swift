import AdminAPI
import ConfigFile
import Foundation

/// The effective admin settings: each value with where it came from, so `skydash config` can show
/// them and an error about a value from the config file names its file and line.
struct AdminSettings {
    struct Setting {
        var value: String
        /// `--api`, `SKYDASH_TOKEN`, or `FILE:LINE` of the config file.
        var origin: String
    }

    var config: ConfigFile?
    var api: Setting?
    var url: Setting?
    var user: Setting?
    var passwordFile: Setting?
    var token: Setting?
    var tokenFile: Setting?
    var caFile: Setting?
    /// `SKYDASH_PASSWORD`, when set.
    var passwordFromEnvironment: String?

    init(options: AdminOptions, config: ConfigFile?, environment: [String: String]) {
        self.config = config
        func pick(_ flag: String?, _ name: String, isPath: Bool = false) -> Setting? {
            if let flag { return Setting(value: flag, origin: "--\(name)") }
            guard let c = config, let v = c.string(name) else { return nil }
            return Setting(value: isPath ? UserConfig.expandingTilde(v, environment: environment) : v, origin: c.origin(of: name))
        }
        api = pick(options.api, "api")
        url = pick(options.url, "url")
        caFile = pick(options.caFile, "ca-file", isPath: true)
        // Credentials, first found wins: a token flag; --user; SKYDASH_TOKEN; the config's user;
        // the config's token-file.
        let envToken = environment["SKYDASH_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        if let t = options.token {
            token = Setting(value: t, origin: "--token")
        } else if let f = options.tokenFile {
            tokenFile = Setting(value: f, origin: "--token-file")
        } else if options.user == nil, let envToken {
            token = Setting(value: envToken, origin: "SKYDASH_TOKEN")
        } else if let u = pick(options.user, "user") {
            user = u
            passwordFile = pick(options.passwordFile, "password-file", isPath: true)
        } else {
            tokenFile = pick(nil, "token-file", isPath: true)
        }
        if let p = environment["SKYDASH_PASSWORD"], !p.isEmpty { passwordFromEnvironment = p }
    }

    /// A one-line error about a setting: `CONFIG:LINE: key: message` or `--flag: message`.
    private func problem(_ setting: Setting, _ key: String, _ message: String) -> UserFacingError {
        let prefix = setting.origin.hasPrefix("--") ? setting.origin : "\(setting.origin): \(key)"
        return UserFacingError("\(prefix): \(message)", exitCode: ExitCodes.badInput)
    }

    /// Where the API is: `--api`, else derived from `--url`.
    func baseURL() throws -> AdminBaseURL {
        if let api {
            do { return try AdminBaseURL(parsing: api.value) } catch {
                throw problem(api, "api", error.message.replacingOccurrences(of: "--api ", with: ""))
            }
        }
        if let url {
            do { return try AdminBaseURL.derived(fromWebSocketURL: url.value) } catch {
                throw problem(url, "url", error.message)
            }
        }
        throw UserFacingError("no admin API address: give --api URL or --url WS-URL (or api / url in the config file)",
                              exitCode: ExitCodes.badInput)
    }

    func apiConfiguration() throws -> AdminAPIConfiguration {
        AdminAPIConfiguration(base: try baseURL(), caFile: caFile?.value)
    }

    /// The credentials: a token, or a user with a password from the password file or SKYDASH_PASSWORD.
    func credentials() throws -> AdminCredentials {
        if let token { return .token(token.value) }
        if let tokenFile {
            return .token(try SecretFile.firstLine(of: tokenFile.value, option: Self.optionName(tokenFile, "token-file")))
        }
        guard let user else {
            throw UserFacingError("no credentials: give --user NAME (password from SKYDASH_PASSWORD or --password-file), "
                                  + "or --token / --token-file / SKYDASH_TOKEN", exitCode: ExitCodes.badInput)
        }
        if let passwordFile {
            return .password(username: user.value,
                             password: try SecretFile.privateFirstLine(of: passwordFile.value,
                                                                       option: Self.optionName(passwordFile, "password-file")))
        }
        if let passwordFromEnvironment { return .password(username: user.value, password: passwordFromEnvironment) }
        throw UserFacingError("no password for user \(user.value): set SKYDASH_PASSWORD or give --password-file FILE",
                              exitCode: ExitCodes.badInput)
    }

    /// `--password-file`, or `password-file (CONFIG:LINE)` for a value from the config file.
    private static func optionName(_ s: Setting, _ key: String) -> String {
        s.origin.hasPrefix("--") ? s.origin : "\(key) (\(s.origin))"
    }
}
