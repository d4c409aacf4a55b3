import AdminAPI
import ArgumentParser
import ConfigFile
import Foundation
import Redaction

struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the effective settings (flags, environment, config file), secrets masked.",
        discussion: """
            The config file is $XDG_CONFIG_HOME/skydash/config.toml, else ~/.config/skydash/config.toml: \
            `option = value` lines giving defaults for long options (\(ConfigFile.keys.map(\.name).joined(separator: ", "))). \
            Flags override it. Secrets are never written in it: use password-file / token-file. \
            A bad key or value is an error naming the file, line and key (exit 2).
            """)

    @OptionGroup var admin: AdminOptions

    func run() throws {
        let out = LineWriter()
        let environment = ProcessInfo.processInfo.environment
        let settings: AdminSettings
        do {
            settings = try admin.settings(environment: environment)
        } catch let e as UserFacingError {
            StandardError.line(e.message)
            throw ExitCode(e.exitCode)
        }
        let path = ConfigFile.defaultPath(environment: environment)
        out.write("config file: \(path.map(OrderText.safe) ?? "none (neither XDG_CONFIG_HOME nor HOME is set)")\(settings.config == nil && path != nil ? " (not found)" : "")")
        for line in Self.lines(settings) { out.write(line) }
    }

    /// `key = value  (origin)` for each setting; secrets as `********`.
    static func lines(_ s: AdminSettings) -> [String] {
        var rows: [(String, String, String)] = []
        func add(_ key: String, _ setting: AdminSettings.Setting?, secret: Bool = false, isURL: Bool = false) {
            guard let setting else { return }
            let shown = isURL ? URLRedaction.redact(setting.value) : setting.value
            rows.append((key, secret ? "********" : OrderText.safe(shown), setting.origin))
        }
        add("api", s.api, isURL: true)
        if s.api == nil, s.url != nil {
            let derived = (try? URLRedaction.redact(s.baseURL().description)) ?? "(cannot be derived)"
            rows.append(("api", derived, "derived from url"))
        }
        add("url", s.url, isURL: true)
        add("user", s.user)
        add("password-file", s.passwordFile)
        if s.user != nil, s.passwordFile == nil, s.passwordFromEnvironment != nil {
            rows.append(("password", "********", "SKYDASH_PASSWORD"))
        }
        add("token", s.token, secret: true)
        add("token-file", s.tokenFile)
        add("ca-file", s.caFile)
        if let c = s.config {
            for key in ["format", "theme", "journal", "no-journal", "no-bell"] {
                if let v = c.values[key] { rows.append((key, OrderText.safe(v.description), c.origin(of: key))) }
            }
        }
        if rows.isEmpty { return ["(nothing set)"] }
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + " = " + $0.1 + "   (" + OrderText.safe($0.2) + ")" }
    }
}
