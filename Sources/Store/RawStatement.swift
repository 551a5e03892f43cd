// Binding and stepping a GRDB-prepared statement through the SQLite C API, without per-value conversions.
import Glibc
import GRDB
import GRDBSQLite

/// A prepared statement driven directly: bind, step, reset.
struct RawStatement {
    private let statement: OpaquePointer
    private let connection: OpaquePointer?

    init(_ statement: Statement) throws {
        self.statement = statement.sqliteStatement
        connection = sqlite3_db_handle(statement.sqliteStatement)
        sqlite3_reset(self.statement)
        sqlite3_clear_bindings(self.statement)
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bind(_ index: Int32, _ text: String?) throws {
        guard var text else { return try check(sqlite3_bind_null(statement, index)) }
        try text.withUTF8 { utf8 in
            try check(sqlite3_bind_text(statement, index, UnsafeRawPointer(utf8.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) },
                                        Int32(utf8.count), Self.transient))
        }
    }

    /// Binds UTF-8 text without copying it: the caller keeps `utf8` alive until the statement has stepped, and
    /// then clears the binding (`clearBindings()`), so that SQLite never holds a pointer to freed memory.
    func bindNoCopy(_ index: Int32, text utf8: UnsafeBufferPointer<UInt8>) throws {
        // A valid pointer even for empty text: a null one would bind NULL.
        let pointer = UnsafeRawPointer(utf8.baseAddress ?? UnsafePointer(bitPattern: 1)!)
        try check(sqlite3_bind_text(statement, index, pointer.assumingMemoryBound(to: CChar.self), Int32(utf8.count), nil))
    }

    /// Resets every parameter to NULL (after stepping with parameters bound without a copy).
    func clearBindings() {
        sqlite3_clear_bindings(statement)
    }

    /// Binds bytes without copying them: the caller keeps `bytes` alive until the statement has stepped.
    func bindNoCopy(_ index: Int32, _ bytes: UnsafeRawBufferPointer?) throws {
        guard let bytes else { return try check(sqlite3_bind_null(statement, index)) }
        try check(sqlite3_bind_blob64(statement, index, bytes.baseAddress, sqlite3_uint64(bytes.count), nil))
    }

    func bind(_ index: Int32, _ value: Int) throws {
        try check(sqlite3_bind_int64(statement, index, sqlite3_int64(value)))
    }

    /// Steps once and returns the first column of the row as text, or nil when there is no row.
    func stepText() throws -> String? {
        defer { sqlite3_reset(statement) }
        let rc = sqlite3_step(statement)
        if rc == SQLITE_DONE { return nil }
        guard rc == SQLITE_ROW else { throw error(rc) }
        guard let text = sqlite3_column_text(statement, 0) else { return nil }
        return String(cString: text)
    }

    /// Steps to the next row of a query: true while there is one. The caller resets the statement when done
    /// (the initialiser of the next use does).
    func next() throws -> Bool {
        let rc = sqlite3_step(statement)
        if rc == SQLITE_DONE { return false }
        guard rc == SQLITE_ROW else { throw error(rc) }
        return true
    }

    /// Column `column` of the current row as text (nil for NULL). When it has the same bytes as `previous`,
    /// `previous` itself is returned: rows that repeat a value (a problem id, a grader name) share one string
    /// instead of allocating a copy each.
    func text(_ column: Int32, reusing previous: String? = nil) -> String? {
        guard let bytes = sqlite3_column_text(statement, column) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, column))
        let buffer = UnsafeBufferPointer(start: bytes, count: count)
        if var previous, previous.utf8.count == count,
           count == 0 || previous.withUTF8({ memcmp($0.baseAddress!, bytes, count) == 0 }) {
            return previous
        }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Column `column` of the current row as an integer (nil for NULL).
    func int(_ column: Int32) -> Int? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(statement, column))
    }

    /// Column `column` of the current row as a double (nil for NULL).
    func double(_ column: Int32) -> Double? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_double(statement, column)
    }

    /// Steps a statement that returns no rows.
    func stepDone() throws {
        defer { sqlite3_reset(statement) }
        let rc = sqlite3_step(statement)
        guard rc == SQLITE_DONE else { throw error(rc) }
    }

    /// Steps a statement that returns no rows, and returns the number of rows it changed.
    func stepChanges() throws -> Int {
        try stepDone()
        return Int(sqlite3_changes(connection))
    }

    private func check(_ rc: Int32) throws {
        guard rc == SQLITE_OK else { throw error(rc) }
    }

    private func error(_ rc: Int32) -> StoreError {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "error \(rc)"
        return StoreError("SQLite: \(message)")
    }
}
