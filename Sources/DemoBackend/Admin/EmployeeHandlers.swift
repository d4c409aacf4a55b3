import Notifications

/// `/admin/employee/…`: login and logout.
enum EmployeeHandlers {
    /// `POST /admin/employee/login {"username","password"}` → `{"id","userName","name","token"}`;
    /// `账号不存在`, `密码错误`, `账号被锁定` as the backend checks them, in that order.
    @Sendable static func login(_ backend: inout AdminBackend, _ call: AdminCall) throws(AdminFailure) -> JSONValue {
        let body = try call.jsonBody()
        let username = try body.optionalText("username")
        let password = try body.optionalText("password")
        guard let employee = backend.employees.first(where: { $0.username == username }) else {
            throw .refused("账号不存在")
        }
        guard employee.password == password else { throw .refused("密码错误") }
        guard employee.enabled else { throw .refused("账号被锁定") }
        return .object([
            ("id", .integer(employee.id)),
            ("userName", .string(employee.username)),
            ("name", .string(employee.name)),
            ("token", .string(backend.tokens.issue(employeeId: employee.id, at: call.now.date))),
        ])
    }

    /// `POST /admin/employee/logout`: like the backend, the token stays valid until it expires.
    @Sendable static func logout(_ backend: inout AdminBackend, _ call: AdminCall) throws(AdminFailure) -> JSONValue {
        .null
    }
}
