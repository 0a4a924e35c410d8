//! Work of one file spread over a few threads: a single report checked in an editor or a
//! pre-commit hook should use the machine's cores as a batch does.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` applied to every item, on up to `threads` threads (the calling one among them), each
/// taking the next item not yet taken, so that a slow item does not hold back the others; the
/// results in the order of the items, whatever the threads. One thread, or one item, runs on the
/// calling thread alone.
///
/// A thread the system will not start (a process limit, `ulimit -u`) is done without: the
/// threads that did start, and the calling one, share the work.
pub fn map<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_spawning(items, threads, f, |_| true)
}

/// [`map`], asking `may_spawn` before starting each helper thread (1, 2, …): a test's way to
/// have the system refuse some, as it does at a process limit.
fn map_spawning<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
    may_spawn: impl Fn(usize) -> bool,
) -> Vec<R> {
    let threads = threads.min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut all = std::thread::scope(|scope| {
        let mut helpers = Vec::new();
        for i in 1..threads {
            let spawned = if may_spawn(i) {
                std::thread::Builder::new().spawn_scoped(scope, work)
            } else {
                Err(std::io::Error::other("refused"))
            };
            // The system has no thread to give: those started so far do the work.
            let Ok(helper) = spawned else { break };
            helpers.push(helper);
        }
        let mut all = work();
        for helper in helpers {
            match helper.join() {
                Ok(done) => all.extend(done),
                // A panic in `f` is a bug: raise it here as it would have been raised serially.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    });
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::map;

    #[test]
    fn results_come_in_the_order_of_the_items_on_any_number_of_threads() {
        let items: Vec<u64> = (0..500).collect();
        // Uneven work, so that threads finish items out of order.
        let slow = |&n: &u64| (0..(n % 7) * 1000).fold(n, |a, b| a.wrapping_mul(31) ^ b);
        let serial: Vec<u64> = items.iter().map(slow).collect();
        for threads in [0, 1, 2, 3, 8, 1000] {
            assert_eq!(map(&items, threads, slow), serial, "{threads} threads");
        }
        assert!(map(&[] as &[u64], 4, slow).is_empty());
    }

    #[test]
    fn threads_the_system_refuses_are_done_without() {
        let items: Vec<u64> = (0..200).collect();
        let square = |&n: &u64| n * n;
        let serial: Vec<u64> = items.iter().map(square).collect();
        // None started (the calling thread alone), the first two only, every other one.
        for allowed in [0, 2, 1000] {
            let got = super::map_spawning(&items, 8, square, |i| i <= allowed);
            assert_eq!(got, serial, "{allowed} helpers started");
        }
        assert_eq!(
            super::map_spawning(&items, 8, square, |i| i % 2 == 0),
            serial
        );
    }
}
