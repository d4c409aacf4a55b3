import Dashboard
import Foundation
import Orders

/// Carries out the dashboard's admin requests, each in its own Task (never on the UI thread or a
/// NIO event loop), and posts every answer, stamped with the wall clock, to `post` (the loop's inbox).
final class AdminRequestExecutor: Sendable {
    private let backend: any OrderBackend
    private let post: @Sendable (AdminAnswer, Date) -> Void

    init(backend: any OrderBackend, post: @escaping @Sendable (AdminAnswer, Date) -> Void) {
        self.backend = backend
        self.post = post
    }

    /// Logs in at start, so the header can say who is logged in (or why not).
    func start() {
        guard backend.access.isLive else { return }
        Task { [backend, post] in
            let answer = AdminAnswer.login(await Self.result { () async throws(AdminFailure) in try await backend.login() })
            post(answer, Date())
        }
    }

    func perform(_ request: AdminRequest) {
        Task { [backend, post] in
            let answer = await Self.answer(request, from: backend)
            post(answer, Date())
        }
    }

    static func answer(_ request: AdminRequest, from backend: any OrderBackend) async -> AdminAnswer {
        switch request {
        case .fetchDetails(let id):
            return .details(orderId: id, await result { () async throws(AdminFailure) in try await backend.details(orderId: id) })
        case .perform(let id, let action):
            return .action(orderId: id, action: action, await result { () async throws(AdminFailure) in
                try await backend.perform(action, orderId: id)
                return true
            })
        case .refreshStatistics:
            return .statistics(await result { () async throws(AdminFailure) in try await backend.statistics() })
        case .fetchShopStatus:
            return .shopStatus(await result { () async throws(AdminFailure) in try await backend.shopStatus() })
        case .setShop(let status):
            return .shopSet(status, await result { () async throws(AdminFailure) in
                try await backend.setShop(status)
                return true
            })
        case .fetchBusinessData:
            return .businessData(await result { () async throws(AdminFailure) in try await backend.businessData() })
        }
    }

    static func result<T>(_ body: () async throws(AdminFailure) -> T) async -> Result<T, AdminFailure> {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }
}
