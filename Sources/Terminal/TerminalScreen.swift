import Dashboard

/// What the run loop needs from a terminal: its size, a way to show a `Canvas`, the bell, and the
/// keys typed. `NcursesScreen` is the real one; `TestScreen` keeps everything in memory.
/// Called only on the thread that runs the loop.
public protocol TerminalScreen: AnyObject {
    /// The terminal's current size.
    var size: (cols: Int, rows: Int) { get }
    /// Learns the new size after SIGWINCH and returns it.
    @discardableResult
    func refreshSize() -> (cols: Int, rows: Int)
    /// Forgets what is on screen, so the next `draw` repaints everything.
    func invalidate()
    func draw(_ canvas: Canvas)
    func bell(times: Int)
    /// Every key typed and every resize since the last call, in order (does not block).
    func pendingInput() -> [Event]
    /// Sleeps until a key is typed, `wakeFD` is readable (the inbox's wake-up) or `timeoutMS`
    /// milliseconds pass. Returns false when the terminal is gone (hung up, closed).
    func waitForInput(wakeFD: Int32, timeoutMS: Int32) -> Bool
}
