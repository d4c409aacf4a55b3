import Notifications
import Orders
import Session

/// Reads the fields of the `details` and `action` records (see `LogRecord`). Every problem names
/// the field and what was there, like the other record kinds.
enum OrderRecordReading {
    static func details(_ value: JSONValue, line: Int) -> Result<LogRecord.Content, LogLineError> {
        func bad(_ reason: String) -> Result<LogRecord.Content, LogLineError> { .failure(LogLineError(line: line, reason: reason)) }
        guard let orderJSON = value["order"] else { return bad(#"missing "order""#) }
        let order: Order
        do {
            order = try Order(json: orderJSON)
        } catch {
            return bad(#""order" is not an order: \#(error.message)"#)
        }
        switch orderId(value, line: line) {
        case .failure(let e): return .failure(e)
        case .success(let id) where id != order.id:
            return bad(#""orderId" \#(id) is not the order's id \#(order.id)"#)
        case .success: return .success(.details(order))
        }
    }

    /// A `found` record: the order as in `details`, and how it was found.
    static func found(_ value: JSONValue, line: Int) -> Result<LogRecord.Content, LogLineError> {
        guard case .string(let name)? = value["how"], let how = FoundHow(rawValue: name) else {
            let known = FoundHow.allCases.map { #""\#($0.rawValue)""# }.joined(separator: " or ")
            return .failure(LogLineError(line: line, reason: #""how" is not \#(known)"#))
        }
        return details(value, line: line).map { content in
            guard case .details(let order) = content else { return content }
            return .found(order, how: how)
        }
    }

    static func action(_ value: JSONValue, line: Int) -> Result<LogRecord.Content, LogLineError> {
        func bad(_ reason: String) -> Result<LogRecord.Content, LogLineError> { .failure(LogLineError(line: line, reason: reason)) }
        let id: Int64
        switch orderId(value, line: line) {
        case .failure(let e): return .failure(e)
        case .success(let v): id = v
        }
        let fields = FieldReader(value)
        do {
            guard let name = try fields.text("action") else { return bad(#"missing "action""#) }
            guard let kind = OrderAction.Kind(rawValue: name) else {
                let known = OrderAction.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                return bad(#""action" is not one of \#(known): \#(LineEscaping.jsonString(String(name.prefix(40))))"#)
            }
            guard let outcomeName = try fields.text("outcome") else { return bad(#"missing "outcome""#) }
            guard let outcome = OrderActionRecord.Outcome(rawValue: outcomeName) else {
                return bad(#""outcome" is not ok, refused or failed: \#(LineEscaping.jsonString(String(outcomeName.prefix(40))))"#)
            }
            return .success(.action(OrderActionRecord(orderId: id, action: kind, reason: try fields.text("reason"),
                                                      outcome: outcome, message: try fields.text("message"))))
        } catch {
            return bad(error.message)
        }
    }

    static func orderId(_ value: JSONValue, line: Int) -> Result<Int64, LogLineError> {
        do {
            guard let id = try FieldReader(value).int64("orderId") else {
                return .failure(LogLineError(line: line, reason: #"missing "orderId""#))
            }
            return .success(id)
        } catch {
            return .failure(LogLineError(line: line, reason: error.message))
        }
    }
}
