import MonitorCore
import MonitorState

/// Composes the whole screen from the state: the one function the run loop calls per frame.
public enum Screen {
    public static func render(_ state: AppState, _ ctx: RenderContext, keyMap: KeyMap = .standard) -> Canvas {
        var canvas = Canvas(width: state.width, height: state.height, measure: ctx.measure, ascii: ctx.ascii,
                            fill: ctx.theme.style(.text))
        let layout = Layout(width: state.width, height: state.height)
        if layout.mode == .tooSmall {
            TooSmallView.draw(ctx, on: &canvas)
            return canvas
        }
        LegendStripView.draw(state, ctx, in: layout.legendStrip, on: &canvas)
        MapView.draw(state, ctx, in: layout.map, on: &canvas, zones: state.watch.zones, showZones: state.watch.zonesShown)
        LegendView.draw(state, ctx, in: layout.legend, on: &canvas)
        HotspotsView.draw(state, ctx, in: layout.hotspots, on: &canvas)
        FeedView.draw(state, ctx, in: layout.feed, on: &canvas)
        if let histogram = state.timeline {
            TimelineView.draw(histogram, window: state.windowSpan, cursor: state.replayAt, newest: state.store.newestTime,
                              ctx, in: layout.timeline, on: &canvas)
        }
        if let prompt = state.linePrompt {
            PromptLineView.draw(prompt, ctx, in: layout.status, on: &canvas)
        } else if let prompt = state.numberPrompt {
            PromptLineView.draw(prompt, ctx, in: layout.status, on: &canvas)
        } else if let prompt = state.prompt {
            PromptLineView.draw(prompt, ctx, in: layout.status, on: &canvas)
        } else {
            StatusLineView.draw(state, ctx, in: layout.status, on: &canvas)
        }
        switch state.overlay {
        case .none: break
        case .help(let scroll): HelpOverlay.draw(scroll: scroll, keyMap: keyMap, ctx, on: &canvas)
        case .detail(let seq, let scroll, let pick): DetailOverlay.draw(state, seq: seq, scroll: scroll, pick: pick, ctx, on: &canvas)
        case .errors(let scroll): ErrorsOverlay.draw(state, scroll: scroll, ctx, on: &canvas)
        case .sources(let scroll): SourcesOverlay.draw(state, scroll: scroll, ctx, on: &canvas)
        case .types(let cursor): TypePickerOverlay.draw(state, cursor: cursor, ctx, on: &canvas)
        case .sourceLine(let view): DetailOverlay.drawSourceLine(state, view, ctx, on: &canvas)
        case .alerts(let cursor): AlertsOverlay.draw(state, cursor: cursor, ctx, on: &canvas)
        case .controlChanges(let cursor): ControlChangesOverlay.draw(state, cursor: cursor, ctx, on: &canvas)
        case .handover(let scroll): HandoverOverlay.draw(state, scroll: scroll, ctx, on: &canvas)
        }
        return canvas
    }
}
