// Runs background jobs one after another within a worker life, so an alarm and a message arriving
// together never interleave their reads and writes of the notified log or the badge.
let last: Promise<unknown> = Promise.resolve();

export function serially<T>(job: () => Promise<T>): Promise<T> {
  const run = last.then(job, job);
  last = run.catch(() => undefined);
  return run;
}

/** A queue of its own, for jobs that must keep their order without waiting behind the others. */
export function serialQueue(): <T>(job: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (job) => {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };
}
