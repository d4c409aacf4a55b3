import Notifications

extension Order {
    /// The order as one line of JSON (for `skydash orders --format jsonl`), keys in a fixed order:
    /// `id` (number), `number`, `status` (number), `statusText` (the admin UI's word), `amount` and
    /// `packAmount` (strings, exactly as the backend wrote them), times as the backend wrote them,
    /// `dishes` (`[{"name","flavor","count","amount"}]`), consignee, phone, address, remark and the
    /// reasons. Missing values are `null`.
    public var jsonLine: String {
        func text(_ s: String?) -> String { s.map(JSONEscaping.literal) ?? "null" }
        func int(_ i: Int?) -> String { i.map(String.init) ?? "null" }
        let dishList = dishes.map { d in
            "{\"name\":\(text(d.name)),\"flavor\":\(text(d.flavor)),\"count\":\(d.count),\"amount\":\(text(d.amount?.text))}"
        }
        let members: [(String, String)] = [
            ("id", String(id)),
            ("number", text(number)),
            ("status", String(status.code)),
            ("statusText", text(status.word)),
            ("amount", text(amount?.text)),
            ("packAmount", text(packAmount?.text)),
            ("orderTime", text(orderTime)),
            ("checkoutTime", text(checkoutTime)),
            ("estimatedDeliveryTime", text(estimatedDeliveryTime)),
            ("payStatus", int(payStatus)),
            ("dishes", "[" + dishList.joined(separator: ",") + "]"),
            ("tablewareNumber", int(tablewareNumber)),
            ("consignee", text(consignee)),
            ("phone", text(phone)),
            ("address", text(address)),
            ("remark", text(remark)),
            ("rejectionReason", text(rejectionReason)),
            ("cancelReason", text(cancelReason)),
        ]
        return "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }
}
