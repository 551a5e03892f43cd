// The bundled tasks by name.

/// Looks tasks up by their command-line names.
public enum TrainingTasks {
    /// Every bundled task name.
    public static let names = ["modes", "countdown", "arith", "code"]

    /// The task called `name`, or nil.
    public static func named(_ name: String) -> (any TrainingTask)? {
        switch name {
        case "modes": return ModesTask()
        case "countdown": return CountdownTask()
        case "arith": return ArithTask()
        case "code": return CodeTask()
        default: return nil
        }
    }
}
