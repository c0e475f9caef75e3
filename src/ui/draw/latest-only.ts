// Runs an async task at most once at a time; calls made meanwhile collapse into one run with the newest
// argument. Keeps the draw pad's predictions current without queueing one request per pointer move.
export function latestOnly<T>(
  task: (arg: T) => Promise<void>,
  onError: (error: unknown) => void,
): (arg: T) => void {
  let running = false;
  let pending: { arg: T } | null = null;
  const run = async (arg: T) => {
    running = true;
    try {
      await task(arg);
    } catch (error) {
      onError(error);
    } finally {
      running = false;
      const next = pending;
      pending = null;
      if (next) void run(next.arg);
    }
  };
  return (arg: T) => {
    if (running) pending = { arg };
    else void run(arg);
  };
}
