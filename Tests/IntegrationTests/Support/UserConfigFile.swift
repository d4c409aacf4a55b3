import Foundation
import TestSupport

extension TempDir {
    /// Writes `text` as `config/skydash/config.toml` here (use `path("config")` as XDG_CONFIG_HOME)
    /// and returns the file's path.
    @discardableResult
    func writeConfig(_ text: String) throws -> String {
        try FileManager.default.createDirectory(atPath: path("config/skydash"), withIntermediateDirectories: true)
        return try write("config/skydash/config.toml", text)
    }
}
