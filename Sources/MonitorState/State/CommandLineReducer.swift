/// Keys while a `LinePrompt` is open: the `:` command line and the one-line questions. Enter,
/// Esc, Backspace, Ctrl-U and Tab come from the key table's prompt scope; other characters are
/// typed. A command line names a command of the key table (`KeyBinding.name`), so `:seen` does
/// what `M` does, and help lists both from the same rows.
package enum CommandLineReducer {
    /// What Enter asks the reducer to do next.
    package enum Outcome {
        case nothing
        case run(Command)
        case effects([Effect])
    }

    package static func run(_ command: Command, keyMap: KeyMap, on state: inout AppState) -> Outcome {
        guard var prompt = state.linePrompt else { return .nothing }
        switch command {
        case .quit:
            return .effects([.quit])
        case .promptCancel:
            state.linePrompt = nil
        case .promptDeleteBack:
            if !prompt.text.isEmpty { prompt.text.removeLast() }
            prompt.message = nil
            state.linePrompt = prompt
        case .promptClear:
            prompt.text = ""
            prompt.message = nil
            state.linePrompt = prompt
        case .promptComplete:
            guard prompt.purpose == .command else { return .nothing }
            complete(&prompt, keyMap: keyMap, views: state.watch.views.keys.sorted())
            state.linePrompt = prompt
        case .promptAccept:
            return accept(prompt, keyMap: keyMap, on: &state)
        default:
            break
        }
        return .nothing
    }

    package static func type(_ c: Character, on state: inout AppState) {
        guard var prompt = state.linePrompt else { return }
        // One line, at most a few hundred characters: a note, not a report.
        guard prompt.text.count < maxLength else {
            prompt.message = "at most \(maxLength) characters"
            state.linePrompt = prompt
            return
        }
        prompt.text.append(c)
        prompt.message = nil
        state.linePrompt = prompt
    }

    package static let maxLength = 500

    private static func accept(_ prompt: LinePrompt, keyMap: KeyMap, on state: inout AppState) -> Outcome {
        switch prompt.purpose {
        case .acknowledge(let keys):
            state.linePrompt = nil
            return .effects(WatchReducer.acknowledge(keys, note: prompt.text, on: &state))
        case .zone(let center):
            guard !prompt.text.trimmingSpaces.isEmpty else {
                var prompt = prompt
                prompt.message = "type a name (and a radius in km), or Esc"
                state.linePrompt = prompt
                return .nothing
            }
            state.linePrompt = nil
            return .effects(WatchReducer.addZone(prompt.text, at: center, on: &state))
        case .command:
            switch parse(prompt.text, keyMap: keyMap) {
            case .success(let command):
                state.linePrompt = nil
                return command.map { .run($0) } ?? .nothing
            case .failure(let problem):
                var prompt = prompt
                prompt.message = problem.text
                state.linePrompt = prompt
                return .nothing
            }
        }
    }

    package struct Problem: Error, Equatable {
        package var text: String
    }

    /// The command a line names, with its argument; nil for an empty line.
    package static func parse(_ line: String, keyMap: KeyMap) -> Result<Command?, Problem> {
        let trimmed = line.trimmingSpaces
        guard !trimmed.isEmpty else { return .success(nil) }
        let name = String(trimmed.prefix { $0 != " " })
        let argument = String(trimmed.dropFirst(name.count)).trimmingSpaces
        let names = keyMap.commandNames
        let chosen: String
        if names.contains(name) {
            chosen = name
        } else {
            let matches = names.filter { $0.hasPrefix(name) }
            guard matches.count == 1, let only = matches.first else {
                return .failure(Problem(text: matches.isEmpty
                    ? "unknown command \"\(name)\" (Tab lists them; ? shows help)"
                    : "\"\(name)\" could be " + matches.joined(separator: ", ")))
            }
            chosen = only
        }
        guard let binding = keyMap.bindings.first(where: { $0.name == chosen }) else {
            return .failure(Problem(text: "unknown command \"\(name)\""))
        }
        switch binding.command {
        case .note:
            guard !argument.isEmpty else { return .failure(Problem(text: "a note needs text: :note TEXT")) }
            return .success(.note(argument))
        case .handover:
            return .success(.handover(argument.isEmpty ? nil : argument))
        case .addZone:
            return .success(.addZone(argument.isEmpty ? nil : argument))
        case .acknowledge:
            return .success(.acknowledge(note: argument.isEmpty ? nil : argument, ask: false))
        case .view:
            return .success(.view(argument))
        case .writeBriefing:
            return .success(.writeBriefing(argument.isEmpty ? nil : argument))
        default:
            guard argument.isEmpty else { return .failure(Problem(text: ":\(chosen) takes nothing after it")) }
            return .success(binding.command)
        }
    }

    /// Tab: the command's name completed when one fits, else as far as all that fit agree, with
    /// their names listed.
    private static func complete(_ prompt: inout LinePrompt, keyMap: KeyMap, views: [String]) {
        var candidates = keyMap.commandNames
        var typed = prompt.text
        var head = ""
        if let space = prompt.text.firstIndex(of: " ") {
            // After `view `: its words and the officer's view names.
            guard prompt.text[..<space] == "view" else { return }
            head = "view "
            typed = String(prompt.text[prompt.text.index(after: space)...])
            if let inner = typed.firstIndex(of: " ") {
                guard ["save", "delete"].contains(typed[..<inner]) else { return }
                head += typed[...inner]
                typed = String(typed[typed.index(after: inner)...])
                candidates = views
            } else {
                candidates = ["save", "list", "delete"] + views
            }
        }
        let matches = candidates.filter { $0.hasPrefix(typed) }
        guard let first = matches.first else {
            prompt.message = "nothing starts with \"\(typed)\""
            return
        }
        if matches.count == 1 {
            prompt.text = head + first + " "
            prompt.message = nil
            return
        }
        var common = first
        for name in matches.dropFirst() {
            while !name.hasPrefix(common) { common.removeLast() }
        }
        prompt.text = head + common
        prompt.message = matches.joined(separator: " ")
    }
}
