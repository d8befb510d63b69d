import Glibc

/// What happens to the terminal and the backtrace when sitmon crashes or gets SIGQUIT (issue 12).
///
/// The terminal backend's crash handlers give the terminal back first; then the Swift runtime's
/// backtracer runs. On a terminal that backtracer is interactive by default (it waits for a key),
/// and it reads its settings (`SWIFT_BACKTRACE`) once, when the process starts. So sitmon, on a
/// terminal and with `SWIFT_BACKTRACE` unset, sets it (not interactive, no colour, written to a
/// file in a crash folder) and runs itself again. A `SWIFT_BACKTRACE` the user set is left alone.
enum CrashReports {
    static let variable = "SWIFT_BACKTRACE"

    /// `$XDG_STATE_HOME/sitmon/crashes`, else `~/.local/state/sitmon/crashes`; nil without a home.
    static func folder(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/sitmon/crashes" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.local/state/sitmon/crashes" }
        return nil
    }

    /// The runtime's settings for sitmon: never wait for a key; the backtrace to `folder` (one
    /// file per crash) when it can be made and written into, else to standard error (shown after
    /// the terminal is back).
    static func settings(folder: String?) -> String {
        // The value is a comma-separated list of key=value: a path with either cannot be given.
        if let folder, !folder.contains(","), !folder.contains("="), makeFolder(folder) {
            return "interactive=no,color=no,output-to=\(folder)"
        }
        return "interactive=no,color=no,output-to=stderr"
    }

    /// Called first thing in `main`. Returns when no restart is needed, or when it failed (then a
    /// crash still gives the terminal back, but the backtracer may ask for a key).
    static func prepareRuntime() {
        guard isatty(STDOUT_FILENO) == 1 else { return }
        if getenv(variable) == nil {
            var environment: [String: String] = [:]
            for key in ["XDG_STATE_HOME", "HOME"] {
                if let value = getenv(key) { environment[key] = String(cString: value) }
            }
            setenv(variable, settings(folder: folder(environment: environment)), 1)
            // The same program with the same arguments, by its real path: exec'ing /proc/self/exe
            // itself would rename the process "exe" in ps and top.
            var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink("/proc/self/exe", &target, Int(PATH_MAX))
            if length > 0 { execv(String(decoding: target[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self), CommandLine.unsafeArgv) }
            unsetenv(variable)
        }
        announceDestination()
    }

    /// Tells the crash path where the backtrace goes, from the settings the runtime started with.
    private static func announceDestination() {
        var text = "sitmon: stopped by a crash or SIGQUIT; the terminal is restored"
        if let value = getenv(variable).map({ String(cString: $0) }),
           let output = value.split(separator: ",").first(where: { $0.hasPrefix("output-to=") }) {
            let destination = output.dropFirst("output-to=".count)
            text += destination == "stderr" || destination == "stdout" ? "; backtrace below" : "; backtrace in \(destination)"
        }
        TerminalBackend.setCrashNote(text + "\n")
    }

    /// `mkdir -p` for the crash folder, owner-only (backtraces show memory and paths).
    private static func makeFolder(_ path: String) -> Bool {
        var built = ""
        for part in path.split(separator: "/") {
            built += "/" + part
            if mkdir(built, 0o700) != 0, errno != EEXIST { return false }
        }
        return access(path, W_OK) == 0
    }
}
