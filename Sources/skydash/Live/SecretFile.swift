import Foundation

/// Reading a secret (a token, a password) from a file named on the command line or in the config.
enum SecretFile {
    /// The first line of the file, trimmed; `option` names where the path came from (`--token-file`).
    static func firstLine(of path: String, option: String) throws -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw UserFacingError("cannot read \(option) \(path)", exitCode: ExitCodes.badInput)
        }
        let first = text.split(whereSeparator: \.isNewline).first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !first.isEmpty else { throw UserFacingError("\(option) \(path) is empty", exitCode: ExitCodes.badInput) }
        return first
    }

    /// Like `firstLine`, refused (as psql refuses a .pgpass) when group or others have any access
    /// to the file: a password must be readable by its owner only.
    static func privateFirstLine(of path: String, option: String) throws -> String {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw UserFacingError("cannot read \(option) \(path): \(String(cString: strerror(errno)))", exitCode: ExitCodes.badInput)
        }
        let mode = st.st_mode & 0o777
        if mode & 0o077 != 0 {
            throw UserFacingError("\(option) \(path) is accessible by group or others (mode \(String(mode, radix: 8))); "
                                  + "refusing to use it: run chmod 600 \(path)", exitCode: ExitCodes.badInput)
        }
        return try firstLine(of: path, option: option)
    }
}
