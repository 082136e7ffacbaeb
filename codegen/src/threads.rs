//! Work shared out to threads: each thread takes the next job not taken, so that one long
//! job does not hold back the rest, and the results come back in the jobs' order, whichever
//! thread did each, so that nothing made depends on the threads.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `work` done for each of `jobs`, on `threads` threads (at least one, and no more than
/// there are jobs), the results in the jobs' order. A panic in `work` is carried on.
pub(crate) fn each<J: Sync, R: Send>(
    jobs: &[J],
    threads: usize,
    work: impl Fn(&J) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let take = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(i) else {
                return done;
            };
            done.push((i, work(job)));
        }
    };
    let mut results: Vec<Option<R>> = jobs.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads.clamp(1, jobs.len().max(1)))
            .map(|_| scope.spawn(take))
            .collect();
        for handle in handles {
            let done = handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (i, result) in done {
                results[i] = Some(result);
            }
        }
    });
    // Every job was taken by a thread that ended.
    results
        .into_iter()
        .map(|r| r.expect("internal error: a job was not done"))
        .collect()
}

#[cfg(test)]
mod tests {
    /// The results are in the jobs' order however many threads share them, when the jobs
    /// take unlike times.
    #[test]
    fn results_come_back_in_the_jobs_order() {
        let jobs: Vec<u64> = (0..40).collect();
        let work = |&n: &u64| {
            std::thread::sleep(std::time::Duration::from_micros((n * 7919) % 500));
            n * n
        };
        let expected: Vec<u64> = jobs.iter().map(|n| n * n).collect();
        for threads in [0, 1, 2, 3, 64] {
            assert_eq!(
                super::each(&jobs, threads, work),
                expected,
                "{threads} threads"
            );
        }
        assert!(super::each(&[] as &[u64], 2, work).is_empty());
    }

    #[test]
    fn a_panic_in_a_job_is_carried_on() {
        let done = std::panic::catch_unwind(|| {
            super::each(&[1, 2, 3], 2, |&n| {
                assert!(n != 2, "a bug met in a job (this panic is the test's)");
                n
            })
        });
        // The job's own panic, not one of the pool's making.
        let panic = done.expect_err("the panic was carried on");
        let message = match panic.downcast_ref::<&str>() {
            Some(text) => text.to_string(),
            None => panic.downcast_ref::<String>().cloned().unwrap_or_default(),
        };
        assert!(message.contains("this panic is the test's"), "{message}");
    }
}
