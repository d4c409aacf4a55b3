import ArgumentParser
import DemoBackend
import Foundation
import NIOCore
import NIOPosix

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the built-in stand-in backend alone (127.0.0.1, /ws/{sid} and the admin API under /admin).",
        discussion: """
        Prints one line per event (sessions opening and closing, what clients send, what is pushed).

        Commands on stdin: order [ID] [CONTENT], remind ID, raw TEXT, drop, help.
        """)

    @Option(help: "Port on 127.0.0.1 (0: a free one, printed).")
    var port: Int = 8080

    @OptionGroup var demo: DemoOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535") }
    }

    func run() throws {
        let out = LineWriter.queued()
        let formatter = DemoLogFormatter()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let config = demo.configuration(port: port)
        let server = DemoServer(configuration: config, group: group) { event in
            out.write(formatter.line(event))
        }
        let bound: Int
        do {
            bound = try server.startFuture().wait()
        } catch {
            StandardError.line("serve: cannot listen on 127.0.0.1:\(port): \(error)")
            throw ExitCode(ExitCodes.connectionFailed)
        }
        out.write(formatter.listening(port: bound))
        out.write(formatter.adminAPI(port: bound, tokenTTL: config.tokenTTL))
        out.write("seed \(config.seed) · rate \(config.ratePerMinute)/min · ticker \(config.ticker ? "on" : "off") · type 'help' for commands")

        let done = DispatchSemaphore(value: 0)
        let trap = SignalTrap(signals: [SIGINT, SIGTERM, SIGHUP]) { _ in done.signal() }
        Thread.detachNewThread {
            // EOF on stdin (a background job, </dev/null) leaves the server running.
            while let line = readLine(strippingNewline: true) {
                Self.perform(line, on: server, out: out, formatter: formatter)
            }
        }
        done.wait()
        _ = trap
        try? server.stopFuture().wait()
        out.drain(timeout: 1)
    }

    static func perform(_ line: String, on server: DemoServer, out: LineWriter, formatter: DemoLogFormatter) {
        let command: DemoCommand?
        do {
            command = try DemoCommand.parse(line)
        } catch {
            out.write(formatter.error(error.description))
            return
        }
        switch command {
        case nil: break
        case .order(let id, let content): _ = server.pushOrder(id: id, content: content)
        case .remind(let id): _ = server.pushReminder(id: id)
        case .raw(let text): _ = server.push(text: text)
        case .drop: _ = server.dropAll()
        case .help: DemoCommand.helpText.split(separator: "\n").forEach { out.write(String($0)) }
        }
    }
}
