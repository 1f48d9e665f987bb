import { MantineProvider } from '@mantine/core';
import { render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { StoreApi } from 'zustand';
import type { WorkspaceMeta } from '@shared/workspace/workspace-meta';
import { WorkspaceGate } from '../components/workspace-gate';
import { createDocumentStore } from '../data/document-store';
import { createMemoryFirstSnapshotCache, type FirstSnapshot } from '../data/persistence/first-snapshot';
import { createMemorySnapshotStore } from '../data/persistence/snapshots';
import { createMemoryUpdateLog } from '../data/persistence/update-log';
import { createTestDoc, createTestRepository } from '../data/test-support';
import { loadDocumentCopy } from './backup-service';
import {
  createSessionStore,
  SessionStoreContext,
  STILL_OPENING,
  useDocument,
  type SessionState,
} from './session-store';
import { createMemoryWorkspaceRegistry } from './workspace-registry';
import {
  openWorkspaceSession,
  writeStoredDocument,
  type SessionDeps,
  type WorkspaceSession,
} from './workspace-session';
import { createWorkspaceStore, WorkspaceStoreContext } from './workspace-store';

const team: WorkspaceMeta = { id: 'w1', name: 'Team', kind: 'team', createdAt: 1, updatedAt: 1, deletedAt: null };
const other: WorkspaceMeta = { id: 'w2', name: 'Other', kind: 'team', createdAt: 2, updatedAt: 2, deletedAt: null };
const decision = (title: string) => ({ title, domainId: null, status: 'draft' }) as const;

type Open = (workspace: WorkspaceMeta, shown: FirstSnapshot | null) => Promise<WorkspaceSession>;

/** A promise a test settles by hand. */
function deferred<T>() {
  const handlers: { resolve: (value: T) => void; reject: (error: unknown) => void } = {
    resolve: () => undefined,
    reject: () => undefined,
  };
  const promise = new Promise<T>((resolve, reject) => Object.assign(handlers, { resolve, reject }));
  return { promise, ...handlers };
}

/** Deps on an in-memory log with a first-snapshot cache, and a session store over them. */
function setUp() {
  const log = createMemoryUpdateLog();
  const firstSnapshots = createMemoryFirstSnapshotCache(log);
  let id = 0;
  const deps: SessionDeps = {
    log,
    snapshots: createMemorySnapshotStore(),
    firstSnapshots,
    userId: 'me',
    now: () => 1_700_000_000_000,
    newId: () => `id-${++id}`,
    onSaveError: () => undefined,
  };
  const sessionsWith = (open: Open, readFirstSnapshot = (workspaceId: string) => firstSnapshots.read(workspaceId)) =>
    createSessionStore(
      open,
      (workspaceId) => loadDocumentCopy(log, workspaceId),
      (workspaceId, write) => writeStoredDocument(log, workspaceId, deps, write),
      readFirstSnapshot,
    );
  /** Opens only once `release` is called, then really opens (with the snapshot shown). */
  const heldOpen = () => {
    const gate = deferred<void>();
    const open = vi.fn<Open>(async (workspace, shown) => {
      await gate.promise;
      return openWorkspaceSession(workspace, deps, shown);
    });
    return { open, release: () => gate.resolve() };
  };
  return { log, firstSnapshots, deps, sessionsWith, heldOpen };
}

/** Writes a decision to the workspace and closes it: its cache is then current. */
async function seed(deps: SessionDeps, title = 'Hire a designer') {
  const session = await openWorkspaceSession(team, deps);
  const made = session.repository.create('decisions', decision(title));
  await session.close();
  return made;
}

/** What each state change of the store showed. */
function record(sessions: StoreApi<SessionState>, openCalls: () => number) {
  const seen: { status: SessionState['status']; preview: string | null; openCalls: number }[] = [];
  sessions.subscribe((state) =>
    seen.push({ status: state.status, preview: state.preview?.workspaceId ?? null, openCalls: openCalls() }),
  );
  return seen;
}

describe('session store while opening', () => {
  it('shows the cached first snapshot read-only first, then the session keeping its entities', async () => {
    const { deps, firstSnapshots, sessionsWith, heldOpen } = setUp();
    const made = await seed(deps);
    const cached = await firstSnapshots.read(team.id);
    expect(cached).not.toBeNull();
    const { open, release } = heldOpen();
    const sessions = sessionsWith(open);
    const seen = record(sessions, () => open.mock.calls.length);

    const opened = sessions.getState().ensureOpen(team);
    await waitFor(() => expect(open).toHaveBeenCalledTimes(1));
    const shown = open.mock.calls[0]?.[1];
    expect(open.mock.calls[0]?.[0]).toBe(team);
    expect(shown).toEqual(cached);
    const state = sessions.getState();
    expect(state).toMatchObject({ status: 'opening', session: null, error: null });
    expect(state.preview?.workspaceId).toBe(team.id);
    const preview = state.preview?.store.getState();
    expect(preview?.readOnly).toBe(STILL_OPENING);
    expect(preview?.entities).toBe(shown?.entities);
    expect(preview?.invalid).toBe(shown?.invalid);
    expect(preview?.entities.decisions.get(made.id)).toEqual(made);

    release();
    const session = await opened;
    expect(session).not.toBeNull();
    expect(sessions.getState()).toMatchObject({ status: 'open', session, preview: null, error: null });
    expect(session?.documentStore.getState().entities.decisions.get(made.id)).toBe(
      preview?.entities.decisions.get(made.id),
    );
    // The preview was set (and could be painted) before opening began.
    expect(seen).toEqual([
      { status: 'opening', preview: null, openCalls: 0 },
      { status: 'opening', preview: team.id, openCalls: 0 },
      { status: 'open', preview: null, openCalls: 1 },
    ]);
    await sessions.getState().ensureOpen(null);
  });

  it('drops the preview and fails when opening rejects', async () => {
    const { deps, sessionsWith } = setUp();
    await seed(deps);
    const failure = deferred<WorkspaceSession>();
    const open = vi.fn<Open>(() => failure.promise);
    const sessions = sessionsWith(open);

    const opened = sessions.getState().ensureOpen(team);
    await waitFor(() => expect(open).toHaveBeenCalledTimes(1));
    expect(sessions.getState().preview?.workspaceId).toBe(team.id);
    failure.reject(new Error('The disk is gone.'));
    expect(await opened).toBeNull();
    expect(sessions.getState()).toMatchObject({
      status: 'failed',
      session: null,
      preview: null,
      error: '“Team” could not be opened: The disk is gone.',
    });
  });

  it('opens with no preview when the cached snapshot is stale', async () => {
    const { deps, log, sessionsWith, heldOpen } = setUp();
    const made = await seed(deps);
    await writeStoredDocument(log, team.id, deps, (repository) =>
      repository.update('decisions', made.id, { title: 'Changed elsewhere' }),
    );
    const { open, release } = heldOpen();
    const sessions = sessionsWith(open);
    const seen = record(sessions, () => open.mock.calls.length);

    const opened = sessions.getState().ensureOpen(team);
    await waitFor(() => expect(open).toHaveBeenCalledWith(team, null));
    expect(sessions.getState().preview).toBeNull();
    release();
    const session = await opened;
    expect(session?.repository.get('decisions', made.id)?.title).toBe('Changed elsewhere');
    expect(seen.map((entry) => entry.preview)).toEqual([null, null]);
    await sessions.getState().ensureOpen(null);
  });

  it('reads no snapshot when given no reader', async () => {
    const { deps, log } = setUp();
    await seed(deps);
    const open = vi.fn<Open>((workspace, shown) => openWorkspaceSession(workspace, deps, shown));
    const sessions = createSessionStore(
      open,
      (workspaceId) => loadDocumentCopy(log, workspaceId),
      (workspaceId, write) => writeStoredDocument(log, workspaceId, deps, write),
    );
    const seen = record(sessions, () => open.mock.calls.length);
    await sessions.getState().ensureOpen(team);
    expect(open).toHaveBeenCalledWith(team, null);
    expect(seen.map((entry) => [entry.status, entry.preview])).toEqual([
      ['opening', null],
      ['open', null],
    ]);
    await sessions.getState().ensureOpen(null);
  });
});

/** The decisions' titles and the read-only reason, as `useDocument` gives them. */
function Decisions({ onRender }: { onRender?: (readOnly: string | null) => void }) {
  const decisions = useDocument((state) => state.entities.decisions);
  const readOnly = useDocument((state) => state.readOnly);
  onRender?.(readOnly);
  return (
    <div>
      <p>{readOnly ?? 'Editable'}</p>
      <ul aria-label="Decisions">
        {[...decisions.values()].map((entity) => (
          <li key={entity.id}>{entity.title}</li>
        ))}
      </ul>
    </div>
  );
}

function SessionProvider({ sessions, children }: { sessions: StoreApi<SessionState>; children: ReactNode }) {
  return (
    <MantineProvider>
      <SessionStoreContext.Provider value={sessions}>{children}</SessionStoreContext.Provider>
    </MantineProvider>
  );
}

describe('useDocument', () => {
  it('reads an empty store while closed, the preview while opening, then the session', async () => {
    const { deps, sessionsWith, heldOpen } = setUp();
    await seed(deps);
    const { open, release } = heldOpen();
    const sessions = sessionsWith(open);
    render(
      <SessionProvider sessions={sessions}>
        <Decisions />
      </SessionProvider>,
    );
    expect(screen.getByText('No workspace is open.')).toBeInTheDocument();
    expect(screen.queryAllByRole('listitem')).toEqual([]);

    const opened = sessions.getState().ensureOpen(team);
    expect(await screen.findByText(STILL_OPENING)).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Hire a designer']);

    release();
    expect(await screen.findByText('Editable')).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Hire a designer']);
    const session = await opened;
    session?.repository.create('decisions', decision('Move offices'));
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2));
    await sessions.getState().ensureOpen(null);
    expect(await screen.findByText('No workspace is open.')).toBeInTheDocument();
  });
});

describe('workspace gate', () => {
  /** A fixed snapshot with one decision, for any workspace. */
  function snapshotWith(title: string): FirstSnapshot {
    const doc = createTestDoc(1);
    createTestRepository(doc).repo.create('decisions', decision(title));
    const store = createDocumentStore(doc);
    const { entities, invalid } = store.getState();
    store.destroy();
    return { seq: 1, entities, invalid };
  }

  async function renderGate(
    open: Open,
    readFirstSnapshot: (workspaceId: string) => Promise<FirstSnapshot | null>,
    onRender?: (readOnly: string | null) => void,
  ) {
    const { sessionsWith } = setUp();
    const sessions = sessionsWith(open, readFirstSnapshot);
    let id = 0;
    const workspaces = createWorkspaceStore({
      registry: createMemoryWorkspaceRegistry([team, other]),
      newId: () => `w-${++id}`,
      now: () => 1_700_000_000_000,
    });
    await workspaces.getState().load();
    expect(workspaces.getState().activeId).toBe(team.id);
    render(
      <WorkspaceStoreContext.Provider value={workspaces}>
        <SessionProvider sessions={sessions}>
          <WorkspaceGate>
            <Decisions onRender={onRender} />
          </WorkspaceGate>
        </SessionProvider>
      </WorkspaceStoreContext.Provider>,
    );
    return sessions;
  }

  it('renders its children with the preview while the active workspace opens, and once open', async () => {
    const { deps, heldOpen, firstSnapshots } = setUp();
    await seed(deps);
    const { open, release } = heldOpen();
    // How many times opening had begun whenever the preview rendered.
    const openedWhenPreviewRendered: number[] = [];
    const sessions = await renderGate(
      open,
      (workspaceId) => firstSnapshots.read(workspaceId),
      (readOnly) => {
        if (readOnly === STILL_OPENING) openedWhenPreviewRendered.push(open.mock.calls.length);
      },
    );
    expect(screen.getByRole('status')).toHaveTextContent('Opening Team…');
    expect(screen.queryByRole('list', { name: 'Decisions' })).not.toBeInTheDocument();

    const opened = sessions.getState().ensureOpen(team);
    expect(await screen.findByText(STILL_OPENING)).toBeInTheDocument();
    expect(sessions.getState().status).toBe('opening');
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Hire a designer']);
    // The preview rendered before the document began to be decoded.
    expect(openedWhenPreviewRendered[0]).toBe(0);

    release();
    expect(await screen.findByText('Editable')).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Hire a designer']);
    await opened;
    await sessions.getState().ensureOpen(null);
  });

  it('keeps showing the loader while only another workspace has a preview', async () => {
    const never = deferred<WorkspaceSession>();
    const open = vi.fn<Open>(() => never.promise);
    const sessions = await renderGate(open, () => Promise.resolve(snapshotWith('Elsewhere')));
    void sessions.getState().ensureOpen(other);
    await waitFor(() => expect(open).toHaveBeenCalledWith(other, expect.anything()));
    expect(sessions.getState().preview?.workspaceId).toBe(other.id);
    expect(screen.getByRole('status')).toHaveTextContent('Opening Team…');
    expect(screen.queryByText('Elsewhere')).not.toBeInTheDocument();
  });

  it('shows why opening failed instead of the preview', async () => {
    const failure = deferred<WorkspaceSession>();
    const open = vi.fn<Open>(() => failure.promise);
    const sessions = await renderGate(open, () => Promise.resolve(snapshotWith('Hire a designer')));
    const opened = sessions.getState().ensureOpen(team);
    expect(await screen.findByText('Hire a designer')).toBeInTheDocument();
    await waitFor(() => expect(open).toHaveBeenCalledTimes(1));
    failure.reject(new Error('The disk is gone.'));
    await opened;
    expect(await screen.findByText('“Team” could not be opened: The disk is gone.')).toBeInTheDocument();
    expect(screen.getByText('The workspace could not be opened')).toBeInTheDocument();
    expect(screen.queryByText('Hire a designer')).not.toBeInTheDocument();
  });
});
