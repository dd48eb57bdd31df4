// Waiting on the browser without fixed sleeps: poll a read until it satisfies a condition.

/** Polls `read` until `done` holds and returns that value; fails with the last value seen. */
export async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeout = 20_000, interval = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`Still ${JSON.stringify(value)} after ${timeout} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
