/**
 * Renderer entry point: builds the platform, the database and the stores, then renders.
 */
import './zod-config';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashRouter } from 'react-router';
import { App } from './app/app';
import { routes } from './app/routes';
import { notifications } from '@mantine/notifications';
import { createDexieUpdateLog } from './data/persistence/update-log';
import { createDexieFirstSnapshotCache } from './data/persistence/first-snapshot';
import { createSnapshotStore } from './data/persistence/snapshots';
import { LatitudeDatabase } from './db/database';
import { getOrCreateLocalUserId } from './db/local-user';
import { createDexieLocalNameStorage } from './domains/use-local-user';
import { createDexieSetupStateStorage } from './setup/setup-state';
import { createSessionStore } from './workspaces/session-store';
import { createSyncServices, SyncServicesContext } from './sync/sync-services';
import { createDexieSyncStorage } from './sync/sync-storage';
import { loadDocumentCopy } from './workspaces/backup-service';
import { openWorkspaceSession, writeStoredDocument } from './workspaces/workspace-session';
import { detectPlatform } from './platform';
import { createDexieWorkspaceRegistry } from './workspaces/workspace-registry';
import { createWorkspaceStore } from './workspaces/workspace-store';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

const db = new LatitudeDatabase();
const newId = () => crypto.randomUUID();
const now = () => Date.now();
const workspaceStore = createWorkspaceStore({ registry: createDexieWorkspaceRegistry(db), newId, now });
const userId = getOrCreateLocalUserId(db, newId);
const log = createDexieUpdateLog(db);
const snapshots = createSnapshotStore(db);
const firstSnapshots = createDexieFirstSnapshotCache(db, log, __APP_VERSION__);
const sessionStore = createSessionStore(
  async (workspace, shown) =>
    openWorkspaceSession(
      workspace,
      {
        log,
        snapshots,
        firstSnapshots,
        userId: await userId,
        now,
        newId,
        onSaveError: (error) =>
          notifications.show({ id: 'save-error', color: 'red', title: 'Could not save', message: error.message }),
      },
      shown,
    ),
  (workspaceId) => loadDocumentCopy(log, workspaceId),
  async (workspaceId, write) => writeStoredDocument(log, workspaceId, { userId: await userId, now, newId }, write),
  (workspaceId) => firstSnapshots.read(workspaceId),
);

// Sync's storage on the app's one database connection.
const syncServices = createSyncServices({ storage: createDexieSyncStorage(db) });

createRoot(container).render(
  <StrictMode>
    <SyncServicesContext.Provider value={syncServices}>
      <App
        platform={detectPlatform()}
        workspaceStore={workspaceStore}
        sessionStore={sessionStore}
        router={createHashRouter(routes)}
        localNameStorage={createDexieLocalNameStorage(db)}
        setupStateStorage={createDexieSetupStateStorage(db)}
      />
    </SyncServicesContext.Provider>
  </StrictMode>,
);
