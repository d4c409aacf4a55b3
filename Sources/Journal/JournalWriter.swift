import Foundation
import Session
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends journal records, one line each, to the day's file (`journal-YYYY-MM-DD.jsonl` by the
/// record's local date, so it rolls over at midnight) or to one explicit file (`--journal PATH`).
///
/// Durability: every record is handed to the kernel with a single `write(2)` of the whole line
/// plus `\n` (no user-space buffering) before `append` returns, so a crash or `kill -9` of skydash
/// loses nothing that was appended. `fsync(2)` runs on an append when at least 1 s has passed
/// since the last one, and on `flush()` and `close()`: a power cut loses at most the records of
/// the last ~1 s, provided the owner calls `flush()` when appends stop (e.g. ~1 s after the last).
///
/// Files are created with mode 0600 (`O_WRONLY|O_APPEND|O_CREAT|O_NOFOLLOW`), missing folders
/// with 0700; unsafe existing files and folders are refused (see `JournalFileSafety`). If a file ends in a cut-short line (a crash mid-write elsewhere, a
/// full disk), the next record starts on a new line, so only the cut line reads as bad.
///
/// Failures never stop the session: `append` returns the error the first time it happens (then nil
/// for the same error until a write succeeds again) and later records are tried again.
/// Thread-safe: all state is behind a lock.
public final class JournalWriter: @unchecked Sendable {
    public enum Destination: Sendable, Equatable {
        /// One file per local day in this directory (created as needed).
        case daily(directory: String)
        /// Exactly this file, no rollover; its missing folders are created.
        case file(path: String)
    }

    /// `$XDG_STATE_HOME/skydash` if that is an absolute path, else `$HOME/.local/state/skydash`;
    /// nil when neither is set.
    public static func defaultDirectory(environment env: [String: String]) -> String? {
        func join(_ base: String, _ rest: String) -> String {
            var b = base
            while b.count > 1, b.hasSuffix("/") { b.removeLast() }
            return b == "/" ? "/" + rest : b + "/" + rest
        }
        if let x = env["XDG_STATE_HOME"], x.hasPrefix("/") { return join(x, "skydash") }
        if let h = env["HOME"], !h.isEmpty { return join(h, ".local/state/skydash") }
        return nil
    }

    public let destination: Destination
    private let encoder: LogRecordEncoder
    private let formatter: EventLineFormatter
    private let lock = NSLock()
    private static let syncInterval: Duration = .seconds(1)

    // Guarded by `lock`.
    private var fd: Int32 = -1
    private var openPath: String?
    private var needsNewline = false
    private var lastSync: ContinuousClock.Instant?
    private var unsynced = false
    private var reported: Set<String> = []

    /// `timeZone` sets both the day of the file and the offset written in `at`.
    public init(_ destination: Destination, timeZone: TimeZone = .current) {
        self.destination = destination
        self.encoder = LogRecordEncoder(timeZone: timeZone)
        self.formatter = EventLineFormatter(format: .jsonl, timeZone: timeZone)
    }

    deinit {
        if fd >= 0 {
            if unsynced { _ = fsync(fd) }
            _ = Sys.close(fd)
        }
    }

    /// The file a record made at `date` goes to.
    public func path(for date: Date) -> String {
        switch destination {
        case .file(let path):
            return path
        case .daily(let dir):
            let day = formatter.isoTimestamp(date).prefix(10)  // YYYY-MM-DD, local
            return (dir.hasSuffix("/") ? dir : dir + "/") + "journal-\(day).jsonl"
        }
    }

    /// Creates the directory and opens the file for `date` now, so a start-up can report a
    /// journal that cannot be written before any message arrives. An error thrown here counts as
    /// reported: `append` will not return it again.
    public func prepare(at date: Date = Date()) throws(JournalError) {
        lock.lock()
        defer { lock.unlock() }
        do {
            try openFile(for: date)
        } catch {
            reported.insert(error.description)
            throw error
        }
    }

    /// Appends the record of `event` (events that are not journalled are ignored). Returns an error
    /// to report, or nil: each distinct error is returned once until a write succeeds again.
    @discardableResult
    public func append(_ event: TimedEvent) -> JournalError? {
        guard let line = encoder.line(for: event) else { return nil }
        lock.lock()
        defer { lock.unlock() }
        do {
            try openFile(for: event.at)
            try write(line)
            reported.removeAll()
            return nil
        } catch {
            return reported.insert(error.description).inserted ? error : nil
        }
    }

    /// Forces what was appended to stable storage (`fsync`).
    public func flush() throws(JournalError) {
        lock.lock()
        defer { lock.unlock() }
        try sync(force: true)
    }

    /// Syncs and closes the file. A later `append` opens it again.
    public func close() throws(JournalError) {
        lock.lock()
        defer { lock.unlock() }
        try closeFile()
    }

    // MARK: - Under the lock

    private func fail(_ verb: String, _ path: String, _ code: Int32) -> JournalError {
        JournalError("journal", verb, path, code)
    }

    private func openFile(for date: Date) throws(JournalError) {
        let path = path(for: date)
        if fd >= 0, openPath == path { return }
        try closeFile()
        switch destination {
        case .daily(let dir): try makeDirectory(dir)
        case .file:
            let dir = JournalFileSafety.folder(of: path)
            if JournalFileSafety.isMissing(dir) { try makeDirectory(dir) }
        }
        let newFD = try JournalFileSafety.openForAppend(path)
        fd = newFD
        openPath = path
        needsNewline = endsInCutLine(path)
        lastSync = nil
        unsynced = false
    }

    private func closeFile() throws(JournalError) {
        guard fd >= 0 else { return }
        defer {
            _ = Sys.close(fd)
            fd = -1
            openPath = nil
        }
        try sync(force: true)
    }

    /// True when `path` is a regular file whose last byte is not a newline.
    private func endsInCutLine(_ path: String) -> Bool {
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0 else { return false }
        let r = Sys.open(path, O_RDONLY | O_CLOEXEC)
        guard r >= 0 else { return false }
        defer { _ = Sys.close(r) }
        var last: UInt8 = 0
        return pread(r, &last, 1, off_t(st.st_size - 1)) == 1 && last != 0x0A
    }

    private func makeDirectory(_ dir: String) throws(JournalError) {
        if isDirectory(dir) { return }
        let absolute = dir.hasPrefix("/")
        var current = ""
        for part in dir.split(separator: "/") {
            current = current.isEmpty ? (absolute ? "/" : "") + part : current + "/" + part
            if mkdir(current, 0o700) == 0 { continue }
            let e = errno
            if isDirectory(current) { continue }
            throw fail("create directory", dir, e == EEXIST ? ENOTDIR : e)
        }
    }

    private func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// One `write(2)` of the whole line (looping only on partial writes and EINTR).
    private func write(_ line: String) throws(JournalError) {
        var bytes = [UInt8]()
        bytes.reserveCapacity(line.utf8.count + 2)
        if needsNewline { bytes.append(0x0A) }
        bytes.append(contentsOf: line.utf8)
        bytes.append(0x0A)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Sys.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n > 0 { done += n; continue }
            let e = n == 0 ? EIO : errno
            if e == EINTR { continue }
            if done > 0 { needsNewline = true }  // a cut line: start the next record on a new line
            throw fail("write to", openPath ?? "?", e)
        }
        needsNewline = false
        unsynced = true
        try sync(force: false)
    }

    private func sync(force: Bool) throws(JournalError) {
        guard fd >= 0, unsynced else { return }
        let now = ContinuousClock.now
        if !force, let last = lastSync, now - last < Self.syncInterval { return }
        lastSync = now
        if fsync(fd) != 0 {
            let e = errno
            // Pipes, terminals and some special files cannot be synced; there is nothing to lose.
            if e != EINVAL && e != EROFS && e != ENOTSUP { throw fail("sync", openPath ?? "?", e) }
        }
        unsynced = false
    }
}
