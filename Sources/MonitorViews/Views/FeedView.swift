import MonitorCore
import MonitorState

/// The incident feed: newest first, one line each (date, place, actors, fatalities, summary).
public enum FeedView {
    public static func draw(_ state: AppState, _ ctx: RenderContext, in rect: Rect, on canvas: inout Canvas) {
        let shown = state.feed.count
        let order = state.order == .arrival ? "by arrival, newest first" : "by time, newest first"
        let title = shown == state.store.count
            ? "Feed · \(counted(shown, "incident")) · \(order)"
            : "Feed · \(shown) of \(counted(state.store.count, "incident")) · \(order)"
        Frame.draw(rect, title: title, focused: state.focus == .feed, theme: ctx.theme, on: &canvas)
        let inner = rect.inset(1)
        guard inner.width > 10, inner.height > 0 else { return }
        if state.feed.isEmpty {
            let message = state.store.count == 0 ? "No incidents yet: waiting for data."
                : state.filter == FeedFilter(hiddenActors: state.hidden) && state.replayAt == nil && state.map.restriction == nil
                ? "All incidents are hidden by the actor filter (0 shows all)."
                : "No incident passes the filters (x clears them, N ends a replay)."
            canvas.put(message, x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, style: ctx.theme.style(.dim))
            return
        }
        for row in 0..<inner.height {
            let index = state.feedScroll + row
            guard index < state.feed.count else { break }
            let incident = state.store.incident(state.feedSlot(index))
            drawRow(incident, selected: index == state.selected, state, ctx, Rect(x: inner.x, y: inner.y + row, width: inner.width, height: 1), &canvas)
        }
        if state.feed.count > inner.height {
            // Position marker on the right border, like a scroll bar thumb.
            let thumb = inner.y + (inner.height - 1) * state.feedScroll / max(1, state.feed.count - inner.height)
            canvas.set(x: rect.maxX - 1, y: thumb, ctx.ascii ? "#" : "█", ctx.theme.style(.border))
        }
    }

    package static func drawRow(_ incident: Incident, selected: Bool, _ state: AppState, _ ctx: RenderContext, _ row: Rect, _ canvas: inout Canvas) {
        let base = ctx.theme.style(selected ? .selection : .text)
        canvas.fill(row, style: base)
        func styled(_ element: ThemeElement) -> Style {
            selected ? base : ctx.theme.style(element)
        }
        // Columns appear as width allows: time of day from 72 columns, actor names from 120.
        let withTime = row.width >= 72
        let wide = row.width >= 120
        // The mark column: news the officer has not selected yet.
        let record = state.store[IncidentStore.Slot(incident.seq)]
        if record.isUnseen { canvas.set(x: row.x, y: row.y, ctx.ascii ? "*" : "●", styled(.feedUnseen)) }
        var x = row.x + 1
        let when = withTime ? TimeFormat.dateTime(incident.time, hasClock: incident.hasClockTime) : TimeFormat.date(incident.time)
        canvas.put(when, x: x, y: row.y, style: styled(.feedTime))
        let timeWidth = withTime ? 17 : 11
        x += timeWidth
        let placeWidth = wide ? 16 : 12
        let place = incident.place.isEmpty ? "(no place)" : incident.place
        canvas.put(place, x: x, y: row.y, maxWidth: placeWidth, style: styled(.feedPlace))
        highlight(place, at: x, maxX: x + placeWidth, row.y, state, ctx, &canvas)
        x += placeWidth + 1
        // Actors: glyphs in colour, then names when there is room.
        if incident.revision > 0 {
            // Revised incidents say so where the eye starts reading the summary.
            canvas.set(x: x - 1, y: row.y, ctx.ascii ? "*" : "✎", styled(.feedTime))
        }
        for actor in incident.actors.prefix(3) {
            var style = ctx.theme.actor(actor)
            if selected { style.bg = base.bg; style.attributes.formUnion(base.attributes) }
            canvas.set(x: x, y: row.y, ctx.glyph(state.registry[actor]), style)
            x += 1
        }
        x = max(x + 1, row.x + 1 + timeWidth + placeWidth + 1 + 4)
        if wide {
            var names = incident.actors.filter { $0 != state.registry.otherID }.map { state.registry[$0].key }
            names += incident.unknownActorNames
            x += canvas.put(names.joined(separator: ", "), x: x, y: row.y, maxWidth: 22, style: base)
            x = max(x + 1, row.x + 1 + timeWidth + placeWidth + 1 + 4 + 23)
        }
        // Nothing for 0 or an unreported count: the detail view tells them apart.
        if let killed = incident.fatalities, killed > 0 {
            x += canvas.put("\(ctx.ascii ? "x" : "†")\(killed)", x: x, y: row.y, style: styled(.fatalities))
            x += 1
        }
        if record.isLate {
            // A late report says so where the eye starts reading, whatever the order.
            x += canvas.put("late", x: x, y: row.y, style: styled(.feedLate))
            x += 1
        }
        x = watchMarks(IncidentStore.Slot(incident.seq), at: x, row.y, state, ctx, styled, &canvas)
        let summary = incident.summary.isEmpty ? incident.type.label : incident.summary
        canvas.put(summary, x: x, y: row.y, maxWidth: row.maxX - x, style: base)
        highlight(summary, at: x, maxX: row.maxX, row.y, state, ctx, &canvas)
    }

    /// The watch's marks before the summary (ARCHITECTURE.md §9): an alert not yet acknowledged
    /// (an acknowledged one dimmer), a flag, a note. Returns where the summary starts.
    package static func watchMarks(_ slot: IncidentStore.Slot, at x: Int, _ y: Int, _ state: AppState, _ ctx: RenderContext,
                                   _ styled: (ThemeElement) -> Style, _ canvas: inout Canvas) -> Int {
        let watch = state.watch
        guard !watch.alerted.isEmpty || !watch.flagged.isEmpty || !watch.notes.isEmpty else { return x }
        let ref = state.ref(slot)
        var x = x
        var marked = false
        if let open = watch.alerted[ref] {
            canvas.set(x: x, y: y, ctx.ascii ? "!" : "⚠", styled(open > 0 ? .statusAlert : .dim))
            x += 1
            marked = true
        }
        if watch.flagged[ref] != nil {
            canvas.set(x: x, y: y, ctx.ascii ? "F" : "⚑", styled(.statusWarning))
            x += 1
            marked = true
        }
        if watch.notes[ref] != nil {
            canvas.set(x: x, y: y, ctx.ascii ? "n" : "✉", styled(.helpKey))
            x += 1
            marked = true
        }
        return marked ? x + 1 : x
    }

    /// Underlines and bolds the part of `text` (drawn at `x`) that the text filter matched.
    package static func highlight(_ text: String, at x: Int, maxX: Int, _ y: Int, _ state: AppState, _ ctx: RenderContext,
                                  _ canvas: inout Canvas) {
        guard let needle = MatchSpan.needle(state), let span = MatchSpan.find(needle, in: text) else { return }
        let characters = Array(text)
        let from = x + ctx.measure.columns(String(characters[..<span.lowerBound]))
        let to = min(maxX - 1, from + ctx.measure.columns(String(characters[span])))
        guard from < to else { return }
        // The last column may hold the ellipsis of a cut text; leave it plain.
        for column in from..<to {
            var style = canvas[column, y].style
            style.attributes.formUnion([.underline, .bold])
            canvas.setStyle(x: column, y: y, style)
        }
    }
}
