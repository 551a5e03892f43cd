// Dense ids for hashed n-grams: an open-addressing table reused across problems, so counting n-grams costs a
// probe per n-gram rather than a Dictionary insert.

/// Maps 64-bit n-gram hashes to dense ids 0, 1, 2, … in order of first appearance.
///
/// Slot ids and slot keys are separate arrays: a probe that finds an empty slot (every first appearance) reads
/// only the 4-byte ids, which keeps the hot part of a problem-sized table within the L1 cache.
struct NGramTable {
    /// The id stored in each slot, -1 for an empty slot.
    private var slotIDs: [Int32] = []
    private var slotKeys: [UInt64] = []
    private var mask = 0
    /// The number of distinct keys seen since the last reset.
    private(set) var count: Int32 = 0

    /// Empties the table and makes room for at least `capacity` distinct keys (load factor ≤ ½).
    mutating func reset(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        if size > slotIDs.count || size * 4 < slotIDs.count {
            slotIDs = [Int32](repeating: -1, count: size)
            slotKeys = [UInt64](repeating: 0, count: size)
            mask = size - 1
        } else {
            // One memset of at most 4 × 2 × capacity slots: cheaper than recording each used slot in the hot loop.
            slotIDs.withUnsafeMutableBufferPointer { $0.update(repeating: -1) }
        }
        count = 0
    }

    /// Writes the ids of `keys` (already well-mixed hashes) to `out`, assigning new ids to keys not seen before.
    mutating func ids(of keys: UnsafeBufferPointer<UInt64>, into out: UnsafeMutablePointer<Int32>) {
        let mask = self.mask
        var count = self.count
        slotIDs.withUnsafeMutableBufferPointer { ids in
            slotKeys.withUnsafeMutableBufferPointer { stored in
                for (i, key) in keys.enumerated() {
                    var slot = Int(truncatingIfNeeded: key) & mask
                    while true {
                        let existing = ids[slot]
                        if existing < 0 {
                            ids[slot] = count
                            stored[slot] = key
                            out[i] = count
                            count += 1
                            break
                        }
                        if stored[slot] == key {
                            out[i] = existing
                            break
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
        self.count = count
    }
}
