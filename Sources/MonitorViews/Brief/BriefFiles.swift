import MonitorCore

/// A briefing's files, named and built: what the run loop or `sitmon brief` writes into the
/// briefing's folder (ARCHITECTURE.md §10). Pure: the writing is `MonitorApp/BriefWriter.swift`.
public enum BriefFiles {
    public static func build(_ brief: Briefing, theme: Theme) -> [(name: String, text: String)] {
        [
            ("brief.md", BriefMarkdown.render(brief)),
            ("map.svg", BriefMapSVG.render(brief, theme: theme)),
            ("timeline.svg", BriefTimelineSVG.render(brief)),
            ("incidents.csv", BriefRecords.csv(brief.incidents, registry: brief.registry)),
            ("incidents.jsonl", BriefRecords.jsonLines(brief.incidents, registry: brief.registry)),
        ]
    }
}
