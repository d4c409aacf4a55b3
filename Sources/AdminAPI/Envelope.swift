import Notifications

/// What an admin API answer says, read from its HTTP status and body. Pure.
///
/// - HTTP 401 (the backend sends an empty body) → `.unauthorized`;
/// - any other status but 2xx → `AdminAPIError.http(status)`;
/// - a body that is not `{"code":…,"msg":…,"data":…}` → `AdminAPIError.badAnswer(what)`;
/// - `code` 1 → `.ok(data)` (`null` when absent); `code` 0 → `.refused(msg)`.
package enum Envelope: Equatable {
    case ok(JSONValue)
    case refused(String)
    case unauthorized

    package static func read(status: Int, body: [UInt8]) throws(AdminAPIError) -> Envelope {
        if status == 401 { return .unauthorized }
        guard (200..<300).contains(status) else { throw .http(status) }
        guard let text = String(validating: body, as: UTF8.self) else {
            throw .badAnswer("the body is not UTF-8 text")
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(text)
        } catch {
            let shown = text.isEmpty ? "an empty body" : "not JSON (\(error.message))"
            throw .badAnswer(shown)
        }
        guard case .object = json else {
            throw .badAnswer("expected a {\"code\",\"msg\",\"data\"} object, got \(json.kindName)")
        }
        guard case .number(let codeText, true)? = json["code"] else {
            throw .badAnswer(json["code"] == nil ? "the answer has no code" : "code is \(json["code"]!.kindName), not a whole number")
        }
        switch codeText {
        case "1":
            return .ok(json["data"] ?? .null)
        case "0":
            if case .string(let msg)? = json["msg"], !msg.isEmpty { return .refused(msg) }
            return .refused("refused without a message (code 0)")
        default:
            throw .badAnswer("unexpected code \(codeText.prefix(20))")
        }
    }
}

