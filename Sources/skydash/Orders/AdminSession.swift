import AdminAPI
import ArgumentParser
import Dispatch
import Foundation
import NIOPosix

/// Runs one admin command: settings → client on an event loop group of its own → the command's
/// async body → an exit code, with errors as one line on stderr (never a token: see AdminAPIError).
enum AdminSession {
    static func run(_ options: AdminOptions, _ body: @escaping @Sendable (AdminClient) async throws(AdminAPIError) -> Void) throws {
        let configuration: AdminAPIConfiguration
        let credentials: AdminCredentials
        do {
            let settings = try options.settings()
            configuration = try settings.apiConfiguration()
            credentials = try settings.credentials()
        } catch let e as UserFacingError {
            StandardError.line(e.message)
            throw ExitCode(e.exitCode)
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let client: AdminClient
        do {
            client = try AdminClient(configuration: configuration, credentials: credentials, eventLoopGroup: group)
        } catch {
            StandardError.line(error.message)
            throw ExitCode(ExitCodes.badInput)
        }
        let failure = waitFor { () async -> AdminAPIError? in
            do throws(AdminAPIError) {
                try await body(client)
                await client.shutdown()
                return nil
            } catch {
                await client.shutdown()
                return error
            }
        }
        if let failure {
            StandardError.line(failure.description)
            throw ExitCode(exitCode(for: failure))
        }
    }

    static func exitCode(for error: AdminAPIError) -> Int32 {
        switch error {
        case .refused: return ExitCodes.refused
        case .loginFailed, .unauthorized: return ExitCodes.loginFailed
        case .http, .badAnswer, .network: return ExitCodes.networkOrHTTP
        }
    }

    /// Runs `work` as a task and waits for its result on this (the command line's main) thread,
    /// which has nothing else to do; the work itself runs on the concurrency pool and the loop group.
    static func waitFor<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            box.value = await work()
            done.signal()
        }
        done.wait()
        return box.value!
    }
}

/// Hands a task's result to the thread waiting for it (written before the semaphore is signalled).
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
