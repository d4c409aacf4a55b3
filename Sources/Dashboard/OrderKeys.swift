import Foundation
import Orders

// Keys that act on orders and the shop: a accept, x reject, X cancel (reason picker), d deliver,
// f complete, S open/close the shop, B today's figures, o the detail pane.

/// Why `kind` cannot be sent for order `id` now, or nil when it can.
func actionProblem(_ state: State, orderId id: Int64, _ kind: OrderAction.Kind) -> String? {
    if case .none(let reason) = state.admin.access { return "\(kind.word): \(reason)" }
    guard let row = state.rows[id] else { return "\(kind.word): order \(id) is no longer on the list" }
    if case .inFlight(let a)? = row.activity {
        return "\(kind.word): order \(id) is waiting for the backend's answer to \(a.kind.word)"
    }
    guard let order = row.order else {
        return "\(kind.word): order \(id)'s details are not loaded, so its status is not known"
    }
    guard kind.isAllowed(in: order.status) else {
        return "\(kind.word) is not possible: order \(id) is \(order.status.word)"
    }
    return nil
}

func actionKey(_ state: inout State, _ kind: OrderAction.Kind) -> [Effect] {
    guard state.screen == .orders, let row = state.selectedRow else {
        state.say("\(kind.word): no order selected", isError: true)
        return []
    }
    if heldForUnseenSelection(&state, "\(kind.word) it") { return [] }
    if let problem = actionProblem(state, orderId: row.orderId, kind) {
        state.say(problem, isError: true)
        return []
    }
    switch kind {
    case .reject, .cancel:
        state.mode = .pickReason(ReasonPicker(orderId: row.orderId, kind: kind))
        return []
    case .accept: return sendAction(&state, orderId: row.orderId, .accept)
    case .deliver: return sendAction(&state, orderId: row.orderId, .deliver)
    case .complete: return sendAction(&state, orderId: row.orderId, .complete)
    }
}

/// Sends `action` (checked again: the order may have changed while a picker was open). Accept,
/// reject and cancel acknowledge the row's alert: the merchant has dealt with it.
func sendAction(_ state: inout State, orderId id: Int64, _ action: OrderAction) -> [Effect] {
    if let problem = actionProblem(state, orderId: id, action.kind) {
        state.mode = .normal
        state.say(problem, isError: true)
        return []
    }
    state.mode = .normal
    state.changeRow(id) { $0.activity = .inFlight(action) }
    if [.accept, .reject, .cancel].contains(action.kind) { state.acknowledge(id: id) }
    state.say("\(action.kind.word) order \(id)…")
    return [.admin(.perform(orderId: id, action: action))]
}

func pickReasonKey(_ state: inout State, _ picker: ReasonPicker, _ key: Key) -> [Effect] {
    var p = picker
    let n = p.entries.count
    switch key {
    case .escape:
        state.mode = .normal
        return []
    case .up, .char("k"):
        p.choice = max(0, p.choice - 1)
    case .down, .char("j"):
        p.choice = min(n - 1, p.choice + 1)
    case .char(let c) where c.isASCII && c.isNumber:
        let d = Int(String(c))!
        guard d >= 1 && d <= n else {
            state.say("pick 1–\(n)", isError: true)
            return []
        }
        p.choice = d - 1
        if p.isCustom {
            state.mode = .composeReason(p, text: "")
            return []
        }
    case .enter:
        if p.isCustom {
            state.mode = .composeReason(p, text: "")
            return []
        }
        let reason = p.entries[p.choice]
        return sendAction(&state, orderId: p.orderId, p.kind == .reject ? .reject(reason: reason) : .cancel(reason: reason))
    case .char("q"), .ctrl("c"):
        return [.quit]
    default:
        return []
    }
    state.mode = .pickReason(p)
    return []
}

/// The longest typed reason, in characters.
let maxReasonLength = 200

func composeReasonKey(_ state: inout State, _ picker: ReasonPicker, text: String, _ key: Key) -> [Effect] {
    switch key {
    case .escape:
        state.mode = .pickReason(picker)
    case .backspace, .delete:
        state.mode = .composeReason(picker, text: TextWidth.dropLastCluster(text))
    case .enter:
        let reason = text.trimmingCharacters(in: .whitespaces)
        if reason.isEmpty {
            state.say("type a reason, or Esc to go back", isError: true)
            return []
        }
        return sendAction(&state, orderId: picker.orderId, picker.kind == .reject ? .reject(reason: reason) : .cancel(reason: reason))
    case .char(let c):
        if c.unicodeScalars.contains(where: { $0.value < 0x20 || ($0.value >= 0x7F && $0.value <= 0x9F) }) { return [] }
        if text.count >= maxReasonLength {
            state.say("a reason is at most \(maxReasonLength) characters", isError: true)
            return []
        }
        state.mode = .composeReason(picker, text: text + String(c))
    default:
        break
    }
    return []
}

func shopKey(_ state: inout State) -> [Effect] {
    if case .none(let reason) = state.admin.access {
        state.say("shop: \(reason)", isError: true)
        return []
    }
    if let target = state.admin.settingShop {
        state.say("the shop is being set to \(target.word); wait for the answer", isError: true)
        return []
    }
    guard let current = state.admin.shop.value else {
        state.say("the shop's status is not known yet", isError: true)
        if state.admin.access.isLive, state.admin.shop != .loading {
            state.admin.shop = .loading
            return [.admin(.fetchShopStatus)]
        }
        return []
    }
    state.mode = .confirmShop(current == .open ? .closed : .open)
    return []
}

func confirmShopKey(_ state: inout State, _ target: ShopStatus, _ key: Key) -> [Effect] {
    state.mode = .normal
    guard key == .char("y") || key == .char("Y") else {
        state.say("the shop is unchanged")
        return []
    }
    state.admin.settingShop = target
    state.say("setting the shop to \(target.word)…")
    return [.admin(.setShop(target))]
}

func businessDataKey(_ state: inout State) -> [Effect] {
    if case .none(let reason) = state.admin.access {
        state.say("today's figures: \(reason)", isError: true)
        return []
    }
    state.mode = .businessData
    state.admin.businessData = .loading
    return [.admin(.fetchBusinessData)]
}
