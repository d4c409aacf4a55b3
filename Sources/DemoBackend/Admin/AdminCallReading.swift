import Notifications
import Orders

// Reading a call's inputs the way the backend's framework does, with a 400 that says what was
// wrong.

extension AdminCall {
    /// The JSON object in the body.
    func jsonBody() throws(AdminFailure) -> FieldReader {
        let text = String(decoding: request.body, as: UTF8.self)
        let value: JSONValue
        do throws(JSONParseError) {
            value = try JSONParser.parse(text)
        } catch {
            throw .badRequest("JSON parse error: \(error.message)")
        }
        guard case .object = value else { throw .badRequest("JSON parse error: the body must be a JSON object, not \(value.kindName)") }
        return FieldReader(value)
    }

    /// The path's `{id}` as an order id.
    func idParameter() throws(AdminFailure) -> Int64 {
        guard let text = parameter, let id = Int64(text) else {
            throw .badRequest("the order id in the path must be a whole number, not \"\(parameter ?? "")\"")
        }
        return id
    }

    /// A whole-number query parameter; nil when missing or empty.
    func queryInt(_ name: String) throws(AdminFailure) -> Int? {
        guard let text = request.query[name], !text.isEmpty else { return nil }
        guard let n = Int(text) else { throw .badRequest("the query parameter \(name) must be a whole number, not \"\(text)\"") }
        return n
    }

    /// A text query parameter; nil when missing or empty.
    func queryText(_ name: String) -> String? {
        guard let text = request.query[name], !text.isEmpty else { return nil }
        return text
    }
}

extension FieldReader {
    /// A field the request must have, as a whole number.
    func requiredId(_ key: String) throws(AdminFailure) -> Int64 {
        let value: Int64?
        do throws(OrderDecodingError) { value = try int64(key) } catch { throw .badRequest("JSON field \(key): \(error.message)") }
        guard let value else { throw .badRequest("the JSON body needs the field \(key) (an order id)") }
        return value
    }

    /// An optional text field.
    func optionalText(_ key: String) throws(AdminFailure) -> String? {
        do throws(OrderDecodingError) { return try text(key) } catch { throw .badRequest("JSON field \(key): \(error.message)") }
    }
}
