/**
 * "Who is typing": a field shows the others typing in it, and says through the sync store
 * (hence presence) that the local person is, until they pause, stop or leave the field.
 */
import { act, render, renderHook, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSyncServices, SyncServicesContext, type SyncServices } from './sync-services';
import { createMemorySyncStorage } from './sync-storage';
import { describeTyping, TYPING_IDLE_MS, typingKey, useTyping } from './use-typing';
import type { PeerPresence } from './workspace-sync';

const KEY = typingKey('review', 'r1', 'support-needs');

function person(clientId: number, name: string, typing: string | null, local = false): PeerPresence {
  return { clientId, name, colour: '#1971c2', screen: '/reviews/r1', typing, local };
}

function Field({ fieldKey }: { fieldKey: string }) {
  const { others } = useTyping(fieldKey);
  return <p>{describeTyping(others) || 'Nobody else is typing.'}</p>;
}

function setUp(): SyncServices {
  const services = createSyncServices({ storage: createMemorySyncStorage() });
  return services;
}

describe('who is typing', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('names the others typing in this field, not you and not those typing elsewhere', () => {
    const services = setUp();
    render(
      <SyncServicesContext.Provider value={services}>
        <Field fieldKey={KEY} />
      </SyncServicesContext.Provider>,
    );
    expect(screen.getByText('Nobody else is typing.')).toBeInTheDocument();
    act(() =>
      services.store.setState((state) => ({
        snapshot: {
          ...state.snapshot,
          presence: [
            person(1, 'Dana', KEY, true),
            person(2, 'Sam', KEY),
            person(3, 'Ana', KEY),
            person(4, 'Lee', typingKey('review', 'r1', 'capability-gaps')),
          ],
        },
      })),
    );
    expect(screen.getByText('Ana and Sam are typing…')).toBeInTheDocument();
  });

  it('says you are typing until you pause, stop or leave the field', () => {
    const services = setUp();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <SyncServicesContext.Provider value={services}>{children}</SyncServicesContext.Provider>
    );
    const view = renderHook(() => useTyping(KEY), { wrapper });
    const control = (active: boolean) => view.result.current.typing(active);
    act(() => control(true));
    expect(services.store.getState().typing).toBe(KEY);
    act(() => {
      vi.advanceTimersByTime(TYPING_IDLE_MS - 1);
    });
    act(() => control(true));
    act(() => {
      vi.advanceTimersByTime(TYPING_IDLE_MS - 1);
    });
    expect(services.store.getState().typing).toBe(KEY);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(services.store.getState().typing).toBeNull();

    act(() => control(true));
    act(() => control(false));
    expect(services.store.getState().typing).toBeNull();

    act(() => control(true));
    view.unmount();
    expect(services.store.getState().typing).toBeNull();
  });

  it('words a crowd briefly', () => {
    expect(describeTyping([])).toBe('');
    expect(describeTyping(['Ana'])).toBe('Ana is typing…');
    expect(describeTyping(['Ana', 'Ben', 'Cy'])).toBe('Ana, Ben and Cy are typing…');
    expect(describeTyping(['Ana', 'Ben', 'Cy', 'Di', 'Ed'])).toBe('Ana, Ben and 3 others are typing…');
    expect(typingKey('review', 'x'.repeat(300)).length).toBe(200);
  });
});
