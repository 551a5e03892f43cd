// Dense ids for hashed n-grams: an open-addressing table reused across problems, so counting n-grams costs a
// probe per n-gram rather than a Dictionary insert.

/// Maps 64-bit n-gram hashes to dense ids 0, 1, 2, … in order of first appearance.
struct NGramTable {
    private var keys: [UInt64] = []
    private var ids: [Int32] = []
    private var usedSlots: [Int] = []
    private var mask = 0
    /// The number of distinct keys seen since the last reset.
    private(set) var count: Int32 = 0

    /// Empties the table and makes room for at least `capacity` distinct keys.
    mutating func reset(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        if size > keys.count {
            keys = [UInt64](repeating: 0, count: size)
            ids = [Int32](repeating: -1, count: size)
            mask = size - 1
        } else {
            for slot in usedSlots { ids[slot] = -1 }
        }
        usedSlots.removeAll(keepingCapacity: true)
        count = 0
    }

    /// The id of `key` (keys are already well mixed hashes), assigning the next id when it is new.
    @inline(__always)
    mutating func id(of key: UInt64) -> (id: Int32, isNew: Bool) {
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let existing = ids[slot]
            if existing < 0 {
                keys[slot] = key
                ids[slot] = count
                usedSlots.append(slot)
                count += 1
                return (count - 1, true)
            }
            if keys[slot] == key { return (existing, false) }
            slot = (slot + 1) & mask
        }
    }
}
