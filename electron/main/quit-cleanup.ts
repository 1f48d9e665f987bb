/**
 * Asynchronous clean-up before the app quits, for Electron's `will-quit` event, which
 * does not wait for promises: the first quit is held back (`preventDefault`) while the
 * clean-up runs, then the app is asked to quit again and this time is let go.
 *
 * Used to stop the LAN signalling server, so connected peers get a proper close (1001,
 * "going away") and reconnect elsewhere at once, instead of waiting for a timeout.
 */

/** The part of Electron's `will-quit` event used here. */
export interface QuitEvent {
  preventDefault(): void;
}

/** Everything {@link createQuitCleanup} needs. */
export interface QuitCleanupOptions {
  /** Whether there is anything to clean up; asked on each quit until the clean-up ran. */
  isNeeded: () => boolean;
  /** The clean-up itself. */
  cleanup: () => Promise<unknown>;
  /** `app.quit`: called once the clean-up finished, failed or ran out of time. */
  quit: () => void;
  /** Longest wait for the clean-up, in milliseconds: quitting never hangs on it. */
  timeoutMs: number;
  /** Told when the clean-up failed or ran out of time; the app quits anyway. */
  onError: (error: unknown) => void;
}

/** The `will-quit` listener; see the module comment. */
export function createQuitCleanup(options: QuitCleanupOptions): (event: QuitEvent) => void {
  const { isNeeded, cleanup, quit, timeoutMs, onError } = options;
  // 'done' lets every later quit through, even when the clean-up failed: trying again
  // could hold the app open for ever.
  let state: 'idle' | 'cleaning' | 'done' = 'idle';

  return (event) => {
    if (state === 'done') return;
    if (state === 'idle' && !isNeeded()) return;
    event.preventDefault();
    if (state === 'cleaning') return;
    state = 'cleaning';
    void cleanUpThenQuit();
  };

  async function cleanUpThenQuit(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Clean-up before quitting did not finish within ${timeoutMs} ms.`)),
        timeoutMs,
      );
    });
    try {
      // Called at once; the async wrapper turns a clean-up that throws into a rejection.
      await Promise.race([(async () => cleanup())(), timedOut]);
    } catch (error) {
      onError(error);
    } finally {
      clearTimeout(timer);
      state = 'done';
      quit();
    }
  }
}
