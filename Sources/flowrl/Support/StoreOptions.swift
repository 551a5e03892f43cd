import ArgumentParser
import Store

/// `--store PATH`, shared by every command that uses the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite store (default: $FLOWRL_STORE or ./flowrl.sqlite).")
    var store: String?

    var path: String { store ?? Store.defaultPath }

    func open() throws -> Store {
        do {
            return try Store(path: path)
        } catch {
            throw WorkFailure(message: "\(error)")
        }
    }
}
