import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQuitCleanup, type QuitCleanupOptions } from './quit-cleanup';

/** A `will-quit` event that records whether quitting was held back. */
function quitEvent(): { preventDefault: () => void; prevented: boolean } {
  const event = {
    prevented: false,
    preventDefault: () => {
      event.prevented = true;
    },
  };
  return event;
}

/** A clean-up the test finishes by hand. */
function manualCleanup() {
  let finish: () => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const cleanup = vi.fn(
    () =>
      new Promise<void>((resolve, reject) => {
        finish = resolve;
        fail = reject;
      }),
  );
  return { cleanup, finish: () => finish(), fail: (error: Error) => fail(error) };
}

function setup(overrides: Partial<QuitCleanupOptions> = {}) {
  const quit = vi.fn<() => void>();
  const onError = vi.fn<(error: unknown) => void>();
  const manual = manualCleanup();
  const options: QuitCleanupOptions = {
    isNeeded: () => true,
    cleanup: manual.cleanup,
    quit,
    timeoutMs: 3000,
    onError,
    ...overrides,
  };
  return { listener: createQuitCleanup(options), quit, onError, ...manual };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createQuitCleanup', () => {
  it('lets the app quit at once when there is nothing to clean up', () => {
    const { listener, cleanup, quit } = setup({ isNeeded: () => false });
    const event = quitEvent();
    listener(event);
    expect(event.prevented).toBe(false);
    expect(cleanup).not.toHaveBeenCalled();
    expect(quit).not.toHaveBeenCalled();
  });

  it('holds the quit back until the clean-up finished, then quits and lets the next quit through', async () => {
    const { listener, cleanup, quit, finish, onError } = setup();
    const first = quitEvent();
    listener(first);
    expect(first.prevented).toBe(true);
    expect(cleanup).toHaveBeenCalledOnce();
    expect(quit).not.toHaveBeenCalled();

    finish();
    await vi.waitFor(() => expect(quit).toHaveBeenCalledOnce());
    const second = quitEvent();
    listener(second);
    expect(second.prevented).toBe(false);
    expect(cleanup).toHaveBeenCalledOnce();
    expect(onError).not.toHaveBeenCalled();
  });

  it('cleans up once when the person asks to quit again meanwhile', async () => {
    const { listener, cleanup, quit, finish } = setup();
    listener(quitEvent());
    const again = quitEvent();
    listener(again);
    expect(again.prevented).toBe(true);
    expect(cleanup).toHaveBeenCalledOnce();
    finish();
    await vi.waitFor(() => expect(quit).toHaveBeenCalledOnce());
  });

  it('reports a failed clean-up and quits anyway, without trying again', async () => {
    const { listener, cleanup, quit, fail, onError } = setup();
    listener(quitEvent());
    fail(new Error('could not close'));
    await vi.waitFor(() => expect(quit).toHaveBeenCalledOnce());
    expect(onError).toHaveBeenCalledExactlyOnceWith(new Error('could not close'));
    const next = quitEvent();
    listener(next);
    expect(next.prevented).toBe(false);
    expect(cleanup).toHaveBeenCalledOnce();
  });

  it('handles a clean-up that throws instead of rejecting', async () => {
    const { listener, quit, onError } = setup({
      cleanup: () => {
        throw new Error('thrown');
      },
    });
    listener(quitEvent());
    await vi.waitFor(() => expect(quit).toHaveBeenCalledOnce());
    expect(onError).toHaveBeenCalledExactlyOnceWith(new Error('thrown'));
  });

  it('quits anyway when the clean-up never finishes', async () => {
    vi.useFakeTimers();
    const { listener, quit, onError } = setup({ timeoutMs: 3000 });
    listener(quitEvent());
    await vi.advanceTimersByTimeAsync(2999);
    expect(quit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(quit).toHaveBeenCalledOnce();
    expect(onError).toHaveBeenCalledExactlyOnceWith(
      new Error('Clean-up before quitting did not finish within 3000 ms.'),
    );
  });
});
