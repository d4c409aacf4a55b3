import ConfigFile

/// The user's config file (`ConfigFile.defaultPath`), read for the commands that take defaults from it.
enum UserConfig {
    /// The config, nil when there is none; a bad file is a `UserFacingError` naming file, line and key (exit 2).
    static func load(environment: [String: String]) throws -> ConfigFile? {
        guard let path = ConfigFile.defaultPath(environment: environment) else { return nil }
        do {
            return try ConfigFile.load(path: path)
        } catch {
            throw UserFacingError(error.description, exitCode: ExitCodes.badInput)
        }
    }

    /// `~/x` → `$HOME/x` for paths written in the config file.
    static func expandingTilde(_ path: String, environment: [String: String]) -> String {
        guard path.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty else { return path }
        return home + path.dropFirst(1)
    }

    /// A path-valued key of the config, `~/` expanded.
    static func path(_ key: String, in config: ConfigFile?, environment: [String: String]) -> String? {
        config?.string(key).map { expandingTilde($0, environment: environment) }
    }
}
