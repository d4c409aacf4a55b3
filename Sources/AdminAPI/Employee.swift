import Notifications
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
struct LoginAnswer: CustomStringConvertible, CustomDebugStringConvertible {
    var employee: Employee
    var token: String

    /// Never the token.
    var description: String { "login of \(employee.userName) (id \(employee.id))" }
    var debugDescription: String { description }
}

extension LoginAnswer {
    /// `{"id":1,"userName":"admin","name":"管理员","token":"<JWT>"}`.
    init(json: JSONValue) throws(OrderDecodingError) {
        guard case .object = json else { throw OrderDecodingError("expected an object, got \(json.kindName)") }
        let f = FieldReader(json)
        guard let token = try f.text("token"), !token.isEmpty else { throw OrderDecodingError("no token") }
        self.init(employee: Employee(id: try f.int64("id") ?? 0, userName: try f.text("userName") ?? "", name: try f.text("name") ?? ""),
                  token: token)
    }
}
