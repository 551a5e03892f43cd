// Dense ids for hashed n-grams: an open-addressing table reused across problems, so counting n-grams costs a
// probe per n-gram rather than a Dictionary insert.

/// Maps 64-bit n-gram hashes to dense ids 0, 1, 2, … in order of first appearance.
struct NGramTable {
    private struct Slot {
        var key: UInt64
        var id: Int32
    }
    private var slots: [Slot] = []
    private var usedSlots: [Int] = []
    private var mask = 0
    /// The number of distinct keys seen since the last reset.
    private(set) var count: Int32 = 0

    /// Empties the table and makes room for at least `capacity` distinct keys (load factor ≤ ½).
    mutating func reset(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        if size > slots.count || size * 4 < slots.count {
            slots = [Slot](repeating: Slot(key: 0, id: -1), count: size)
            mask = size - 1
        } else {
            slots.withUnsafeMutableBufferPointer { table in
                for slot in usedSlots { table[slot].id = -1 }
            }
        }
        usedSlots.removeAll(keepingCapacity: true)
        count = 0
    }

    /// Writes the ids of `keys` (already well-mixed hashes) to `out`, assigning new ids to keys not seen before.
    mutating func ids(of keys: UnsafeBufferPointer<UInt64>, into out: UnsafeMutablePointer<Int32>) {
        let mask = self.mask
        var count = self.count
        slots.withUnsafeMutableBufferPointer { table in
            for (i, key) in keys.enumerated() {
                var slot = Int(truncatingIfNeeded: key) & mask
                while true {
                    let existing = table[slot].id
                    if existing < 0 {
                        table[slot] = Slot(key: key, id: count)
                        usedSlots.append(slot)
                        out[i] = count
                        count += 1
                        break
                    }
                    if table[slot].key == key {
                        out[i] = existing
                        break
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
        self.count = count
    }
}
