// The safetensors format (as the Hugging Face `safetensors` library reads it): an 8-byte little-endian header
// length N, N bytes of JSON {"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, ...,
// "__metadata__": {string: string}} padded with spaces to a multiple of 8, then the raw little-endian data, each
// tensor's bytes at [begin, end) relative to the end of the header. We write F32 only, tensors sorted by name.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Errors reading or writing checkpoints, naming the file and what was wrong.
public enum CheckpointError: Error, CustomStringConvertible, Equatable {
    /// The file is not valid safetensors (what, where).
    case malformed(String)
    /// The contents do not fit the model or optimiser they are loaded into.
    case mismatch(String)

    public var description: String {
        switch self {
        case .malformed(let m): return "malformed checkpoint: \(m)"
        case .mismatch(let m): return "checkpoint does not match: \(m)"
        }
    }
}

/// A named float32 array with its shape, as stored in a safetensors file.
public struct NamedArray: Equatable, Sendable {
    /// Dimensions.
    public var shape: [Int]
    /// Row-major values.
    public var values: [Float]

    /// An array of `values` with `shape`.
    public init(shape: [Int], values: [Float]) {
        self.shape = shape
        self.values = values
    }
}

/// Encoding and decoding of safetensors files.
public enum SafeTensors {
    /// The file bytes for `arrays` (sorted by name) and string `metadata`.
    public static func encode(_ arrays: [String: NamedArray], metadata: [String: String] = [:]) -> [UInt8] {
        let names = arrays.keys.sorted()
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0] ?? ""))" }
            entries.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for name in names {
            guard let array = arrays[name] else { continue }
            let size = array.values.count * 4
            entries.append("\(jsonString(name)):{\"dtype\":\"F32\",\"shape\":[\(array.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + size)]}")
            offset += size
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + offset)
        var length = UInt64(header.count).littleEndian
        withUnsafeBytes(of: &length) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: header)
        for name in names {
            guard let array = arrays[name] else { continue }
            array.values.withUnsafeBytes { raw in
                // Floats are stored little-endian; this module targets little-endian hosts (x86-64, arm64).
                bytes.append(contentsOf: raw)
            }
        }
        return bytes
    }

    /// Parses safetensors bytes; `source` names the file in errors.
    public static func decode(_ bytes: [UInt8], source: String = "safetensors data") throws -> (arrays: [String: NamedArray], metadata: [String: String]) {
        guard bytes.count >= 8 else { throw CheckpointError.malformed("\(source): \(bytes.count) bytes, shorter than the 8-byte header length") }
        var length: UInt64 = 0
        for i in 0..<8 { length |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard length <= UInt64(bytes.count - 8) else {
            throw CheckpointError.malformed("\(source): header length \(length) exceeds the file (\(bytes.count) bytes)")
        }
        let headerEnd = 8 + Int(length)
        let header: [String: HeaderValue]
        do {
            header = try JSONDecoder().decode([String: HeaderValue].self, from: Data(bytes[8..<headerEnd]))
        } catch {
            throw CheckpointError.malformed("\(source): header is not the expected JSON object (\(error))")
        }
        var arrays: [String: NamedArray] = [:]
        var metadata: [String: String] = [:]
        let dataCount = bytes.count - headerEnd
        for (name, value) in header {
            switch value {
            case .metadata(let m): metadata = m
            case .tensor(let entry):
                guard entry.dtype == "F32" else {
                    throw CheckpointError.malformed("\(source): tensor \(name) has dtype \(entry.dtype); only F32 is supported")
                }
                guard entry.data_offsets.count == 2, entry.data_offsets[0] >= 0,
                      entry.data_offsets[0] <= entry.data_offsets[1], entry.data_offsets[1] <= dataCount else {
                    throw CheckpointError.malformed("\(source): tensor \(name) has offsets \(entry.data_offsets) outside the \(dataCount) data bytes")
                }
                let begin = entry.data_offsets[0], end = entry.data_offsets[1]
                let elements = entry.shape.reduce(1, *)
                guard elements * 4 == end - begin else {
                    throw CheckpointError.malformed("\(source): tensor \(name) of shape \(entry.shape) needs \(elements * 4) bytes, has \(end - begin)")
                }
                var values = [Float](repeating: 0, count: elements)
                values.withUnsafeMutableBytes { raw in
                    bytes.withUnsafeBytes { src in
                        raw.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[(headerEnd + begin)..<(headerEnd + end)]))
                    }
                }
                arrays[name] = NamedArray(shape: entry.shape, values: values)
            }
        }
        return (arrays, metadata)
    }

    /// Writes `arrays` to `path`.
    public static func write(_ arrays: [String: NamedArray], metadata: [String: String] = [:], to path: String) throws {
        try Data(encode(arrays, metadata: metadata)).write(to: URL(fileURLWithPath: path))
    }

    /// Reads the safetensors file at `path`.
    public static func read(_ path: String) throws -> (arrays: [String: NamedArray], metadata: [String: String]) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CheckpointError.malformed("\(path): cannot be read (\(error))")
        }
        return try decode([UInt8](data), source: path)
    }

    private struct Entry: Decodable {
        var dtype: String
        var shape: [Int]
        var data_offsets: [Int]
    }

    private enum HeaderValue: Decodable {
        case tensor(Entry)
        case metadata([String: String])

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let entry = try? container.decode(Entry.self) { self = .tensor(entry) } else {
                self = .metadata(try container.decode([String: String].self))
            }
        }
    }

    /// A JSON string literal with the required escapes.
    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { let hex = String(scalar.value, radix: 16); out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
