import Foundation

/// Hands freed heap back to the system after a burst. A burst of notifications is decoded on the
/// pipeline's thread and queued for the UI thread; once it is through, glibc keeps the freed pages
/// in its per-thread arenas (100,000 orders: RSS 153 MiB for ~50 MB in use, massif). `malloc_trim`
/// returns them. Called by the loop after every `every` session events, only when the inbox is
/// empty (a few milliseconds each time, well under one a second at 5,000 orders a second).
struct MemoryTrim {
    let every: Int
    private var sinceTrim = 0

    init(every: Int) { self.every = every }

    /// `taken` events were applied and the inbox is now empty: trims when `every` have passed.
    /// Returns true when it trimmed.
    mutating func drained(after taken: Int, queueEmpty: Bool) -> Bool {
        sinceTrim += taken
        guard queueEmpty, sinceTrim >= every else { return false }
        sinceTrim = 0
        Self.mallocTrim()
        return true
    }

    /// glibc's `malloc_trim(0)`, looked up at run time (not in Swift's Glibc module; absent on
    /// other C libraries, where this does nothing).
    private static func mallocTrim() {
        typealias Trim = @convention(c) (Int) -> Int32
        guard let process = dlopen(nil, RTLD_NOW) else { return }
        defer { dlclose(process) }
        guard let symbol = dlsym(process, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
    }
}
