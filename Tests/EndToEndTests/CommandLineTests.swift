import Foundation
import Testing

/// The command line of the real binary: help text, mistakes and their exit status. No terminal is
/// needed (sitmon stops before drawing), so these run without tmux.
@Suite("EndToEnd: command line") struct CommandLineTests {
    /// Runs sitmon with its own config folder, so the user's themes cannot change the answer.
    func sitmon(_ arguments: [String], config: String) throws -> E2ECommandResult {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = config
        environment["NO_COLOR"] = nil
        return E2EShell.run([try SitmonBinary.path()] + arguments, environment: environment)
    }

    static func occurrences(of word: String, in text: String) -> Int {
        text.components(separatedBy: word).count - 1
    }

    @Test("--help names each --format value once")
    func helpListsFormatsOnce() throws {
        let dir = try E2ETempDir()
        let help = try sitmon(["--help"], config: dir.url.path)
        #expect(help.status == 0)
        #expect(help.stdout.contains("--format <FORMAT>"))
        for format in ["jsonl", "acled", "geojson"] {
            #expect(Self.occurrences(of: format, in: help.stdout) == 1, "\(format) in:\n\(help.stdout)")
        }
    }

    @Test("--theme with an unknown name stops with status 2 and names the themes there are")
    func unknownThemeNameStops() throws {
        let dir = try E2ETempDir()
        try FileManager.default.createDirectory(atPath: dir.path("sitmon/themes"), withIntermediateDirectories: true)
        try dir.write("sitmon/themes/night.toml", lines: ["name = \"night\""])
        let run = try sitmon(["--theme", "nosuch"], config: dir.url.path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("no theme named \"nosuch\""), "\(run.stderr)")
        #expect(run.stderr.contains("default, light, high-contrast, colorblind, mono, night"), "\(run.stderr)")
        // A mistyped option exits the same way.
        #expect(try sitmon(["--nosuch"], config: dir.url.path).status == 2)
        // A theme path that does not exist is a mistake too.
        let missing = try sitmon(["--theme", dir.path("nosuch.toml")], config: dir.url.path)
        #expect(missing.status == 2 && missing.stderr.contains("no such file"), "\(missing.stderr)")
    }

    @Test("--theme in a copy of the binary with no themes folder says where it looked and how to point it")
    func copiedBinaryWithoutThemesSaysWhereItLooked() throws {
        let dir = try E2ETempDir()
        let copy = dir.path("bin/sitmon")
        try FileManager.default.createDirectory(atPath: dir.path("bin"), withIntermediateDirectories: true)
        // Copied by cp, so the descriptor written through lives only in cp: were it ours, a child
        // another test spawns at that moment could inherit it and make exec fail, ETXTBSY.
        let copied = E2EShell.run(["/bin/cp", try SitmonBinary.path(), copy])
        try #require(copied.status == 0, "\(copied.stderr)")
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = dir.path("config")
        environment["SITMON_THEMES"] = nil
        // Started from the copy's own folder, so neither the working folder nor the paths beside
        // the binary hold a themes/ folder.
        let run = E2EShell.run(["/bin/sh", "-c", "cd \"$1\" && exec ./sitmon --theme light", "sh", dir.path("bin")],
                               environment: environment)
        #expect(run.status == 2)
        #expect(run.stderr.contains("no themes folder found"), "\(run.stderr)")
        #expect(run.stderr.contains(dir.path("bin") + "/themes"), "\(run.stderr)")
        #expect(run.stderr.contains("SITMON_THEMES"), "\(run.stderr)")
        // Pointed at the themes, the same copy accepts the name (and stops later, for want of a terminal).
        environment["SITMON_THEMES"] = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../themes").standardized.path
        let pointed = E2EShell.run(["/bin/sh", "-c", "cd \"$1\" && exec ./sitmon --theme light", "sh", dir.path("bin")],
                                   environment: environment)
        #expect(!pointed.stderr.contains("--theme"), "\(pointed.stderr)")
        #expect(pointed.stderr.contains("not a terminal"), "\(pointed.stderr)")
    }

    @Test("--theme naming a broken theme file gets past the command line (the status line reports it)")
    func brokenThemeFileIsNotACommandLineError() throws {
        let dir = try E2ETempDir()
        let theme = try dir.write("broken.toml", lines: ["[ui]", "border = \"reddish\""])
        // With no terminal sitmon then stops for that reason instead, after the options were accepted.
        let run = try sitmon(["--theme", theme], config: dir.url.path)
        #expect(run.stderr.contains("not a terminal"), "\(run.stderr)")
        #expect(!run.stderr.contains("--theme"), "\(run.stderr)")
    }
}
