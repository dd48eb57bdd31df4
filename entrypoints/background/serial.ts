// Runs background jobs one after another within a worker life, so an alarm and a message arriving
// together never interleave their reads and writes of the notified log or the badge.
let last: Promise<unknown> = Promise.resolve();

export function serially<T>(job: () => Promise<T>): Promise<T> {
  const run = last.then(job, job);
  last = run.catch(() => undefined);
  return run;
}
