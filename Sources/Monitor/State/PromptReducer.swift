/// Keys while the `/` prompt is open: they edit the query (which filters as it is typed) instead
/// of reaching the key map.
enum PromptReducer {
    static func key(_ key: Key, on state: inout AppState) -> [Effect] {
        guard var prompt = state.prompt else { return [] }
        switch key {
        case .ctrl("c"):
            return [.quit]
        case .escape:
            state.prompt = nil
            setQuery(prompt.previous, on: &state)
            return []
        case .enter:
            // A bad expression stays open so it can be fixed; the last good query is in force.
            guard prompt.error == nil else { return [] }
            state.prompt = nil
            if prompt.waitsForEnter, let query = try? TextQuery(prompt.text) { setQuery(query, on: &state) }
            return []
        case .backspace:
            guard !prompt.text.isEmpty else { return [] }
            prompt.text.removeLast()
        case .ctrl("u"):
            prompt.text = ""
        case .char(let c):
            prompt.text.append(c)
        default:
            return []
        }
        do throws(TextQuery.Invalid) {
            let query = try TextQuery(prompt.text)
            prompt.error = nil
            if case .regex? = query?.pattern, state.store.count > Self.regexAsTypedLimit {
                // What the first letters ("r", "re") filtered is not what the officer is writing.
                prompt.waitsForEnter = true
                state.prompt = prompt
                setQuery(prompt.previous, on: &state)
                return []
            }
            prompt.waitsForEnter = false
            state.prompt = prompt
            setQuery(query, on: &state)
        } catch {
            prompt.error = error.message
            state.prompt = prompt
        }
        return []
    }

    /// Above this many incidents a regular expression is applied on Enter rather than as typed.
    static let regexAsTypedLimit = 20_000

    /// Keys while the `F` prompt is open: digits build the number; Enter applies it (empty is
    /// no minimum), Esc leaves the filter as it was.
    static func numberKey(_ key: Key, on state: inout AppState) -> [Effect] {
        guard var prompt = state.numberPrompt else { return [] }
        switch key {
        case .ctrl("c"):
            return [.quit]
        case .escape:
            state.numberPrompt = nil
            return []
        case .enter:
            state.numberPrompt = nil
            let minimum = Int(prompt.digits) ?? 0
            guard minimum != state.filter.minFatalities else { return [] }
            state.filter.minFatalities = minimum
            state.rebuildFeed()
            return []
        case .backspace:
            if !prompt.digits.isEmpty { prompt.digits.removeLast() }
        case .ctrl("u"):
            prompt.digits = ""
        case .char(let c) where c.isASCII && c.isNumber:
            guard prompt.digits.count < NumberPrompt.maxDigits else {
                prompt.error = "at most \(NumberPrompt.maxDigits) digits"
                state.numberPrompt = prompt
                return []
            }
            prompt.digits.append(c)
        case .char(let c):
            // Refused aloud: a silently dropped "-" or "1.5" would apply a number the officer did not type.
            prompt.error = "\"\(c)\" refused: digits only"
            state.numberPrompt = prompt
            return []
        default:
            return []
        }
        prompt.error = nil
        state.numberPrompt = prompt
        return []
    }

    /// Applies a text query, narrowing the feed in place when the new query can only match less.
    static func setQuery(_ query: TextQuery?, on state: inout AppState) {
        let old = state.filter.text
        guard old != query else { return }
        state.filter.text = query
        if let old, let query, old.isNarrowed(by: query) {
            state.narrowFeed()
        } else {
            state.rebuildFeed()
        }
    }
}
