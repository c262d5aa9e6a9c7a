/**
 * A queue that runs async operations one at a time in arrival order. Each call returns the
 * operation's own promise; a failure reaches its caller and does not stop the operations after it.
 */
export function serialQueue(): <T>(op: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(op: () => Promise<T>): Promise<T> => {
    const run = tail.then(op);
    tail = run.catch(() => undefined);
    return run;
  };
}
