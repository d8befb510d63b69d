import MonitorCore

/// Word-wraps text to a column width (words longer than a line are cut).
public enum TextWrap {
    public static func lines(_ text: String, width: Int, measure: DisplayWidth) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(separator: " ") {
            var word = String(word)
            var w = measure.columns(word)
            while w > width {
                // Hard-cut an over-long word at the width.
                var head = "", headWidth = 0
                for ch in word {
                    let cw = max(0, measure.columns(ch))
                    if headWidth + cw > width - (lineWidth > 0 ? lineWidth + 1 : 0) { break }
                    head.append(ch)
                    headWidth += cw
                }
                if head.isEmpty {
                    out.append(line)
                    line = ""
                    lineWidth = 0
                    continue
                }
                out.append(lineWidth > 0 ? line + " " + head : head)
                line = ""
                lineWidth = 0
                word = String(word.dropFirst(head.count))
                w = measure.columns(word)
            }
            if lineWidth > 0 && lineWidth + 1 + w > width {
                out.append(line)
                line = ""
                lineWidth = 0
            }
            if w > 0 {
                line += (lineWidth > 0 ? " " : "") + word
                lineWidth += (lineWidth > 0 ? 1 : 0) + w
            }
        }
        if !line.isEmpty || out.isEmpty { out.append(line) }
        return out
    }
}
