//! Work the clerk does not wait for — the day's backup, the audit chain check — runs on a thread
//! of its own at the lowest priority the system gives without privileges, so the pages opened
//! meanwhile (on an office PC of two cores) are not slowed by it.

use std::thread::JoinHandle;
use thread_priority::{set_current_thread_priority, ThreadPriority};

/// Starts `work` on a named low-priority thread. Failing to lower the priority is not an error:
/// the work then runs at the normal one.
pub fn spawn_quiet<T: Send + 'static>(
    name: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> std::io::Result<JoinHandle<T>> {
    std::thread::Builder::new().name(name.into()).spawn(move || {
        let _ = set_current_thread_priority(ThreadPriority::Min);
        work()
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn quiet_work_runs_and_returns_its_result() {
        let handle = spawn_quiet("test-quiet", || 6 * 7).unwrap();
        assert_eq!(handle.join().unwrap(), 42);
    }

    /// The thread's nice value, from /proc (field 19 of its stat line, after the command name).
    #[cfg(target_os = "linux")]
    fn nice() -> i64 {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap();
        let after_name = stat.rsplit(')').next().unwrap();
        after_name.split_whitespace().nth(16).unwrap().parse().unwrap()
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn quiet_work_runs_below_the_normal_priority() {
        let normal = nice();
        let quiet = spawn_quiet("test-quiet", nice).unwrap().join().unwrap();
        assert!(quiet > normal, "nice {quiet} on the quiet thread, {normal} on this one");
    }
}
