import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How the journal's file is opened so that no other account can read it, redirect it or swap it:
///
/// - the file is opened with `O_NOFOLLOW` (a symlink planted at the predictable daily name is
///   refused, never followed) and created 0600;
/// - an existing regular file must be ours and not group- or world-writable; one that others may
///   only read (0644) is narrowed to 0600;
/// - the folder holding it must be a real folder (not a symlink), ours, and not group- or
///   world-writable, unless it is a sticky shared folder like /tmp (others cannot remove or rename
///   our files there; the file checks above still apply);
/// - devices and pipes named with `--journal` (`/dev/null`) are used as they are.
enum JournalFileSafety {
    static let flags = O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC

    /// The folder part of `path` ("." for a bare file name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    /// True when nothing at all is at `path` (not even a dangling symlink).
    static func isMissing(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) != 0 && errno == ENOENT
    }

    /// Opens `path` for appending after the checks above; throws a one-line reason.
    static func openForAppend(_ path: String) throws(JournalError) -> Int32 {
        var st = stat()
        let exists = lstat(path, &st) == 0
        let special = exists && (st.st_mode & S_IFMT) != S_IFREG && (st.st_mode & S_IFMT) != S_IFLNK
        if !special { try checkFolder(folder(of: path)) }
        let fd = Sys.open(path, flags, 0o600)
        guard fd >= 0 else {
            let e = errno
            if e == ELOOP { throw JournalError(refusing: path, "it is a symbolic link (the journal is never written through a link)") }
            throw JournalError("journal", "open", path, e)
        }
        do {
            try checkOpenFile(fd, path)
        } catch {
            _ = Sys.close(fd)
            throw error
        }
        return fd
    }

    private static func checkOpenFile(_ fd: Int32, _ path: String) throws(JournalError) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw JournalError("journal", "inspect", path, errno) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return }
        if st.st_uid != geteuid() {
            throw JournalError(refusing: path, "it belongs to another user (uid \(st.st_uid))")
        }
        let mode = st.st_mode & 0o7777
        if mode & 0o022 != 0 {
            throw JournalError(refusing: path, "it is group- or world-writable (mode \(octal(mode))); fix with chmod 600")
        }
        if mode & 0o077 != 0, fchmod(fd, 0o600) != 0 {
            throw JournalError("journal", "make private (chmod 600)", path, errno)
        }
    }

    static func checkFolder(_ dir: String) throws(JournalError) {
        var st = stat()
        guard lstat(dir, &st) == 0 else { throw JournalError("journal", "inspect folder", dir, errno) }
        if (st.st_mode & S_IFMT) == S_IFLNK {
            throw JournalError(refusing: dir, "the folder is a symbolic link")
        }
        // Not a folder at all: opening the file below it fails and says so (ENOTDIR).
        guard (st.st_mode & S_IFMT) == S_IFDIR else { return }
        let sticky = st.st_mode & S_ISVTX != 0
        if sticky { return }
        if st.st_uid != geteuid() {
            throw JournalError(refusing: dir, "the folder belongs to another user (uid \(st.st_uid))")
        }
        let mode = st.st_mode & 0o7777
        if mode & 0o022 != 0 {
            throw JournalError(refusing: dir, "the folder is group- or world-writable (mode \(octal(mode))); fix with chmod 700")
        }
    }

    private static func octal(_ mode: mode_t) -> String {
        "0" + String(mode, radix: 8)
    }
}
