import Foundation

// At the top of the list the selection follows the newest order. An order that lands just before
// the merchant presses Enter or an order key (a x X d f) would take the key if it came before the
// terminal showed it selected: the order the merchant meant stays unaccepted (or a new order's
// alert is silenced) while they believe it dealt with. Such a key is held once instead: the
// message line says which order is selected now, and a second press acts.

/// True (and says why) when the selected order moved in under the selection since the terminal
/// last showed the state; the key is then not applied. The next press acts.
func heldForUnseenSelection(_ state: inout State, _ what: String) -> Bool {
    guard state.screenReports, state.selectionMovedUnseen, let row = state.selectedRow else { return false }
    state.selectionMovedUnseen = false
    state.say("order \(row.orderId) just arrived and is selected now: press the key again to \(what)", isError: true)
    return true
}
