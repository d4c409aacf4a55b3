import Foundation

/// Bench-only figures of the dashboard loop, written to the file named by `SKYDASH_BENCH_FRAMES`
/// (see `scripts/bench`); without that variable there is no meter and the loop does no extra work.
///
/// What it counts: terminal updates (`TerminalScreen.draw` calls), canvases rendered (`view`
/// calls) and the time spent rendering, the wall time of the first terminal update, and for each
/// session event the time from its receive stamp (`TimedEvent.at`, taken when the pipeline gets
/// the decoded frame) to the end of its `update` ("applied"), to the end of the first `view` that
/// included it ("canvas") and to the end of the first terminal update that showed it ("screen").
///
/// File format, JSON lines: `{"t":…,"draws":…,"views":…,"view_s":…}` at most once a second after
/// a terminal update, then at exit one more of those and `{"first_draw":…,"applied_ms":[…],
/// "canvas_ms":[…],"screen_ms":[…]}`. Times are Unix seconds (wall clock, like the receive stamps).
public final class FrameMeter {
    /// The environment variable naming the output file.
    public static let variable = "SKYDASH_BENCH_FRAMES"
    /// At most this many latency samples of each kind are kept (2.4 MB in all), so that a soak
    /// measures the dashboard and not the meter (1,000,000 grew RSS by 23 MiB over 10 minutes).
    static let maxSamples = 100_000

    private let handle: FileHandle
    public private(set) var draws = 0
    public private(set) var views = 0
    private var viewSeconds = 0.0
    private var firstDraw: Date?
    private var lastLine = Date.distantPast
    /// Receive stamps applied since the last `view`, and those rendered but not yet on screen.
    private var unrendered: [Date] = []
    private var unshown: [Date] = []
    private var appliedMS: [Double] = []
    private var canvasMS: [Double] = []
    private var screenMS: [Double] = []

    /// Nil unless `environment` names a file that can be created.
    public convenience init?(environment: [String: String]) {
        guard let path = environment[Self.variable], !path.isEmpty else { return nil }
        self.init(path: path)
    }

    public init?(path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// A session event stamped `at` went through `update` (finished at `end`).
    func applied(at: Date, end: Date) {
        if appliedMS.count < Self.maxSamples { appliedMS.append(end.timeIntervalSince(at) * 1000) }
        if unrendered.count < Self.maxSamples { unrendered.append(at) }
    }

    /// A canvas was rendered from `start` to `end`.
    func rendered(start: Date, end: Date) {
        views += 1
        viewSeconds += end.timeIntervalSince(start)
        for at in unrendered where canvasMS.count < Self.maxSamples {
            canvasMS.append(end.timeIntervalSince(at) * 1000)
        }
        unshown += unrendered
        unrendered.removeAll(keepingCapacity: true)
    }

    /// The terminal was updated (the draw returned at `end`).
    func drew(end: Date) {
        draws += 1
        if firstDraw == nil { firstDraw = end }
        for at in unshown where screenMS.count < Self.maxSamples {
            screenMS.append(end.timeIntervalSince(at) * 1000)
        }
        unshown.removeAll(keepingCapacity: true)
        if end.timeIntervalSince(lastLine) >= 1 {
            lastLine = end
            writeCounts(at: end)
        }
    }

    /// The loop ended: the last counts and the samples.
    func finish() {
        writeCounts(at: Date())
        var line = "{\"first_draw\":\(firstDraw.map { String($0.timeIntervalSince1970) } ?? "null")"
        line += ",\"applied_ms\":[" + appliedMS.map { String(format: "%.4f", $0) }.joined(separator: ",") + "]"
        line += ",\"canvas_ms\":[" + canvasMS.map { String(format: "%.4f", $0) }.joined(separator: ",") + "]"
        line += ",\"screen_ms\":[" + screenMS.map { String(format: "%.4f", $0) }.joined(separator: ",") + "]}\n"
        write(line)
    }

    private func writeCounts(at: Date) {
        write(String(format: "{\"t\":%.6f,\"draws\":%d,\"views\":%d,\"view_s\":%.6f}\n",
                     at.timeIntervalSince1970, draws, views, viewSeconds))
    }

    private func write(_ line: String) {
        try? handle.write(contentsOf: Data(line.utf8))
    }
}
