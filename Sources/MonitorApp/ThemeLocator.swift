import Foundation
import Monitor

/// Finds the themes/ folder: beside the working directory, or relative to the executable
/// (so `swift run` and an installed copy both work), or $SITMON_THEMES.
enum ThemeLocator {
    static func searchPaths() -> [String] {
        var paths: [String] = []
        if let env = ProcessInfo.processInfo.environment["SITMON_THEMES"] { paths.append(env) }
        paths.append(FileManager.default.currentDirectoryPath + "/themes")
        let exe = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]).deletingLastPathComponent()
        // .build/<triple>/debug/sitmon → the package root is three levels up; bin/ → ../share/sitmon.
        for up in ["../../../themes", "../../themes", "../share/sitmon/themes"] {
            paths.append(exe.appendingPathComponent(up).standardized.path)
        }
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
    }
}
