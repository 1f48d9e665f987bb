/**
 * The app's routes. Hash routing, so every address works under the app:// protocol, in
 * a static browser build and on reload, without a server that knows the routes.
 */
import { Navigate, type RouteObject } from 'react-router';
import { DashboardScreen } from '../screens/dashboard-screen';
import { DecisionScreen } from '../screens/decision-screen';
import { DecisionsScreen } from '../screens/decisions-screen';
import { DependencyMapScreen } from '../screens/dependency-map-screen';
import { DomainScreen } from '../screens/domain-screen';
import { DomainsScreen } from '../screens/domains-screen';
import { HelpScreen } from '../screens/help-screen';
import { MetricsScreen } from '../screens/metrics-screen';
import { NotFoundScreen } from '../screens/not-found-screen';
import { ReviewsScreen } from '../screens/reviews-screen';
import { RouteErrorScreen } from '../screens/route-error-screen';
import { SettingsScreen } from '../screens/settings-screen';
import { TrashScreen } from '../screens/trash-screen';
import { WorkspacesScreen } from '../screens/workspaces-screen';
import { AppShellLayout } from './app-shell';

/** The route tree, shared by the app (hash router) and tests (memory router). */
export const routes: RouteObject[] = [
  {
    path: '/',
    element: <AppShellLayout />,
    errorElement: <RouteErrorScreen />,
    children: [
      { index: true, element: <Navigate to="/dashboard" replace /> },
      { path: 'dashboard', element: <DashboardScreen /> },
      { path: 'domains', element: <DomainsScreen /> },
      { path: 'domains/map', element: <DependencyMapScreen /> },
      { path: 'domains/:domainId', element: <DomainScreen /> },
      { path: 'decisions', element: <DecisionsScreen /> },
      { path: 'decisions/:decisionId', element: <DecisionScreen /> },
      { path: 'reviews', element: <ReviewsScreen /> },
      { path: 'metrics', element: <MetricsScreen /> },
      { path: 'settings', element: <SettingsScreen /> },
      { path: 'help', element: <HelpScreen /> },
      { path: 'workspaces', element: <WorkspacesScreen /> },
      { path: 'trash', element: <TrashScreen /> },
      { path: '*', element: <NotFoundScreen /> },
    ],
  },
];
