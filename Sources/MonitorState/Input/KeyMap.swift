/// Where a binding applies.
public enum KeyScope: String, Sendable, CaseIterable {
    case global = "Anywhere"
    case feed = "Feed"
    case map = "Map"
    case legend = "Legend"
    case overlay = "Help, detail and lists"
    case picker = "Event-type picker"
    /// After `o`: the digit that picks the actor.
    case solo = "After o"
    /// While the `/` or `F` prompt is open; other keys are typed into it.
    case prompt = "Text and number prompts (/ and F)"
    /// Commands typed after `:`; a named key binding of another scope is a command too.
    case commandLine = "Commands (type : then the name; Tab completes)"
}

/// One row of the key table: keys, what they do, and the help text shown for them.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    public let command: Command
    public let scope: KeyScope
    public let help: String
    /// The name it has on the `:` command line, if it has one (`:seen` is `M`).
    public let name: String?
    /// What the command line takes after the name ("TEXT", "[NOTE]"), shown in help.
    public let argument: String?

    public init(keys: [Key], command: Command, scope: KeyScope, help: String, name: String? = nil, argument: String? = nil) {
        self.keys = keys
        self.command = command
        self.scope = scope
        self.help = help
        self.name = name
        self.argument = argument
    }
}

/// The single table that both dispatches keys and generates the help overlay and README key list,
/// so help can never disagree with behaviour.
public struct KeyMap: Sendable {
    public let bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) { self.bindings = bindings }

    /// The command a key sends, given what has focus. While an overlay is open only its own keys
    /// act (the picker's, then the overlay's): a digit typed in help must not hide an actor behind
    /// it. Otherwise the focused pane's bindings win, then global ones.
    /// The command a key sends within one scope only (the prompts and the `o` prefix, which take
    /// the keyboard for themselves), or nil when the scope does not bind it.
    public func command(for key: Key, in scope: KeyScope) -> Command? {
        bindings.first { $0.scope == scope && $0.keys.contains(key) }?.command
    }

    public func command(for key: Key, focus: Pane, overlayOpen: Bool, picker: Bool = false) -> Command? {
        var scopes: [KeyScope] = []
        if picker { scopes.append(.picker) }
        if overlayOpen || picker {
            scopes.append(.overlay)
        } else {
            switch focus {
            case .legend: scopes.append(.legend)
            case .feed: scopes.append(.feed)
            case .map: scopes.append(.map)
            }
            scopes.append(.global)
        }
        for scope in scopes {
            if let binding = bindings.first(where: { $0.scope == scope && $0.keys.contains(key) }) {
                return binding.command
            }
        }
        return nil
    }

    public static let standard: KeyMap = {
        var b: [KeyBinding] = [
            KeyBinding(keys: [.char("q"), .ctrl("c")], command: .quit, scope: .global, help: "quit", name: "quit"),
            KeyBinding(keys: [.char("?")], command: .toggleHelp, scope: .global, help: "show or hide this help", name: "help"),
            KeyBinding(keys: [.char(":")], command: .openCommandLine, scope: .global, help: "command line: :note, :handover, :zone, :ack …"),
            KeyBinding(keys: [.char("A")], command: .openAlerts, scope: .global, help: "alert list: newest first, who acknowledged", name: "alerts"),
            KeyBinding(keys: [.char("m")], command: .toggleFlag, scope: .global, help: "flag or unflag the selected incident", name: "flag"),
            KeyBinding(keys: [.char("*")], command: .toggleFlaggedOnly, scope: .global, help: "show flagged incidents only (again: all)", name: "flagged"),
            KeyBinding(keys: [.char("Z")], command: .toggleZones, scope: .global, help: "show or hide the zones on the map", name: "zones"),
            KeyBinding(keys: [.char("C")], command: .toggleControl, scope: .global, help: "map: who holds each place (at the replay moment)", name: "control"),
            KeyBinding(keys: [.char("O")], command: .openControlChanges, scope: .global, help: "control changes: who took what, newest first", name: "changes"),
            KeyBinding(keys: [.char("W")], command: .handover(nil), scope: .global, help: "handover: what happened since your last session"),
            KeyBinding(keys: [.escape], command: .close, scope: .global, help: "close help, detail, a list or the map restriction"),
            KeyBinding(keys: [.char("e")], command: .toggleErrors, scope: .global, help: "list skipped lines and retracted incidents"),
            KeyBinding(keys: [.char("s")], command: .toggleSources, scope: .global, help: "list sources: state, last data, lines, bad lines"),
            KeyBinding(keys: [.char("T")], command: .cycleTheme, scope: .global, help: "next colour theme"),
            KeyBinding(keys: [.tab], command: .focusNext, scope: .global, help: "focus next pane (feed, legend, map)"),
            KeyBinding(keys: [.backTab], command: .focusPrevious, scope: .global, help: "focus previous pane"),
        ]
        for n in 1...8 {
            b.append(KeyBinding(keys: [.char(Character(String(n)))], command: .toggleActor(n - 1), scope: .global,
                                help: "show/hide actor \(n) of the legend"))
        }
        b += [
            KeyBinding(keys: [.char("0")], command: .showAllActors, scope: .global, help: "show all actors again"),
            KeyBinding(keys: [.char("o")], command: .soloPrefix, scope: .global, help: "then 1-8: show only that actor (again: undo)"),
            KeyBinding(keys: [.char("i")], command: .invertActors, scope: .global, help: "invert the actor selection"),
            KeyBinding(keys: [.char("y")], command: .openTypePicker, scope: .global, help: "pick the event types shown"),
            KeyBinding(keys: [.char("f")], command: .cycleFatalities, scope: .global, help: "minimum fatalities 0/1/5/10/50; unreported below 1"),
            KeyBinding(keys: [.char("F")], command: .openFatalitiesPrompt, scope: .global, help: "minimum fatalities: type it; unreported below 1"),
            KeyBinding(keys: [.char("t")], command: .cycleWindow, scope: .global, help: "window: 24 h, 7 d, 30 d back from newest data, all"),
            KeyBinding(keys: [.char("/")], command: .openTextPrompt, scope: .global, help: "filter by text (re:regex; ! inverts)"),
            KeyBinding(keys: [.char("x")], command: .clearFilters, scope: .global, help: "clear every filter and the map restriction"),
            KeyBinding(keys: [.char(",")], command: .replayStep(days: -1), scope: .global, help: "replay: a day back"),
            KeyBinding(keys: [.char(".")], command: .replayStep(days: 1), scope: .global, help: "replay: a day forward"),
            KeyBinding(keys: [.char("<")], command: .replayStep(days: -7), scope: .global, help: "replay: a week back"),
            KeyBinding(keys: [.char(">")], command: .replayStep(days: 7), scope: .global, help: "replay: a week forward"),
            KeyBinding(keys: [.char("N")], command: .live, scope: .global, help: "now: back to live (end the replay)"),
            KeyBinding(keys: [.char("u")], command: .nextUnseen, scope: .global, help: "next unseen incident (arrived since start)"),
            KeyBinding(keys: [.char("U")], command: .previousUnseen, scope: .global, help: "previous unseen incident"),
            KeyBinding(keys: [.char("M")], command: .markAllSeen, scope: .global, help: "mark every incident seen", name: "seen"),
            KeyBinding(keys: [.char("r")], command: .toggleOrder, scope: .global, help: "feed order: incident time / arrival"),
            KeyBinding(keys: [.char("j"), .down], command: .moveDown, scope: .feed, help: "select the next (older) incident"),
            KeyBinding(keys: [.char("k"), .up], command: .moveUp, scope: .feed, help: "select the previous (newer) incident"),
            KeyBinding(keys: [.pageDown, .char(" ")], command: .pageDown, scope: .feed, help: "one page down (older)"),
            KeyBinding(keys: [.pageUp], command: .pageUp, scope: .feed, help: "one page up (newer)"),
            KeyBinding(keys: [.char("g"), .home], command: .newest, scope: .feed, help: "go to the newest incident and follow new ones"),
            KeyBinding(keys: [.char("G"), .end], command: .oldest, scope: .feed, help: "go to the oldest incident"),
            KeyBinding(keys: [.enter], command: .openDetail, scope: .feed, help: "open the selected incident's detail"),
            KeyBinding(keys: [.char("c")], command: .map(.centerOnSelection), scope: .feed, help: "centre the map on the selected incident"),
            KeyBinding(keys: [.char("a")], command: .acknowledge(note: nil, ask: true), scope: .feed, help: "acknowledge the selected incident's alerts"),
            // Map focus: the cursor stays in the middle of the map and the map moves under it.
            KeyBinding(keys: [.char("h"), .left], command: .map(.pan(dx: -1, dy: 0)), scope: .map, help: "pan west one cell"),
            KeyBinding(keys: [.char("l"), .right], command: .map(.pan(dx: 1, dy: 0)), scope: .map, help: "pan east one cell"),
            KeyBinding(keys: [.char("k"), .up], command: .map(.pan(dx: 0, dy: -1)), scope: .map, help: "pan north one cell"),
            KeyBinding(keys: [.char("j"), .down], command: .map(.pan(dx: 0, dy: 1)), scope: .map, help: "pan south one cell"),
            KeyBinding(keys: [.char("H")], command: .map(.panPage(dx: -1, dy: 0)), scope: .map, help: "pan west a quarter of the map"),
            KeyBinding(keys: [.char("L")], command: .map(.panPage(dx: 1, dy: 0)), scope: .map, help: "pan east a quarter of the map"),
            KeyBinding(keys: [.char("K")], command: .map(.panPage(dx: 0, dy: -1)), scope: .map, help: "pan north a quarter of the map"),
            KeyBinding(keys: [.char("J")], command: .map(.panPage(dx: 0, dy: 1)), scope: .map, help: "pan south a quarter of the map"),
            KeyBinding(keys: [.char("+"), .char("=")], command: .map(.zoomIn), scope: .map, help: "zoom in (down to 5 km cells)"),
            KeyBinding(keys: [.char("-")], command: .map(.zoomOut), scope: .map, help: "zoom out (up to all of Mali)"),
            KeyBinding(keys: [.char("z")], command: .map(.reset), scope: .map, help: "reset the view to northern Mali"),
            KeyBinding(keys: [.char("c")], command: .map(.centerOnSelection), scope: .map, help: "centre on the incident selected in the feed"),
            KeyBinding(keys: [.enter], command: .map(.restrictToCursor), scope: .map, help: "show only the cursor cell's incidents in the feed"),
            KeyBinding(keys: [.escape], command: .map(.liftRestriction), scope: .map, help: "show the whole feed again"),
            KeyBinding(keys: [.char("n")], command: .addZone(nil), scope: .map, help: "new zone round the cursor (name, radius)"),
            KeyBinding(keys: [.char("j"), .down], command: .moveDown, scope: .legend, help: "highlight the next actor"),
            KeyBinding(keys: [.char("k"), .up], command: .moveUp, scope: .legend, help: "highlight the previous actor"),
            KeyBinding(keys: [.char(" ")], command: .toggleLegendActor, scope: .legend, help: "show/hide the highlighted actor"),
            KeyBinding(keys: [.enter], command: .soloLegendActor, scope: .legend, help: "show only the highlighted actor"),
            KeyBinding(keys: [.char("j"), .down], command: .moveDown, scope: .picker, help: "next type"),
            KeyBinding(keys: [.char("k"), .up], command: .moveUp, scope: .picker, help: "previous type"),
            KeyBinding(keys: [.char(" ")], command: .toggleType, scope: .picker, help: "show/hide the highlighted type"),
            KeyBinding(keys: [.char("a")], command: .allTypes, scope: .picker, help: "all types"),
            KeyBinding(keys: [.escape, .enter, .char("y")], command: .close, scope: .picker, help: "close the picker"),
            KeyBinding(keys: [.char("j"), .down], command: .moveDown, scope: .overlay, help: "scroll down"),
            KeyBinding(keys: [.char("k"), .up], command: .moveUp, scope: .overlay, help: "scroll up"),
            KeyBinding(keys: [.pageDown, .char(" ")], command: .pageDown, scope: .overlay, help: "scroll a page down"),
            KeyBinding(keys: [.pageUp], command: .pageUp, scope: .overlay, help: "scroll a page up"),
            KeyBinding(keys: [.char("n")], command: .pickNearby(1), scope: .overlay, help: "detail: highlight the next nearby incident"),
            KeyBinding(keys: [.char("p")], command: .pickNearby(-1), scope: .overlay, help: "detail: highlight the previous nearby incident"),
            KeyBinding(keys: [.enter], command: .openPicked, scope: .overlay, help: "detail: open the highlighted nearby incident"),
            KeyBinding(keys: [.char("v")], command: .toggleSourceLine, scope: .overlay, help: "detail: show the raw source line (again: back)"),
            KeyBinding(keys: [.char("a")], command: .acknowledge(note: nil, ask: true), scope: .overlay, help: "acknowledge the alert (list) or the incident's"),
            KeyBinding(keys: [.char("m")], command: .toggleFlag, scope: .overlay, help: "detail: flag or unflag the incident"),
            KeyBinding(keys: [.char("A")], command: .openAlerts, scope: .overlay, help: "alert list (again: close)"),
            KeyBinding(keys: [.char("O")], command: .openControlChanges, scope: .overlay, help: "control changes (again: close)"),
            KeyBinding(keys: [.char("?")], command: .toggleHelp, scope: .overlay, help: "help (again: close it)"),
            KeyBinding(keys: [.char("e")], command: .toggleErrors, scope: .overlay, help: "skipped lines and retractions (again: close)"),
            KeyBinding(keys: [.char("s")], command: .toggleSources, scope: .overlay, help: "sources (again: close)"),
            KeyBinding(keys: [.escape, .char("q")], command: .close, scope: .overlay, help: "close"),
            KeyBinding(keys: [.ctrl("c")], command: .quit, scope: .overlay, help: "quit"),
        ]
        for n in 1...8 {
            b.append(KeyBinding(keys: [.char(Character(String(n)))], command: .solo(n - 1), scope: .solo,
                                help: "show only actor \(n) (any other key cancels)"))
        }
        b += [
            KeyBinding(keys: [.enter], command: .promptAccept, scope: .prompt, help: "keep it (/ on an empty prompt: no text filter)"),
            KeyBinding(keys: [.escape], command: .promptCancel, scope: .prompt, help: "cancel: back to what was in force"),
            KeyBinding(keys: [.backspace], command: .promptDeleteBack, scope: .prompt, help: "delete the last character"),
            KeyBinding(keys: [.ctrl("u")], command: .promptClear, scope: .prompt, help: "clear what is typed"),
            KeyBinding(keys: [.tab], command: .promptComplete, scope: .prompt, help: "command line: complete the name"),
            KeyBinding(keys: [.ctrl("c")], command: .quit, scope: .prompt, help: "quit"),
        ]
        b += [
            KeyBinding(keys: [], command: .note(""), scope: .commandLine, help: "note on the selected incident", name: "note", argument: "TEXT"),
            KeyBinding(keys: [], command: .handover(""), scope: .commandLine, help: "handover note (no text: the view)", name: "handover", argument: "[TEXT]"),
            KeyBinding(keys: [], command: .addZone(""), scope: .commandLine, help: "zone round the map cursor (25 km unless given)", name: "zone", argument: "NAME [KM]"),
            KeyBinding(keys: [], command: .view(""), scope: .commandLine, help: "views: save NAME, NAME, list, delete NAME", name: "view", argument: "…"),
            KeyBinding(keys: [], command: .acknowledge(note: nil, ask: false), scope: .commandLine, help: "acknowledge, with an optional note", name: "ack", argument: "[NOTE]"),
            KeyBinding(keys: [], command: .writeBriefing(nil), scope: .commandLine, help: "write a briefing of the view", name: "write", argument: "[DIR]"),
        ]
        return KeyMap(bindings: b)
    }()

    /// Every name the command line knows, each once, in table order.
    public var commandNames: [String] {
        var seen = Set<String>()
        return bindings.compactMap { $0.name }.filter { seen.insert($0).inserted }
    }

    /// Help rows grouped by scope, with several bindings of one scope and command shown as one row.
    public func helpRows() -> [(scope: KeyScope, keys: String, help: String)] {
        var rows: [(scope: KeyScope, keys: String, help: String)] = []
        for scope in KeyScope.allCases {
            if scope == .commandLine {
                // Every named command, keyed or not: the key table is the one source of both.
                var named = Set<String>()
                for binding in bindings {
                    guard let name = binding.name, named.insert(name).inserted else { continue }
                    let key = binding.keys.first.map { " (\($0.label))" } ?? ""
                    rows.append((scope, ":" + name + (binding.argument.map { " " + $0 } ?? "") + key, binding.help))
                }
                continue
            }
            for binding in bindings where binding.scope == scope {
                if case .toggleActor(let n) = binding.command, n > 0 {
                    continue  // one row stands for 1–8
                }
                if case .solo(let n) = binding.command, n > 0 {
                    continue
                }
                var keys = binding.keys.map(\.label).joined(separator: " ")
                var help = binding.help
                if case .toggleActor = binding.command {
                    keys = "1-8"
                    help = "show/hide the actor with that legend number"
                }
                if case .solo = binding.command {
                    keys = "1-8"
                    help = "show only that actor; other keys cancel"
                }
                rows.append((scope, keys, help))
            }
        }
        return rows
    }
}
