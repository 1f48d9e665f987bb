/**
 * Renderer entry point: builds the platform, the database and the stores, then renders.
 */
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashRouter } from 'react-router';
import { App } from './app/app';
import { routes } from './app/routes';
import { LatitudeDatabase } from './db/database';
import { detectPlatform } from './platform';
import { createDexieWorkspaceRegistry } from './workspaces/workspace-registry';
import { createWorkspaceStore } from './workspaces/workspace-store';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

const workspaceStore = createWorkspaceStore({
  registry: createDexieWorkspaceRegistry(new LatitudeDatabase()),
  newId: () => crypto.randomUUID(),
  now: () => Date.now(),
});

createRoot(container).render(
  <StrictMode>
    <App platform={detectPlatform()} workspaceStore={workspaceStore} router={createHashRouter(routes)} />
  </StrictMode>,
);
