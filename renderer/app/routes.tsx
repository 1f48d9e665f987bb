/**
 * The app's routes. Hash routing, so every address works under the app:// protocol, in
 * a static browser build and on reload, without a server that knows the routes.
 *
 * The larger screens (a domain's page, the decision log and a decision's page, a review's
 * page and its presenter view, help) are loaded when first opened, so the app starts with a
 * smaller bundle; the router loads them before it shows the new address, so focus and
 * headings behave as for the others.
 */
import { Navigate, type RouteObject } from 'react-router';
import { DashboardScreen } from '../screens/dashboard-screen';
import { DependencyMapScreen } from '../screens/dependency-map-screen';
import { DomainsScreen } from '../screens/domains-screen';
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
      {
        path: 'domains/:domainId',
        lazy: async () => ({ Component: (await import('../screens/domain-screen')).DomainScreen }),
      },
      {
        path: 'decisions',
        lazy: async () => ({ Component: (await import('../screens/decisions-screen')).DecisionsScreen }),
      },
      {
        path: 'decisions/:decisionId',
        lazy: async () => ({ Component: (await import('../screens/decision-screen')).DecisionScreen }),
      },
      { path: 'reviews', element: <ReviewsScreen /> },
      {
        path: 'reviews/:reviewId',
        lazy: async () => ({ Component: (await import('../screens/review-screen')).ReviewScreen }),
      },
      {
        path: 'metrics',
        lazy: async () => ({ Component: (await import('../screens/metrics-screen')).MetricsScreen }),
      },
      {
        path: 'metrics/pulse',
        lazy: async () => ({ Component: (await import('../screens/pulse-screen')).PulseScreen }),
      },
      {
        path: 'metrics/thresholds',
        lazy: async () => ({ Component: (await import('../screens/thresholds-screen')).ThresholdsScreen }),
      },
      {
        path: 'metrics/value',
        lazy: async () => ({ Component: (await import('../screens/value-screen')).ValueScreen }),
      },
      { path: 'settings', element: <SettingsScreen /> },
      { path: 'help', lazy: async () => ({ Component: (await import('../screens/help-screen')).HelpScreen }) },
      { path: 'workspaces', element: <WorkspacesScreen /> },
      { path: 'trash', element: <TrashScreen /> },
      { path: '*', element: <NotFoundScreen /> },
    ],
  },
  // The presenter view of a review fills the screen (a projector), outside the app's frame.
  {
    path: '/reviews/:reviewId/present',
    errorElement: <RouteErrorScreen />,
    lazy: async () => ({ Component: (await import('../screens/review-present-screen')).ReviewPresentScreen }),
  },
];
