/**
 * SIGTERM or SIGINT: `stop` finishes what is in flight, then the process exits with 0. A second signal exits at once,
 * and whatever happens the process is gone 30 s after the first.
 */
export function onStopSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`${signal}: finishing the requests in flight, then stopping`);
    setTimeout(() => {
      console.error('The portal did not stop in time: exiting');
      process.exit(1);
    }, 30_000).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('The portal did not stop cleanly:', error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
