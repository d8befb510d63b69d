import MonitorCore
import MonitorIngest

/// The only place state changes: `reduce(&state, action)` applies one action and returns the
/// effects the run loop must perform.
public struct Reducer: Sendable {
    public let keyMap: KeyMap

    public init(keyMap: KeyMap = .standard) { self.keyMap = keyMap }

    public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        // The reducers below change inputs only; derived state has one owner (DerivedState.swift).
        let basis = state.derivationBasis
        defer { state.bringUpToDate(from: basis) }
        return apply(action, to: &state)
    }

    private func apply(_ action: Action, to state: inout AppState) -> [Effect] {
        switch action {
        case .ingest(let batch):
            return ingest(&state, batch)
        case .resize(let width, let height):
            // The strip's buckets and the map's cells follow the size through the derived state.
            state.width = max(1, width)
            state.height = max(1, height)
            return []
        case .key(let key):
            // The answer to the last key stays until the next one.
            state.flash = nil
            if state.linePrompt != nil {
                if let command = keyMap.command(for: key, in: .prompt) {
                    switch CommandLineReducer.run(command, keyMap: keyMap, on: &state) {
                    case .nothing: return []
                    case .effects(let effects): return effects
                    case .run(let next): return run(next, on: &state)
                    }
                }
                if case .char(let c) = key { CommandLineReducer.type(c, on: &state) }
                return []
            }
            if state.prompt != nil || state.numberPrompt != nil {
                // A prompt takes the keyboard: its own keys act, other characters are typed.
                if let command = keyMap.command(for: key, in: .prompt) { return PromptReducer.run(command, on: &state) }
                if case .char(let c) = key { PromptReducer.type(c, on: &state) }
                return []
            }
            if state.pendingSolo {
                state.pendingSolo = false
                if let command = keyMap.command(for: key, in: .solo), case .solo(let n) = command, n < state.registry.count {
                    return run(command, on: &state)
                }
                // Anything else cancels the prefix and then does what it always does.
            }
            let overlayOpen = state.overlay != .none
            var picker = false
            if case .types = state.overlay { picker = true }
            guard let command = keyMap.command(for: key, focus: state.focus, overlayOpen: overlayOpen, picker: picker)
            else { return [] }
            return run(command, on: &state)
        case .command(let command):
            return run(command, on: &state)
        case .click(let x, let y):
            if let command = MouseReducer.click(x: x, y: y, on: &state) { return run(command, on: &state) }
            if state.focus == .feed { state.markSelectedSeen() }
            return []
        case .wheel(let rows):
            state.select(row: state.selected + rows)
            state.markSelectedSeen()
            return []
        case .tick(let now):
            state.now = max(state.now, now)
            if state.startedAt == nil { state.startedAt = now }
            if let banner = state.watch.banner, state.now >= banner.until { state.watch.banner = nil }
            return []
        case .watch(.entries(let entries)):
            state.applyWatch(entries)
            return []
        case .watch(.problem(let problem)):
            state.watch.logProblem = problem
            return []
        case .watch(.started(let officer, let session, let resumeFrom)):
            state.watch.officer = officer
            state.watch.lastSession = session
            for (i, offset) in resumeFrom.enumerated() where state.sources.indices.contains(i) {
                state.sources[i].resumeFrom = offset
            }
            // A handover note written since this officer's last session opens the handover view.
            if let session, state.watch.handovers.contains(where: { $0.stamp.at > session.savedAt }) {
                WatchReducer.openHandover(on: &state)
            }
            // The view the officer left, as lnav restores its sessions (`--fresh`: none).
            guard let view = session?.view.flatMap(SavedView.decode) else { return [] }
            return WatchReducer.show(view, on: &state)
        case .briefing(.written(let path)):
            state.flash = "briefing written to \(path)"
            return []
        case .briefing(.failed(let problem)):
            // Said beside the other notices, not over them.
            state.notice = ((state.notice.map { $0 + "\n" }) ?? "") + "briefing not written: \(problem)"
            return []
        case .themeChanged(let name, let notice):
            state.themeName = name
            state.notice = notice
            state.flash = "theme: \(name)"
            return []
        case .sourceLine(let slot, let content):
            SourceLineReducer.answer(slot: slot, content, on: &state)
            return []
        }
    }

    private func ingest(_ state: inout AppState, _ batch: IngestBatch) -> [Effect] {
        state.now = max(state.now, batch.arrivedAt)
        // Lines read after the first read of their source are news to the officer.
        var live = false
        // In a first read, lines beyond where the officer's last session had read are news too.
        var resumeFrom: Int64?
        var file = ""
        if state.sources.indices.contains(batch.source) {
            var info = state.sources[batch.source]
            live = info.caughtUp
            resumeFrom = info.caughtUp ? nil : info.resumeFrom
            file = info.name
            info.status = batch.status
            info.linesRead += batch.linesRead
            info.linesWaiting = batch.reachedEnd ? 0 : batch.linesWaiting
            info.incidents += batch.incidentCount
            info.badLines += batch.badLines.count
            if batch.linesRead > 0 { info.lastDataAt = batch.arrivedAt }
            // A missing file has nothing to read first: what it brings later is news.
            if batch.reachedEnd || batch.status != .following { info.caughtUp = true }
            info.loading = info.caughtUp ? nil : LoadProgress.after(batch, info.loading, rows: info.incidents)
            for event in batch.events {
                switch event {
                case .rotated(let at): info.rotatedAt = at
                case .truncated(let at): info.truncatedAt = at
                }
            }
            state.sources[batch.source] = info
        }
        state.badLineCount += batch.badLines.count
        state.badLines.append(contentsOf: batch.badLines)
        if state.badLines.count > AppState.keptBadLines {
            state.badLines.removeFirst(state.badLines.count - AppState.keptBadLines)
        }
        // The handover view opened at start counts what arrived meanwhile once the files are read.
        let finishedFirstRead = state.sources.indices.contains(batch.source) && !live && state.sources[batch.source].caughtUp
        defer {
            if finishedFirstRead, case .handover = state.overlay { state.watch.handoverSummary = HandoverSummary.gather(state) }
        }
        guard batch.incidentCount > 0 || !batch.retractions.isEmpty else { return [] }
        var appended: [AppState.Slot] = []
        var late: [AppState.Slot] = []
        var corrected: [(old: AppState.Slot, new: AppState.Slot)] = []
        var reordered = false
        appended.reserveCapacity(batch.incidentCount)
        let newestBefore = state.store.newestTime
        state.store.insert(contentsOf: batch) { change in
            switch change {
            case .appendedNewest(let slot): appended.append(slot)
            case .insertedEarlier(let slot): late.append(slot)
            case .reordered(let slot, let old): corrected.append((old, slot))
            }
        }
        let revised = corrected.map(\.new)
        let arrived = appended + late + revised
        if state.sources.indices.contains(batch.source) {
            var newest = state.sources[batch.source].lastIncidentOffset ?? -1
            for slot in arrived { if let offset = state.store[slot].offset, offset > newest { newest = offset } }
            if newest >= 0 { state.sources[batch.source].lastIncidentOffset = newest }
        }
        func isNews(_ record: StoredIncident) -> Bool {
            live || resumeFrom.map { from in record.offset.map { $0 >= from } ?? false } ?? false
        }
        if live {
            noteLiveArrivals(&state, arrived, newestBefore: newestBefore, at: batch.arrivedAt)
        } else if resumeFrom != nil {
            let away = arrived.filter { isNews(state.store[$0]) }
            if !away.isEmpty { noteLiveArrivals(&state, away, newestBefore: newestBefore, at: batch.arrivedAt) }
        }
        state.applyWaitingFlags(revised: revised)
        let effects = state.raiseAlerts(arrived, isNews: isNews)
        for (id, gone) in state.store.retractIncidents(ids: batch.retractions) {
            reordered = true
            state.retractedCount += 1
            state.retracted.append(Retraction(id: id, place: gone.place, summary: gone.summary, time: gone.time,
                                              at: batch.arrivedAt, file: file))
        }
        if state.retracted.count > AppState.keptRetractions {
            state.retracted.removeFirst(state.retracted.count - AppState.keptRetractions)
        }
        let evicted = state.store.enforceCapacity() > 0
        if evicted { reordered = true }
        // Late reports are placed into the feed where they belong by the derived state's owner; a
        // walk of the whole store per batch would make reading a big file quadratic.
        state.arrivals.newest += appended
        state.arrivals.late += late
        state.arrivals.reordered = state.arrivals.reordered || reordered
        state.arrivals.corrected += corrected
        // Slots of removed incidents are reclaimed now and then, whatever holds a slot following;
        // mostly not in a batch that evicted, so a key waits for one long step, not both.
        if let remap = state.store.reclaimSlots(busy: evicted) { state.arrivals.reclaimed = remap }
        return effects
    }

    /// Flags a batch of live arrivals unseen, and late when their time lies well before the
    /// newest incident stored before each came (arrival order is slot order).
    private func noteLiveArrivals(_ state: inout AppState, _ slots: [AppState.Slot], newestBefore: Int64?, at: Int64) {
        var newest = newestBefore
        for slot in slots.sorted() {
            let time = state.store[slot].time
            state.store.noteLiveArrival(slot, at: at, newest: newest)
            newest = max(newest ?? time, time)
        }
    }

    private func run(_ command: Command, on state: inout AppState) -> [Effect] {
        let page = max(1, Layout(width: state.width, height: state.height).feedRows)
        switch command {
        case .quit:
            return [.quit]
        case .toggleHelp:
            if case .help = state.overlay { state.overlay = .none } else { state.overlay = .help(scroll: 0) }
        case .close:
            if SourceLineReducer.back(on: &state) { return [] }
            // With nothing open, Esc lifts a map restriction, so it works from the feed as well.
            if state.overlay == .none { MapReducer.run(.liftRestriction, on: &state) }
            state.overlay = .none
        case .cycleTheme:
            return [.cycleTheme]
        case .toggleErrors:
            if case .errors = state.overlay { state.overlay = .none } else { state.overlay = .errors(scroll: 0) }
        case .toggleSources:
            if case .sources = state.overlay { state.overlay = .none } else { state.overlay = .sources(scroll: 0) }
        case .toggleActor(let index):
            guard index < state.registry.count else { return [] }
            let id = ActorID(index)
            if state.hidden.contains(id) { state.hidden.remove(id) } else { state.hidden.insert(id) }
        case .toggleLegendActor:
            return run(.toggleActor(state.legendCursor), on: &state)
        case .showAllActors:
            state.hidden.removeAll()
        case .moveDown, .moveUp, .pageDown, .pageUp:
            let step: Int
            switch command {
            case .moveDown: step = 1
            case .moveUp: step = -1
            case .pageDown: step = page
            default: step = -page
            }
            move(by: step, on: &state)
        case .newest:
            state.select(row: 0)
            state.feedScroll = 0
            state.markSelectedSeen()
        case .oldest:
            state.select(row: state.feed.count - 1)
            state.markSelectedSeen()
        case .openDetail:
            state.markSelectedSeen()
            if let incident = state.selectedIncident { state.overlay = .detail(seq: incident.seq, scroll: 0) }
        case .pickNearby(let step):
            guard case .detail(let seq, let scroll, let pick) = state.overlay else { return [] }
            let count = state.nearby(IncidentStore.Slot(seq)).count
            guard count > 0 else { return [] }
            // Wraps round the list; from none, forward starts at the first and back at the last.
            let next = pick < 0 ? (step > 0 ? 0 : count - 1) : (pick + step + count) % count
            state.overlay = .detail(seq: seq, scroll: scroll, pick: next)
        case .toggleSourceLine:
            return SourceLineReducer.toggle(on: &state)
        case .openPicked:
            if case .alerts(let cursor) = state.overlay {
                openAlertIncident(cursor, on: &state)
                return []
            }
            if case .controlChanges(let cursor) = state.overlay {
                ControlReducer.openChange(cursor, on: &state)
                return []
            }
            guard case .detail(let seq, _, let pick) = state.overlay, pick >= 0 else { return [] }
            let near = state.nearby(IncidentStore.Slot(seq))
            guard pick < near.count else { return [] }
            let slot = near[pick].slot
            state.store.markSeen(slot)
            state.overlay = .detail(seq: Int(slot), scroll: 0)
            // The feed follows when the incident is in it, so Esc lands on it.
            if let index = state.feed.lastIndex(of: slot) { state.select(row: state.feed.count - 1 - index) }
        case .focusNext:
            state.focus = state.focus.next
        case .focusPrevious:
            state.focus = state.focus.previous
        case .map(let mapCommand):
            MapReducer.run(mapCommand, on: &state)
        case .soloPrefix, .solo, .soloLegendActor, .invertActors, .cycleFatalities, .openFatalitiesPrompt, .cycleWindow, .clearFilters,
             .openTextPrompt, .openTypePicker, .toggleType, .allTypes:
            FilterReducer.run(command, on: &state)
        case .replayStep, .live:
            ReplayReducer.run(command, on: &state)
        case .nextUnseen, .previousUnseen, .markAllSeen, .toggleOrder:
            ArrivalReducer.run(command, on: &state)
        case .promptAccept, .promptCancel, .promptDeleteBack, .promptClear:
            return PromptReducer.run(command, on: &state)
        case .promptComplete:
            break
        case .writeBriefing(let folder):
            // The run loop builds and writes it, and answers with `.briefing` (ARCHITECTURE.md §10).
            return [.writeBriefing(folder: folder)]
        case .toggleControl, .openControlChanges:
            ControlReducer.run(command, on: &state)
        case .openAlerts, .acknowledge, .toggleFlag, .toggleFlaggedOnly, .note, .handover, .addZone, .toggleZones, .openCommandLine, .view:
            return WatchReducer.run(command, on: &state)
        }
        return []
    }

    /// Enter in the alert list: the alert's incident in the detail view, selected in the feed.
    private func openAlertIncident(_ cursor: Int, on state: inout AppState) {
        let alerts = state.watch.alerts
        guard cursor >= 0, cursor < alerts.count else { return }
        guard let slot = state.slot(for: alerts[alerts.count - 1 - cursor].raised.key.incident) else {
            state.flash = "that incident is no longer in the store"
            return
        }
        state.store.markSeen(slot)
        state.overlay = .detail(seq: Int(slot), scroll: 0)
        if let index = state.feed.lastIndex(of: slot) { state.select(row: state.feed.count - 1 - index) }
    }

    private func move(by step: Int, on state: inout AppState) {
        switch state.overlay {
        case .help(let scroll):
            state.overlay = .help(scroll: max(0, scroll + step))
            return
        case .detail(let seq, let scroll, let pick):
            state.overlay = .detail(seq: seq, scroll: max(0, scroll + step), pick: pick)
            return
        case .errors(let scroll):
            state.overlay = .errors(scroll: max(0, scroll + step))
            return
        case .sources(let scroll):
            state.overlay = .sources(scroll: max(0, scroll + step))
            return
        case .types(let cursor):
            state.overlay = .types(cursor: max(0, min(state.typeChoices.count - 1, cursor + step)))
            return
        case .sourceLine(var view):
            view.scroll = max(0, view.scroll + step)
            state.overlay = .sourceLine(view)
            return
        case .alerts(let cursor):
            state.overlay = .alerts(cursor: max(0, min(state.watch.alerts.count - 1, cursor + step)))
            return
        case .handover(let scroll):
            state.overlay = .handover(scroll: max(0, scroll + step))
            return
        case .controlChanges(let cursor):
            state.overlay = .controlChanges(cursor: max(0, min(state.store.control.count - 1, cursor + step)))
            return
        case .none:
            break
        }
        if state.focus == .legend {
            state.legendCursor = max(0, min(state.registry.count - 1, state.legendCursor + step))
            return
        }
        state.select(row: state.selected + step)
        state.markSelectedSeen()
    }
}
