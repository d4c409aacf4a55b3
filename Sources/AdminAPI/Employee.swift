import Orders

/// Who is logged in: the login answer without its token.
public struct Employee: Sendable, Equatable {
    public var id: Int64
    public var userName: String
    public var name: String

    public init(id: Int64, userName: String, name: String) {
        self.id = id
        self.userName = userName
        self.name = name
    }
}

/// A login answer: the employee and the token (kept in memory by `AdminClient` only).
struct LoginAnswer {
    var employee: Employee
    var token: String
}
