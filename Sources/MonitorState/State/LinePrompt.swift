import MonitorCore

/// A one-line prompt over the status line: the `:` command line (as in lnav and vim), or a
/// question an action asks before it is recorded (an acknowledgement's note, a new zone's name and
/// radius). Enter carries it out, Esc drops it, Tab completes a command's name.
public struct LinePrompt: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        /// `:` and a command (`Input/CommandLine.swift`).
        case command
        /// The note for acknowledging these alerts (empty: none).
        case acknowledge([AlertKey])
        /// Name and radius of a zone round this point.
        case zone(GeoPoint)
    }

    public var purpose: Purpose
    public var text: String
    /// Why the last Enter or Tab did nothing, or the names Tab could complete to.
    public var message: String?

    public init(_ purpose: Purpose, text: String = "", message: String? = nil) {
        self.purpose = purpose
        self.text = text
        self.message = message
    }

    /// The fixed words before what is typed.
    public var label: String {
        switch purpose {
        case .command: ":"
        case .acknowledge(let keys): keys.count == 1 ? "acknowledge \(keys[0].rule) · note: " : "acknowledge \(keys.count) alerts · note: "
        case .zone(let point): "zone at \(GeoText.coordinates(point)) · name [radius km]: "
        }
    }
}
