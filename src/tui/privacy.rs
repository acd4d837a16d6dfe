//! Privacy measures taken at start: no core dumps, since a core file would hold what the
//! person searched for and read.

/// Turns core dumps off (RLIMIT_CORE 0, soft and hard) and marks the process not
/// dumpable, which also keeps other processes of the same user from reading its memory.
/// Failures are ignored: the program still works where the system refuses.
pub fn harden() {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{
            DumpableBehavior, Resource, Rlimit, set_dumpable_behavior, setrlimit,
        };
        let _ = setrlimit(
            Resource::Core,
            Rlimit {
                current: Some(0),
                maximum: Some(0),
            },
        );
        let _ = set_dumpable_behavior(DumpableBehavior::NotDumpable);
    }
}
