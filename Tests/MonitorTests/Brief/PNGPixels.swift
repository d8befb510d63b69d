import Foundation
@testable import MonitorIngest

/// Just enough of PNG to read back what rsvg-convert writes: 8-bit RGB or RGBA, not interlaced,
/// the IDAT stream inflated through sitmon's own zlib wrapper, the five scanline filters undone.
struct PNGPixels {
    let width: Int
    let height: Int
    let channels: Int
    let bytes: [UInt8]

    init?(_ data: [UInt8]) {
        guard data.count > 33, data[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
        func u32(_ i: Int) -> Int { Int(data[i]) << 24 | Int(data[i + 1]) << 16 | Int(data[i + 2]) << 8 | Int(data[i + 3]) }
        var i = 8
        var width = 0, height = 0, channels = 0
        var compressed: [UInt8] = []
        while i + 8 <= data.count {
            let length = u32(i)
            let type = String(decoding: data[(i + 4)..<(i + 8)], as: UTF8.self)
            let body = (i + 8)..<min(data.count, i + 8 + length)
            if type == "IHDR" {
                width = u32(body.lowerBound)
                height = u32(body.lowerBound + 4)
                let depth = data[body.lowerBound + 8], color = data[body.lowerBound + 9], interlace = data[body.lowerBound + 12]
                guard depth == 8, interlace == 0, color == 2 || color == 6 else { return nil }
                channels = color == 6 ? 4 : 3
            } else if type == "IDAT" {
                compressed += data[body]
            }
            i += 12 + length
        }
        var raw: [UInt8] = []
        let inflater = GzipInflater()
        let problem = compressed.withUnsafeBytes { inflater.inflate($0) { raw += $0 } }
        let stride = width * channels
        guard problem == nil, width > 0, raw.count >= (stride + 1) * height else { return nil }
        var out = [UInt8](repeating: 0, count: stride * height)
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            for x in 0..<stride {
                let v = Int(raw[y * (stride + 1) + 1 + x])
                let a = x >= channels ? Int(out[y * stride + x - channels]) : 0
                let b = y > 0 ? Int(out[(y - 1) * stride + x]) : 0
                let c = x >= channels && y > 0 ? Int(out[(y - 1) * stride + x - channels]) : 0
                let predicted: Int
                switch filter {
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: predicted = 0
                }
                out[y * stride + x] = UInt8((v + predicted) & 0xFF)
            }
        }
        self.width = width
        self.height = height
        self.channels = channels
        bytes = out
    }

    func rgb(_ x: Int, _ y: Int) -> (Int, Int, Int)? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let i = (y * width + x) * channels
        return (Int(bytes[i]), Int(bytes[i + 1]), Int(bytes[i + 2]))
    }
}
