/// One event source named on the command line.
enum SourceSpec: Equatable {
    case file(path: String, name: String)
    /// `-`: events piped in on standard input.
    case standardInput

    var name: String {
        switch self {
        case .file(_, let name): name
        case .standardInput: "stdin"
        }
    }
}
