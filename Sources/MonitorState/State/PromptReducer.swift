/// Keys while a prompt is open: the `/` text query (which filters as it is typed) and the `F`
/// number. Enter, Esc, Backspace and Ctrl-U come from the key table's prompt scope (so help
/// lists them); any other character is typed into the prompt.
package enum PromptReducer {
    /// Above this many incidents a regular expression is applied on Enter rather than as typed.
    package static let regexAsTypedLimit = 20_000

    /// A prompt command (`KeyScope.prompt`) for whichever prompt is open.
    package static func run(_ command: Command, on state: inout AppState) -> [Effect] {
        if state.numberPrompt != nil { return number(command, on: &state) }
        guard var prompt = state.prompt else { return [] }
        switch command {
        case .quit:
            return [.quit]
        case .promptCancel:
            state.prompt = nil
            setQuery(prompt.previous, on: &state)
            return []
        case .promptAccept:
            // A bad expression stays open so it can be fixed; the last good query is in force.
            guard prompt.error == nil else { return [] }
            state.prompt = nil
            if prompt.waitsForEnter, let query = try? TextQuery(prompt.text) { setQuery(query, on: &state) }
            return []
        case .promptDeleteBack:
            guard !prompt.text.isEmpty else { return [] }
            prompt.text.removeLast()
        case .promptClear:
            prompt.text = ""
        default:
            return []
        }
        edited(prompt, on: &state)
        return []
    }

    /// A character typed while a prompt is open.
    package static func type(_ c: Character, on state: inout AppState) {
        if state.numberPrompt != nil {
            typeDigit(c, on: &state)
            return
        }
        guard var prompt = state.prompt else { return }
        prompt.text.append(c)
        edited(prompt, on: &state)
    }

    /// The query as now typed filters at once, unless it is a regular expression on a big store.
    private static func edited(_ prompt: TextPrompt, on state: inout AppState) {
        var prompt = prompt
        do throws(TextQuery.Invalid) {
            let query = try TextQuery(prompt.text)
            prompt.error = nil
            if case .regex? = query?.pattern, state.store.count > Self.regexAsTypedLimit {
                // What the first letters ("r", "re") filtered is not what the officer is writing.
                prompt.waitsForEnter = true
                state.prompt = prompt
                setQuery(prompt.previous, on: &state)
                return
            }
            prompt.waitsForEnter = false
            state.prompt = prompt
            setQuery(query, on: &state)
        } catch {
            prompt.error = error.message
            state.prompt = prompt
        }
    }

    /// The `F` prompt's commands: Enter applies the number (empty is no minimum), Esc leaves the
    /// filter as it was.
    private static func number(_ command: Command, on state: inout AppState) -> [Effect] {
        guard var prompt = state.numberPrompt else { return [] }
        switch command {
        case .quit:
            return [.quit]
        case .promptCancel:
            state.numberPrompt = nil
            return []
        case .promptAccept:
            state.numberPrompt = nil
            let minimum = Int(prompt.digits) ?? 0
            guard minimum != state.filter.minFatalities else { return [] }
            state.filter.minFatalities = minimum
            return []
        case .promptDeleteBack:
            if !prompt.digits.isEmpty { prompt.digits.removeLast() }
        case .promptClear:
            prompt.digits = ""
        default:
            return []
        }
        prompt.error = nil
        state.numberPrompt = prompt
        return []
    }

    private static func typeDigit(_ c: Character, on state: inout AppState) {
        guard var prompt = state.numberPrompt else { return }
        guard c.isASCII, c.isNumber else {
            // Refused aloud: a silently dropped "-" or "1.5" would apply a number the officer did not type.
            prompt.error = "\"\(c)\" refused: digits only"
            state.numberPrompt = prompt
            return
        }
        guard prompt.digits.count < NumberPrompt.maxDigits else {
            prompt.error = "at most \(NumberPrompt.maxDigits) digits"
            state.numberPrompt = prompt
            return
        }
        prompt.digits.append(c)
        prompt.error = nil
        state.numberPrompt = prompt
    }

    /// Applies a text query; the derived state narrows the feed in place when the new query can
    /// only match less.
    package static func setQuery(_ query: TextQuery?, on state: inout AppState) {
        state.filter.text = query
    }
}
