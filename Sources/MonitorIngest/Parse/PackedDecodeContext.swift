import MonitorCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one `PackedLineDecoder` worker remembers from line to line and poll to poll: each
/// spelling of a place, source, type or actor name it has met, already cleaned and looked up.
/// One context per worker, passed `inout` (a value, so its tables need no exclusivity checks at
/// run time); never used by two threads at once.
package struct PackedDecodeContext: Sendable {
    package struct TextEntry: Sendable {
        package var text: String
        /// Its index in the segment being written, valid while `generation` is current.
        package var local: UInt32 = 0
        package var generation = -1
        package var townKnown = false
        package var town: GeoPoint?
    }

    package enum ActorEntry: Sendable {
        /// Blank once cleaned: the parser skips it.
        case empty
        /// A registry actor; `name`: the number of its cleaned spelling in `names`, `isKey`: the
        /// spelling is the actor's key.
        case known(ActorID, name: UInt16, isKey: Bool)
        /// Not in the registry: the number of its cleaned name in `names`.
        case unknown(UInt16)
        /// A name the packed form cannot carry (it holds ';', or too many names): the parser's case.
        case parser
    }

    private var places = ByteMemo<TextEntry>()
    private var sources = ByteMemo<TextEntry>()
    private var types = ByteMemo<TextEntry>()
    private var actors = ByteMemo<ActorEntry>()
    /// A CSV record's actor columns read as a whole, by the bytes that hold them (`knownActors`).
    private var actorColumns = ByteMemo<ActorColumns>()
    /// A JSON record's `actors` value read as a whole, by its bytes (`knownActors(value:)`); apart
    /// from the CSV columns, so a CSV span and a JSON value with the same bytes never meet.
    private var actorValues = ByteMemo<ActorColumns>()
    /// Cleaned actor names, the actor each counts under (nil: unknown, under Other), and their
    /// numbers. Swift String keys, so canonically equivalent spellings are one name, as in the
    /// parser's `unknown.contains(name)`.
    private var nameIDs: [String: UInt16] = [:]
    private var names: [(text: String, actor: ActorID?)] = []
    /// Actor-names texts by the line's names.
    private var joinedNames: [WrittenNames.Key: TextEntry] = [:]
    /// `joinedNames`' answers in the current segment, by a cheap hash of the key: a line's names
    /// are mostly a set seen a few lines before, and the dictionary (SipHash, and a String copied
    /// out with the entry) cost more than the rest of the actors' reading. Only keys the
    /// dictionary holds are kept here, so the answers are the ones it gives.
    private var recentJoined = [RecentJoined](repeating: RecentJoined(), count: 64)
    private struct RecentJoined {
        var key = WrittenNames.Key()
        var generation = -1
        var local: UInt32 = 0
    }
    private var generation = 0
    private var scratch: [UInt8] = []
    /// The date (first ten bytes, as two words) of the last time read, and its days since 1970.
    private var lastDate: (low: UInt64, high: UInt16, days: Int)?
    /// `ByteHash.seed`, for hashing ids without a global look-up per line.
    package let seed = ByteHash.seed

    package static let memoLimit = 4096

    /// A new segment: strings must be added to it again before use.
    package mutating func startSegment() { generation += 1 }

    // MARK: Places, sources, types

    /// Segment string index of the line's place and, if asked, its gazetteer location; nil when
    /// the value is not text (the parser's case).
    package mutating func place(_ field: JSONField?, needTown: Bool, _ gazetteer: Gazetteer,
                                _ segment: inout PackedSegment) -> (index: UInt32, town: GeoPoint?)? {
        guard let field, !field.isNull else { return (0, nil) }
        guard field.kind == .string else { return nil }
        let key = places.key(field.raw)
        if let at = places.find(key, field.raw) {
            if let index = Self.knownLocal(places[at], generation), !needTown || places[at].townKnown {
                return (index, places[at].town)
            }
            let index = Self.local(&places[at], generation, &segment)
            if needTown, !places[at].townKnown {
                places[at].town = Self.town(places[at].text, gazetteer)
                places[at].townKnown = true
            }
            return (index, places[at].town)
        }
        var entry = TextEntry(text: Self.cleaned(field))
        if needTown {
            entry.town = Self.town(entry.text, gazetteer)
            entry.townKnown = true
        }
        let index = Self.local(&entry, generation, &segment)
        places.insert(key, field.raw, entry)
        return (index, entry.town)
    }

    package mutating func source(_ field: JSONField?, _ segment: inout PackedSegment) -> UInt32? {
        Self.text(field, &sources, generation, &segment) { $0 }
    }

    package mutating func type(_ field: JSONField?, _ segment: inout PackedSegment) -> UInt32? {
        Self.text(field, &types, generation, &segment) { EventType(parsing: $0).label }
    }

    private static func text(_ field: JSONField?, _ memo: inout ByteMemo<TextEntry>, _ generation: Int,
                             _ segment: inout PackedSegment, _ transform: (String) -> String) -> UInt32? {
        guard let field, !field.isNull else { return 0 }
        guard field.kind == .string else { return nil }
        let key = memo.key(field.raw)
        if let at = memo.find(key, field.raw) { return knownLocal(memo[at], generation) ?? local(&memo[at], generation, &segment) }
        var entry = TextEntry(text: transform(cleaned(field)))
        let index = local(&entry, generation, &segment)
        memo.insert(key, field.raw, entry)
        return index
    }

    /// As `IncidentBuilder`: sanitised, then trimmed of spaces.
    private static func cleaned(_ field: JSONField) -> String {
        TextSanitizer.clean(field.string ?? "").trimmingSpaces
    }

    private static func town(_ place: String, _ gazetteer: Gazetteer) -> GeoPoint? {
        place.isEmpty ? nil : gazetteer.lookup(place)?.point
    }

    /// `local` for an entry already given an index in this segment: read, not written, so the
    /// memo's storage is not made unique (a runtime call) for the most common case of a row.
    @inline(__always)
    private static func knownLocal(_ entry: borrowing TextEntry, _ generation: Int) -> UInt32? {
        entry.generation == generation ? entry.local : nil
    }

    private static func local(_ entry: inout TextEntry, _ generation: Int, _ segment: inout PackedSegment) -> UInt32 {
        if entry.text.isEmpty { return 0 }
        if entry.generation != generation {
            entry.local = UInt32(segment.strings.count)
            entry.generation = generation
            segment.strings.append(entry.text)
        }
        return entry.local
    }

    // MARK: Times

    /// `TimeParser.parse(raw:)`, the date read again only when it is not the last time's: lines
    /// come mostly in time order, many a day, and the date's digits and calendar sum were a third
    /// of the parse. The same ten bytes always make the same date, so the result is the parse's.
    @inline(__always)
    package mutating func time(raw: UnsafeRawBufferPointer) -> TimeParser.Parsed? {
        let bytes = raw.bindMemory(to: UInt8.self)
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 { end -= 1 }
        let b = UnsafeBufferPointer(rebasing: bytes[0..<end])
        guard end >= 10, let base = raw.baseAddress else { return TimeParser.parse(bytes: b) }
        let low = base.loadUnaligned(as: UInt64.self)
        let high = base.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        if let last = lastDate, last.low == low, last.high == high { return TimeParser.parse(bytes: b, afterDate: last.days) }
        guard let days = TimeParser.date(b) else { return nil }
        lastDate = (low, high, days)
        return TimeParser.parse(bytes: b, afterDate: days)
    }

    // MARK: Actors

    /// What an actor name (a JSON string element) stands for, if this spelling was met before.
    package func actor(_ element: JSONField) -> ActorEntry? {
        actors.find(actors.key(element.raw), element.raw).map { actors[$0] }
    }

    /// Looks a new spelling up in the registry and remembers it.
    package mutating func learnActor(_ element: JSONField, _ registry: ActorRegistry) -> ActorEntry {
        let entry = resolve(Self.cleaned(element), registry)
        actors.insert(actors.key(element.raw), element.raw, entry)
        return entry
    }

    /// A cleaned actor name by its number.
    package func name(_ number: UInt16) -> String { names[Int(number)].text }

    private mutating func resolve(_ name: String, _ registry: ActorRegistry) -> ActorEntry {
        if name.isEmpty { return .empty }
        let id = registry.lookup(name)
        let number: UInt16
        if let known = nameIDs[name] {
            number = known
        } else {
            // An unknown name holding ';' would split apart in the "; "-joined unknown names.
            if id == nil, name.utf8.contains(0x3B) { return .parser }
            guard names.count < Int(UInt16.max) - 1 else { return .parser }
            number = UInt16(names.count)
            names.append((name, id))
            nameIDs[name] = number
        }
        guard let id else { return .unknown(number) }
        return .known(id, name: number, isKey: name == registry[id].key)
    }

    /// Segment string index of a line's actor-names text, as the store keeps it (`ActorNamesText`):
    /// its unknown names, then its names as written.
    package mutating func joined(_ line: WrittenNames, otherID: ActorID, _ segment: inout PackedSegment) -> UInt32 {
        let key = line.key
        let slot = Int(truncatingIfNeeded: ((key.low ^ key.high &* 31) &* 0x9E37_79B9_7F4A_7C15) >> 58)
        if recentJoined[slot].generation == generation, recentJoined[slot].key == key { return recentJoined[slot].local }
        if var entry = joinedNames[key] {
            var index = entry.local
            if entry.generation != generation {
                index = Self.local(&entry, generation, &segment)
                joinedNames[key] = entry
            }
            recentJoined[slot] = RecentJoined(key: key, generation: generation, local: index)
            return index
        }
        let numbers = line.names
        let unknown = numbers.filter { names[Int($0)].actor == nil }.map { names[Int($0)].text }
        let written = numbers.map { WrittenActor(name: names[Int($0)].text, actor: names[Int($0)].actor ?? otherID) }
        var entry = TextEntry(text: ActorNamesText.encode(unknown: unknown, written: written))
        let index = Self.local(&entry, generation, &segment)
        if joinedNames.count < Self.memoLimit {
            joinedNames[key] = entry
            recentJoined[slot] = RecentJoined(key: key, generation: generation, local: index)
        }
        return index
    }

    // MARK: Summaries and ids

    /// Appends a string value's text, sanitised (and trimmed of spaces if asked) exactly as the
    /// parser's String path would; returns where it went and whether it is all ASCII.
    package mutating func copyText(_ field: JSONField, trim: Bool,
                  into text: inout PackedText) -> (start: UInt32, count: UInt32, ascii: Bool) {
        let start = text.count
        if let plain = field.plainStringBytes {
            // ASCII without escapes: printable unless it holds DEL (JSON forbids raw controls).
            if field.isASCII, let base = plain.baseAddress, memchr(base, 0x7F, plain.count) == nil {
                var lower = 0
                var upper = plain.count
                if trim {
                    while lower < upper, plain[lower] == 0x20 { lower += 1 }
                    while upper > lower, plain[upper - 1] == 0x20 { upper -= 1 }
                }
                text.append(contentsOf: UnsafeRawBufferPointer(rebasing: plain[lower..<upper]))
                return (UInt32(start), UInt32(upper - lower), true)
            }
            if let copied = Self.appendIfClean(plain, trim: trim, to: &text) { return copied }
        } else if let base = field.raw.baseAddress, field.raw.count >= 2 {
            let length = field.raw.count - 2
            if scratch.count < length { scratch = [UInt8](repeating: 0, count: max(length, scratch.count * 2, 256)) }
            let written = scratch.withUnsafeMutableBufferPointer { buffer in
                JSONCursor(base, field.raw.count).decodeEscapes(1, field.raw.count - 1, into: buffer)
            }
            let copied = scratch.withUnsafeBytes {
                Self.appendIfClean(UnsafeRawBufferPointer(rebasing: $0[0..<written]), trim: trim, to: &text)
            }
            if let copied { return copied }
        }
        var cleaned = TextSanitizer.clean(field.string ?? "")
        if trim { cleaned = cleaned.trimmingSpaces }
        text.append(contentsOf: cleaned.utf8)
        let count = text.count - start
        let ascii = text.withUnsafeBytes { IDHash.isASCII(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        return (UInt32(start), UInt32(count), ascii)
    }

    /// Appends text the sanitiser would leave alone; nil when it would not, or when trimming
    /// touches a space next to a non-ASCII byte (it could belong to a grapheme with it, and
    /// `trimmingSpaces` trims whole Characters).
    package static func appendIfClean(_ bytes: UnsafeRawBufferPointer, trim: Bool,
                                      to text: inout PackedText) -> (start: UInt32, count: UInt32, ascii: Bool)? {
        guard TextSanitizer.isAlreadyClean(utf8: bytes) else { return nil }
        var lower = 0
        var upper = bytes.count
        if trim {
            while lower < upper, bytes[lower] == 0x20 { lower += 1 }
            if lower > 0, lower < upper, bytes[lower] >= 0x80 { return nil }
            let end = upper
            while upper > lower, bytes[upper - 1] == 0x20 { upper -= 1 }
            if upper < end, upper > lower, bytes[upper - 1] >= 0x80 { return nil }
        }
        let kept = UnsafeRawBufferPointer(rebasing: bytes[lower..<upper])
        let start = text.count
        text.append(contentsOf: kept)
        return (UInt32(start), UInt32(kept.count), IDHash.isASCII(kept))
    }

    /// `appendIfClean`, and the kept text's letter mask (`LetterFold.letterMask`): plain text
    /// (`LetterFold.plainTextLetters`) is checked and masked in one read, anything else takes
    /// `appendIfClean` and a second read for the mask.
    package static func appendIfCleanWithLetters(_ bytes: UnsafeRawBufferPointer, trim: Bool, to text: inout PackedText)
        -> (start: UInt32, count: UInt32, ascii: Bool, letters: UInt32)? {
        var lower = 0
        var upper = bytes.count
        if trim {
            while lower < upper, bytes[lower] == 0x20 { lower += 1 }
            while upper > lower, bytes[upper - 1] == 0x20 { upper -= 1 }
        }
        let kept = UnsafeRawBufferPointer(rebasing: bytes[lower..<upper])
        // `appendIfClean` gives up a text whose trimmed spaces touch a byte of 0x80 or above:
        // such a text goes to it, and it says nil.
        let edgeAfterTrim = (lower > 0 && lower < upper && bytes[lower] >= 0x80)
            || (upper < bytes.count && upper > lower && bytes[upper - 1] >= 0x80)
        if !edgeAfterTrim, let plain = LetterFold.plainTextLetters(kept) {
            let start = text.count
            text.append(contentsOf: kept)
            return (UInt32(start), UInt32(kept.count), plain.ascii, plain.letters)
        }
        guard let copied = appendIfClean(bytes, trim: trim, to: &text) else { return nil }
        let letters = text.withUnsafeBytes {
            LetterFold.letterMask(UnsafeRawBufferPointer(rebasing: $0[Int(copied.start)..<Int(copied.start + copied.count)]))
        }
        return (copied.start, copied.count, copied.ascii, letters)
    }

    // MARK: Values read from raw bytes (CSV fields)

    /// `place` for a spelling met before whose town is known or not asked for, nil otherwise: it
    /// needs no gazetteer, so the caller copies none. (A copy retains the gazetteer's arrays,
    /// shared by every decoding thread: a contended atomic count per record.)
    package mutating func knownPlace(raw: UnsafeRawBufferPointer, needTown: Bool,
                                     _ segment: inout PackedSegment) -> (index: UInt32, town: GeoPoint?)? {
        guard let at = places.find(places.key(raw), raw), !needTown || places[at].townKnown else { return nil }
        if let index = Self.knownLocal(places[at], generation) { return (index, places[at].town) }
        return (Self.local(&places[at], generation, &segment), places[at].town)
    }

    /// Segment string index of a place spelled `raw`, and its gazetteer location if asked;
    /// `cleaned` gives its text the first time the spelling is met.
    package mutating func place(raw: UnsafeRawBufferPointer, needTown: Bool, _ gazetteer: Gazetteer,
                                _ segment: inout PackedSegment, cleaned: () -> String) -> (index: UInt32, town: GeoPoint?) {
        let key = places.key(raw)
        if let at = places.find(key, raw) {
            let index = Self.local(&places[at], generation, &segment)
            if needTown, !places[at].townKnown {
                places[at].town = Self.town(places[at].text, gazetteer)
                places[at].townKnown = true
            }
            return (index, places[at].town)
        }
        var entry = TextEntry(text: cleaned())
        if needTown {
            entry.town = Self.town(entry.text, gazetteer)
            entry.townKnown = true
        }
        let index = Self.local(&entry, generation, &segment)
        places.insert(key, raw, entry)
        return (index, entry.town)
    }

    /// Segment string index of a source spelled `raw`.
    package mutating func source(raw: UnsafeRawBufferPointer, _ segment: inout PackedSegment, cleaned: () -> String) -> UInt32 {
        Self.text(raw, &sources, generation, &segment, cleaned)
    }

    /// Segment string index of an event type spelled `raw`; `label` gives the stored text.
    package mutating func type(raw: UnsafeRawBufferPointer, _ segment: inout PackedSegment, label: () -> String) -> UInt32 {
        Self.text(raw, &types, generation, &segment, label)
    }

    private static func text(_ raw: UnsafeRawBufferPointer, _ memo: inout ByteMemo<TextEntry>, _ generation: Int,
                             _ segment: inout PackedSegment, _ make: () -> String) -> UInt32 {
        let key = memo.key(raw)
        if let at = memo.find(key, raw) { return knownLocal(memo[at], generation) ?? local(&memo[at], generation, &segment) }
        var entry = TextEntry(text: make())
        let index = local(&entry, generation, &segment)
        memo.insert(key, raw, entry)
        return index
    }

    /// `actor` for a spelling met before, nil otherwise: no registry needed (as `knownPlace`).
    /// What a record's actor columns gave: the actor list, the names-as-written text (none: no
    /// text needed) and the first name (an ACLED change of hands names it as the holder).
    package struct ActorColumns: Sendable {
        var list: ActorList
        /// Empty text: no names-as-written text needed.
        var names: TextEntry
        var first: ActorEntry?
    }

    /// The actors of a CSV record whose actor columns lie in `raw` exactly as in a record read
    /// before: rows repeat the same pairs of actors, and reading the four ACLED columns name by
    /// name (trims, look-ups, the names-as-written text) cost more than anything else a row
    /// needs (ARCHITECTURE.md §4). Nil when not met before.
    @inline(__always)
    package mutating func knownActors(raw: UnsafeRawBufferPointer, _ segment: inout PackedSegment)
        -> (list: ActorList, names: UInt32, first: ActorEntry?)? {
        Self.known(raw, &actorColumns, generation, &segment)
    }

    /// Remembers what the actor columns in `raw` gave, read name by name into `segment`.
    package mutating func rememberActors(raw: UnsafeRawBufferPointer, list: ActorList, names: UInt32,
                                         first: ActorEntry?, _ segment: PackedSegment) {
        Self.remember(raw, &actorColumns, generation, list: list, names: names, first: first, segment)
    }

    /// The actors of a JSON record whose `actors` value (an array or a string, validated) is
    /// `raw` exactly as in a record read before: lines repeat the same lists, and reading one
    /// name by name cost a JSON Lines line or GeoJSON feature about 1,000 instructions
    /// (ARCHITECTURE.md §4). The same bytes always hold the same names, so they give the same
    /// list and names-as-written text. Nil when not met before.
    @inline(__always)
    package mutating func knownActors(value raw: UnsafeRawBufferPointer, _ segment: inout PackedSegment)
        -> (list: ActorList, names: UInt32)? {
        Self.known(raw, &actorValues, generation, &segment).map { ($0.list, $0.names) }
    }

    /// Remembers what the `actors` value in `raw` gave, read name by name into `segment`.
    package mutating func rememberActors(value raw: UnsafeRawBufferPointer, list: ActorList, names: UInt32,
                                         _ segment: PackedSegment) {
        Self.remember(raw, &actorValues, generation, list: list, names: names, first: nil, segment)
    }

    @inline(__always)
    private static func known(_ raw: UnsafeRawBufferPointer, _ memo: inout ByteMemo<ActorColumns>, _ generation: Int,
                              _ segment: inout PackedSegment) -> (list: ActorList, names: UInt32, first: ActorEntry?)? {
        guard let at = memo.find(memo.key(raw), raw) else { return nil }
        // In place: a copy of the entry retained and released its text on every row.
        let names = knownLocal(memo[at].names, generation) ?? local(&memo[at].names, generation, &segment)
        return (memo[at].list, names, memo[at].first)
    }

    private static func remember(_ raw: UnsafeRawBufferPointer, _ memo: inout ByteMemo<ActorColumns>, _ generation: Int,
                                 list: ActorList, names: UInt32, first: ActorEntry?, _ segment: PackedSegment) {
        var entry = ActorColumns(list: list, names: TextEntry(text: ""), first: first)
        if names != 0 { entry.names = TextEntry(text: segment.strings[Int(names)], local: names, generation: generation) }
        memo.insert(memo.key(raw), raw, entry)
    }

    package func knownActor(raw: UnsafeRawBufferPointer) -> ActorEntry? {
        actors.find(actors.key(raw), raw).map { actors[$0] }
    }

    /// What an actor name spelled `raw` stands for; `cleaned` gives its name the first time.
    package mutating func actor(raw: UnsafeRawBufferPointer, _ registry: ActorRegistry, cleaned: () -> String) -> ActorEntry {
        let key = actors.key(raw)
        if let at = actors.find(key, raw) { return actors[at] }
        let entry = resolve(cleaned(), registry)
        actors.insert(key, raw, entry)
        return entry
    }
}
