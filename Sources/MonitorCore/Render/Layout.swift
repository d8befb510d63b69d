/// Where each pane goes for a terminal size. Wide terminals put the map beside the legend and the
/// hotspots, over a full-width feed; 80x24 and up put the map and legend over a full-width feed
/// so summaries stay readable;
/// down to 40x12 a compact layout keeps map and feed and folds the legend into a strip above
/// the status line; below that there is only a message.
public struct Layout: Sendable, Equatable {
    public enum Mode: Sendable, Equatable { case full, compact, tooSmall }

    public let mode: Mode
    public let map: Rect
    public let legend: Rect
    /// Places with the most incidents shown (wide terminals, under the legend; empty otherwise).
    public let hotspots: Rect
    /// The folded legend of the compact layout (empty otherwise).
    public let legendStrip: Rect
    public let feed: Rect
    /// The timeline strip between the feed and the status line (full layouts only).
    public let timeline: Rect
    public let status: Rect

    public static let timelineHeight = 2
    /// Feed rows the full layout keeps below 140 columns.
    public static let minimumFeedRows = 8

    public static let wideFrom = 140
    public static let legendWidthNarrow = 30
    public static let fullSize = (width: 80, height: 24)
    public static let minimumSize = (width: 40, height: 12)

    public init(width: Int, height: Int) {
        let w = max(1, width), h = max(1, height)
        status = Rect(x: 0, y: h - 1, width: w, height: 1)
        if w < Self.minimumSize.width || h < Self.minimumSize.height {
            mode = .tooSmall
            map = Rect(x: 0, y: 0, width: 0, height: 0)
            legend = map
            hotspots = map
            legendStrip = map
            feed = map
            timeline = map
            return
        }
        if w < Self.fullSize.width || h < Self.fullSize.height {
            mode = .compact
            legendStrip = Rect(x: 0, y: h - 2, width: w, height: 1)
            legend = Rect(x: 0, y: 0, width: 0, height: 0)
            hotspots = legend
            let body = h - 2
            let feedHeight = max(4, body * 2 / 5)
            map = Rect(x: 0, y: 0, width: w, height: body - feedHeight)
            feed = Rect(x: 0, y: body - feedHeight, width: w, height: feedHeight)
            timeline = Rect(x: 0, y: 0, width: 0, height: 0)
            return
        }
        mode = .full
        legendStrip = Rect(x: 0, y: 0, width: 0, height: 0)
        let body = h - 1
        // The timeline's rows come out of the feed, which is the tallest pane.
        timeline = Rect(x: 0, y: body - Self.timelineHeight, width: w, height: Self.timelineHeight)
        let feedCut = Self.timelineHeight
        if w >= Self.wideFrom {
            // The feed spans the full width at the bottom: when an incident arrives its rows shift
            // whole, which curses sends as a scroll instead of repainting them (see BENCHMARKS.md).
            let feedHeight = max(8, body * 2 / 5)
            let top = body - feedHeight
            let mapWidth = w * 13 / 20
            map = Rect(x: 0, y: 0, width: mapWidth, height: top)
            let legendHeight = min(top, 10)
            legend = Rect(x: mapWidth, y: 0, width: w - mapWidth, height: legendHeight)
            hotspots = Rect(x: mapWidth, y: legendHeight, width: w - mapWidth, height: top - legendHeight)
            feed = Rect(x: 0, y: top, width: w, height: feedHeight - feedCut)
        } else {
            hotspots = Rect(x: 0, y: 0, width: 0, height: 0)
            // At least `minimumFeedRows` incidents even at 80x24, a laptop over SSH: the feed is
            // what the officer reads; the map keeps the rest.
            let feedHeight = max(Self.minimumFeedRows + 2 + feedCut, body * 2 / 5)
            let top = body - feedHeight
            let legendWidth = min(Self.legendWidthNarrow, w * 3 / 8)
            map = Rect(x: 0, y: 0, width: w - legendWidth, height: top)
            legend = Rect(x: w - legendWidth, y: 0, width: legendWidth, height: top)
            feed = Rect(x: 0, y: top, width: w, height: feedHeight - feedCut)
        }
    }

    /// How many incidents the feed pane shows at once.
    public var feedRows: Int { max(0, feed.height - 2) }
}
