// The umbrella the app, the benchmarks and the tests import: the layer targets as one module
// name, so `import Monitor` keeps meaning "all of sitmon's library". The layers themselves are
// separate targets so the compiler enforces the one-way arrows (ARCHITECTURE.md §1).
@_exported import MonitorCore
@_exported import MonitorIngest
@_exported import MonitorState
@_exported import MonitorViews
@_exported import MonitorWatch
