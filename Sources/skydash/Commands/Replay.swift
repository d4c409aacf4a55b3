import ArgumentParser
import Foundation
import Journal
import Session

struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play a notification log (a journal, or a hand-written script) through the dashboard.",
        discussion: """
        FILE is a log in the journal format (JSON Lines) or '-' for stdin. Records keep their recorded spacing scaled by --speed; bare JSON message lines come --interval seconds apart.

        Keys in the dashboard: space pause/resume, . step one record, + / - speed.
        """)

    @Argument(help: "Log file, or - for stdin.")
    var file: String

    @Option(help: "Playback speed (1 = as recorded).")
    var speed: Double = 1

    @Flag(help: "Play every record at once.")
    var instant = false

    @Option(help: "Seconds between records without a timestamp (bare message lines).")
    var interval: Double = 1

    @Flag(help: "A bad line is fatal (exit 2) instead of reported and skipped.")
    var strict = false

    @Flag(help: "No dashboard: print one line per event on stdout, as connect --headless does.")
    var headless = false

    @Option(help: "Headless line format: jsonl or text.")
    var format: EventLineFormat = .jsonl

    @OptionGroup var dashboard: DashboardOptions

    func validate() throws {
        try OptionBounds.check(speed, "speed", OptionBounds.replaySpeed, unit: "times as fast")
        try OptionBounds.check(interval, "interval", OptionBounds.seconds, unit: "seconds", zeroMeans: "all at once")
    }

    func makeClock() -> ReplayClock {
        ReplayClock(start: Date(), speed: speed, instant: instant, interval: interval)
    }

    func run() throws {
        let theme = headless ? nil : try dashboard.loadTheme()
        let input: LogInput
        do {
            input = try LogInput(path: file)
        } catch let e as UserFacingError {
            StandardError.line(e.message)
            throw ExitCode(e.exitCode)
        }
        if headless {
            var player = HeadlessReplay(input: input, clock: makeClock(), formatter: EventLineFormatter(format: format),
                                        strict: strict)
            throw ExitCode(player.run())
        }
        let entries = input.readAll()
        if let failure = input.readError {
            StandardError.line(failure)
            throw ExitCode(ExitCodes.badInput)
        }
        if strict {
            for case .failure(let error) in entries {
                StandardError.line("replay: \(input.name): \(error.description)")
                throw ExitCode(ExitCodes.badInput)
            }
        }
        if file == "-" {
            // The log came through stdin; the keyboard is the controlling terminal.
            let tty = open("/dev/tty", O_RDWR)
            guard tty >= 0 else {
                StandardError.line("replay: no terminal for the dashboard (use --headless with a pipe)")
                throw ExitCode(ExitCodes.badInput)
            }
            dup2(tty, STDIN_FILENO)
            close(tty)
        }
        // The clock starts once the log is read and the terminal is ours.
        let source = ReplaySource(entries: entries, clock: makeClock(), name: input.name)
        let code = DashboardRunner.run(source: source, url: "replay: \(input.name)", options: dashboard,
                                       theme: theme!, replay: source.replayInfo)
        throw ExitCode(code)
    }
}
