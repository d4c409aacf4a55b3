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
/// Durability: every record is handed to the kernel before `append` returns (no user-space
/// buffering), so a crash or `kill -9` of skydash loses nothing that was appended. `append(_:)`
/// writes its line plus `\n` with one `write(2)`; `append(contentsOf:)` (group commit) writes all
/// its records bound for one file with one `write(2)` of one buffer. `fsync(2)` runs on an append when at least 1 s has passed
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
    /// The group-commit buffer, reused (dropped when a batch made it larger than this).
    private var batch: [UInt8] = []
    private static let keptBufferCapacity = 1 << 20

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

    /// Which file a record made at `date` goes to, as a number: the local day (YYYYMMDD) for a
    /// daily journal, 0 for one file. Cheaper than `path(for:)`, for comparing records of a batch.
    private func fileDay(for date: Date) -> Int {
        guard case .daily = destination else { return 0 }
        let p = formatter.clock.parts(date)
        return p.year * 10_000 + p.month * 100 + p.day
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
        append(contentsOf: CollectionOfOne(event))
    }

    /// Group commit: appends the records of `events` in order, one `write(2)` per file they go to
    /// (one, unless the batch crosses local midnight). Returns the first error to report, or nil;
    /// a failed write fails every record of its buffer.
    @discardableResult
    public func append<S: Sequence>(contentsOf events: S) -> JournalError? where S.Element == TimedEvent {
        Array(events).withUnsafeBufferPointer { events in
            appendRecords(events) { k, out in encoder.append(events[k], to: &out) }
        }
    }

    /// As `append(contentsOf:)`, with each message's text already escaped (`escapedTexts[k]` for
    /// `events[k]`): the records copy those bytes instead of escaping the texts again.
    @discardableResult
    package func append(contentsOf events: [TimedEvent], escapedTexts: EscapedTexts) -> JournalError? {
        events.withUnsafeBufferPointer { events in   // each event lent to the encoder, not copied
            appendRecords(events) { k, out in encoder.append(events[k], escapedText: escapedTexts[k], to: &out) }
        }
    }

    /// Group commit (see `append(contentsOf:)`); `encode` appends the `k`th event's record (it
    /// reads the event in place: no copy of it).
    private func appendRecords(_ events: UnsafeBufferPointer<TimedEvent>, encode: (Int, inout [UInt8]) -> Bool) -> JournalError? {
        lock.lock()
        defer { lock.unlock() }
        var firstError: JournalError?
        var runDate: Date?
        var runDay = 0
        // A local while in use (no exclusivity check per record), put back for reuse after.
        var batch = [UInt8]()
        swap(&batch, &self.batch)
        defer {
            if batch.capacity <= Self.keptBufferCapacity { swap(&batch, &self.batch) }
        }
        batch.removeAll(keepingCapacity: true)
        for k in events.indices {
            let start = batch.count
            guard encode(k, &batch) else { continue }
            batch.append(0x0A)
            let at = events[k].at
            let recordDay = fileDay(for: at)
            if let date = runDate, recordDay != runDay {
                let record = Array(batch[start...])
                batch.removeSubrange(start...)
                if let e = commit(&batch, at: date), firstError == nil { firstError = e }
                batch.append(contentsOf: record)
                runDate = nil
            }
            if runDate == nil { (runDate, runDay) = (at, recordDay) }
        }
        if let date = runDate, let e = commit(&batch, at: date), firstError == nil { firstError = e }
        return firstError
    }

    /// Writes `batch` (whole records, each ending in `\n`) to the file for `date` and empties it.
    private func commit(_ batch: inout [UInt8], at date: Date) -> JournalError? {
        defer { batch.removeAll(keepingCapacity: true) }
        do {
            try openFile(for: date)
            try write(batch)
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

    /// One `write(2)` of whole records, each ending in `\n` (looping only on partial writes and EINTR).
    private func write(_ records: [UInt8]) throws(JournalError) {
        if needsNewline {
            try writeAll([0x0A])
            needsNewline = false
        }
        try writeAll(records)
        needsNewline = false
        unsynced = true
        try sync(force: false)
    }

    private func writeAll(_ bytes: [UInt8]) throws(JournalError) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Sys.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n > 0 { done += n; continue }
            let e = n == 0 ? EIO : errno
            if e == EINTR { continue }
            if done > 0 { needsNewline = true }  // a cut line: start the next record on a new line
            throw fail("write to", openPath ?? "?", e)
        }
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
