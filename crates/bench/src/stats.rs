//! Timing loops: warm-up, then `runs` timed calls; median, p95 and max of the samples.

use std::future::Future;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Stats {
    /// Every timed call, sorted, fastest first.
    pub samples: Vec<Duration>,
}

impl Stats {
    pub fn new(mut samples: Vec<Duration>) -> Stats {
        samples.sort();
        Stats { samples }
    }

    /// Pools the samples of several measurements (the search queries, taken together).
    pub fn pooled<'a>(all: impl IntoIterator<Item = &'a Stats>) -> Stats {
        Stats::new(all.into_iter().flat_map(|s| s.samples.clone()).collect())
    }

    /// Nearest-rank percentile `p` (0..=100).
    pub fn percentile(&self, p: f64) -> Duration {
        if self.samples.is_empty() {
            return Duration::ZERO;
        }
        let rank = ((p / 100.0) * self.samples.len() as f64).ceil() as usize;
        self.samples[rank.clamp(1, self.samples.len()) - 1]
    }

    pub fn median(&self) -> Duration {
        self.percentile(50.0)
    }

    pub fn p95(&self) -> Duration {
        self.percentile(95.0)
    }

    pub fn max(&self) -> Duration {
        self.samples.last().copied().unwrap_or_default()
    }
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Time spent on one case after which it stops early, once it has `MIN_RUNS` samples: a case
/// that takes a second per call gets a dozen samples instead of holding the run for minutes.
pub const CASE_BUDGET: Duration = Duration::from_secs(12);
pub const MIN_RUNS: usize = 10;

/// Calls `f(i)` `warmup` times untimed, then up to `runs` times timed (fewer when the case
/// exceeds `CASE_BUDGET`). `f` returns how many rows it produced; the last run's count is
/// returned with the timings.
pub async fn measure<F, Fut>(warmup: usize, runs: usize, mut f: F) -> anyhow::Result<(Stats, u64)>
where
    F: FnMut(usize) -> Fut,
    Fut: Future<Output = anyhow::Result<u64>>,
{
    for i in 0..warmup {
        f(i).await?;
    }
    let mut samples = Vec::with_capacity(runs);
    let mut rows = 0;
    let started = Instant::now();
    for i in 0..runs {
        let start = Instant::now();
        rows = f(warmup + i).await?;
        samples.push(start.elapsed());
        if samples.len() >= MIN_RUNS && started.elapsed() > CASE_BUDGET {
            break;
        }
    }
    Ok((Stats::new(samples), rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let s = Stats::new((1..=100).rev().map(Duration::from_millis).collect());
        assert_eq!(s.median(), Duration::from_millis(50));
        assert_eq!(s.p95(), Duration::from_millis(95));
        assert_eq!(s.max(), Duration::from_millis(100));
        let one = Stats::new(vec![Duration::from_millis(7)]);
        assert_eq!(one.p95(), Duration::from_millis(7));
    }
}
