/// Where each pane goes for a terminal size. Wide terminals put the map beside a tall feed;
/// narrower ones put the map and legend over a full-width feed so summaries stay readable.
public struct Layout: Sendable, Equatable {
    public let map: Rect
    public let legend: Rect
    public let feed: Rect
    public let status: Rect

    public static let wideFrom = 140
    public static let legendWidthNarrow = 30

    public init(width: Int, height: Int) {
        let w = max(1, width), h = max(1, height)
        status = Rect(x: 0, y: h - 1, width: w, height: 1)
        let body = h - 1
        if w >= Self.wideFrom {
            let mapWidth = w * 11 / 20
            map = Rect(x: 0, y: 0, width: mapWidth, height: body)
            let legendHeight = min(body / 2, 11)
            legend = Rect(x: mapWidth, y: 0, width: w - mapWidth, height: legendHeight)
            feed = Rect(x: mapWidth, y: legendHeight, width: w - mapWidth, height: body - legendHeight)
        } else {
            let feedHeight = max(min(6, body / 2), body * 2 / 5)
            let top = body - feedHeight
            let legendWidth = min(Self.legendWidthNarrow, w * 3 / 8)
            map = Rect(x: 0, y: 0, width: w - legendWidth, height: top)
            legend = Rect(x: w - legendWidth, y: 0, width: legendWidth, height: top)
            feed = Rect(x: 0, y: top, width: w, height: feedHeight)
        }
    }

    /// How many incidents the feed pane shows at once.
    public var feedRows: Int { max(0, feed.height - 2) }
}
