/// A run of ASCII digits read eight bytes at a time (ARCHITECTURE.md §4): a coordinate such as
/// `16.2662` costs a few multiplies instead of a compare, a multiply and an add per digit. The
/// word holds the bytes as they lie in memory (little-endian: its lowest byte is the first byte).
package enum DigitRun {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// How many of the word's bytes, from the first, are digits `0`–`9` (0 to 8).
    ///
    /// A byte below `0`, or one past `9`, may disturb the bytes after it (a borrow or a carry
    /// moves up), never those before it: the first byte that is not a digit is always found.
    @inline(__always)
    package static func count(_ w: UInt64) -> Int {
        let x = w &- ones &* 0x30
        // High bit set: the byte was below `0` (wrapped past 0x7F) or is 10 or more once `0` is taken off.
        let notDigit = ((x &+ ones &* 0x76) | x) & highs
        return notDigit == 0 ? 8 : notDigit.trailingZeroBitCount >> 3
    }

    /// The value of the word's first `count` bytes (1 to 8, all digits) read as a decimal number;
    /// the bytes after them are ignored.
    @inline(__always)
    package static func value(_ w: UInt64, count: Int) -> UInt64 {
        // Digit values, the first digit moved up to byte 8 - count; the bytes below it are zeros,
        // which count as leading zeros. (A borrow from a byte after the run only moves up, out.)
        let digits = (w &- ones &* 0x30) &<< UInt64(64 - 8 * count)
        // Bytes into pairs (the first byte of each is the tens), pairs into fours, fours into eight:
        // no step carries from one lane into the next (99, 9999 and 99999999 each fit their lane).
        let pairs = ((digits &* 10) &+ (digits &>> 8)) & 0x00FF_00FF_00FF_00FF
        let fours = ((pairs &* 100) &+ (pairs &>> 16)) & 0x0000_FFFF_0000_FFFF
        return ((fours &* 10_000) &+ (fours &>> 32)) & 0xFFFF_FFFF
    }
}
