import CZlib

/// Inflates a gzip (or zlib) stream as it is read, chunk by chunk, for `ReadLoop`: what comes
/// out is handed on as if the file held it. Several gzip members one after another (`cat a.gz
/// b.gz`) read as one stream, as `gunzip` reads them.
///
/// A class: zlib's state keeps a pointer back to its `z_stream`, which therefore must not move.
package final class GzipInflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private var output = [UInt8](repeating: 0, count: 256 << 10)
    private var ready = false
    /// The last member ended exactly where the input so far did: the stream may end here.
    package private(set) var atMemberEnd = false
    /// Compressed bytes taken in so far.
    package private(set) var consumed: Int64 = 0

    /// The first bytes of a gzip file (RFC 1952): its two magic bytes.
    package static func isGzip(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    package init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        ready = czlib_inflate_init(stream) == Z_OK
    }

    deinit {
        if ready { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Inflates `input`, handing each piece of output to `deliver` in order. Returns why the data
    /// cannot be read further, or nil when all of it was taken.
    package func inflate(_ input: UnsafeRawBufferPointer, deliver: (UnsafeRawBufferPointer) -> Void) -> String? {
        guard ready else { return "zlib could not start" }
        guard let base = input.baseAddress, input.count > 0 else { return nil }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        defer {
            stream.pointee.next_in = nil
            stream.pointee.avail_in = 0
        }
        while stream.pointee.avail_in > 0 {
            if atMemberEnd {
                // More data after a member: the next member starts here.
                inflateReset(stream)
                atMemberEnd = false
            }
            let before = stream.pointee.avail_in
            let (code, produced) = output.withUnsafeMutableBytes { out -> (Int32, Int) in
                stream.pointee.next_out = out.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(out.count)
                let code = CZlib.inflate(stream, Z_NO_FLUSH)
                return (code, out.count - Int(stream.pointee.avail_out))
            }
            consumed += Int64(before - stream.pointee.avail_in)
            if produced > 0 { output.withUnsafeBytes { deliver(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) } }
            switch code {
            case Z_OK: continue
            case Z_STREAM_END: atMemberEnd = true
            case Z_BUF_ERROR where produced == 0 && stream.pointee.avail_in == before: return nil
            case Z_BUF_ERROR: continue
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "error \(code)"
                return "compressed data damaged at byte \(consumed) (\(message))"
            }
        }
        return nil
    }

    /// Said when the file ends: nil if the last member was complete.
    package var endProblem: String? {
        atMemberEnd ? nil : "compressed file ends early at byte \(consumed) (truncated): the rest is missing"
    }
}
