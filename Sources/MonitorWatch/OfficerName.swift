#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The officer's login, as the log records it (`WatchStamp.officer`).
public enum OfficerName {
    /// The login of the running user from the user database, not `$USER` (which anyone can set).
    /// The uid as text when the database has no entry (a container's bare uid).
    public static func current() -> String {
        UserDatabase.entry(uid: getuid())?.name ?? String(getuid())
    }
}

/// One read of the user database (`getpwuid_r`, the reentrant form: no static buffer shared
/// between threads).
package enum UserDatabase {
    package struct Entry: Sendable {
        package var name: String
        package var home: String
    }

    package static func entry(uid: uid_t) -> Entry? {
        var size = 1024
        while size <= 1 << 20 {
            var record = passwd()
            var result: UnsafeMutablePointer<passwd>?
            var buffer = [CChar](repeating: 0, count: size)
            let status = getpwuid_r(uid, &record, &buffer, size, &result)
            if status == ERANGE {
                size *= 4
                continue
            }
            guard status == 0, result != nil, let name = record.pw_name else { return nil }
            let login = String(cString: name)
            guard !login.isEmpty else { return nil }
            return Entry(name: login, home: record.pw_dir.map { String(cString: $0) } ?? "")
        }
        return nil
    }
}
