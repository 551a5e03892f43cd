// Facts about the machine the toolkit runs on.
#if canImport(Glibc)
import Glibc
#endif

/// Facts about this machine.
public enum Machine {
    /// Cores online (at least 1): the default number of worker threads.
    public static var coreCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
