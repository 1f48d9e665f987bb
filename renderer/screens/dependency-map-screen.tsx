/**
 * The dependency map between domains (framework §2 "Dependencies", §5 "Dependency
 * reduction"): domains by level, their interface agreements and escalation paths, and the
 * agreements that point at deleted domains.
 *
 * The map's code (React Flow, the dagre layout and their stylesheets) is loaded when this
 * screen is first opened, so it does not weigh on the app's start.
 */
import { Button, Group, Loader, Text } from '@mantine/core';
import { List } from 'lucide-react';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { Screen } from '../components/screen';
import { WorkspaceGate } from '../components/workspace-gate';

const DependencyMap = lazy(() =>
  import('../domains/map/dependency-map').then((module) => ({ default: module.DependencyMap })),
);

function LoadingMap() {
  return (
    <Group gap="sm" role="status">
      <Loader size="sm" aria-hidden />
      <Text>Loading the map…</Text>
    </Group>
  );
}

/** The dependency map. */
export function DependencyMapScreen() {
  return (
    <Screen
      title="Dependency map"
      description="Domains and the agreements between them: who provides what, and where to escalate."
      actions={
        <Button component={Link} to="/domains" variant="default" leftSection={<List size={16} aria-hidden />}>
          All domains
        </Button>
      }
    >
      <WorkspaceGate>
        <Suspense fallback={<LoadingMap />}>
          <DependencyMap />
        </Suspense>
      </WorkspaceGate>
    </Screen>
  );
}
