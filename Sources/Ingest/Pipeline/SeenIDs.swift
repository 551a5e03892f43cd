// The in-file duplicate check's memory: every problem id read so far in one file, with where it was first seen
// and a digest of its content. Open addressing over precomputed id digests, ids packed in one byte buffer: a
// 100k-row file costs a few megabytes and no allocation per row.

/// Problem ids seen in one input file.
struct SeenIDs {
    /// Where an id was first seen, and its content digest then.
    struct Sighting: Equatable {
        var contentDigest: UInt64
        var line: Int
        /// Index of the entry (archive member) in the file.
        var entry: Int
    }

    private var slots: [Int32]          // index into the arrays below, or -1
    private var digests: [UInt64] = []
    private var sightings: [Sighting] = []
    private var idEnds: [Int] = []      // id k is idBytes[idEnds[k-1] ..< idEnds[k]]
    private var idBytes: [UInt8] = []

    init() { slots = [Int32](repeating: -1, count: 1 << 12) }

    /// The number of distinct ids.
    var count: Int { digests.count }

    /// Records `id` (whose XXH64 digest is `digest`) as seen at `sighting`, unless it was seen before: then the
    /// table is unchanged and the earlier sighting is returned.
    mutating func insert(_ id: String, digest: UInt64, at sighting: Sighting) -> Sighting? {
        if (digests.count + 1) * 4 > slots.count * 3 { grow() }
        var copy = id
        return copy.withUTF8 { utf8 in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: digest) & mask
            while slots[slot] >= 0 {
                let k = Int(slots[slot])
                if digests[k] == digest && idBytes[(k == 0 ? 0 : idEnds[k - 1])..<idEnds[k]].elementsEqual(utf8) {
                    return sightings[k]
                }
                slot = (slot + 1) & mask
            }
            slots[slot] = Int32(digests.count)
            digests.append(digest)
            sightings.append(sighting)
            idBytes.append(contentsOf: utf8)
            idEnds.append(idBytes.count)
            return nil
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (k, digest) in digests.enumerated() {
            var slot = Int(truncatingIfNeeded: digest) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(k)
        }
    }
}
