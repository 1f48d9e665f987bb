/**
 * Metrics: the dashboard of autonomy, value and health figures (framework § 8) for the open
 * workspace or one of its domains, computed on this device.
 */
import { useMemo } from 'react';
import { Screen } from '../components/screen';
import { WorkspaceGate } from '../components/workspace-gate';
import { MetricsDashboard } from '../metrics/dashboard/metrics-dashboard';
import { thresholdSettings, thresholdsOption } from '../metrics/thresholds';
import { useDocument, useSession } from '../workspaces/session-store';

/**
 * The dashboard with the team's thresholds, remounted per workspace so nothing of one
 * workspace shows in another.
 */
function WorkspaceMetrics() {
  const workspaceId = useSession((state) => state.session?.workspace.id ?? null);
  const records = useDocument((state) => state.entities.metricThresholds);
  const thresholds = useMemo(() => thresholdsOption(thresholdSettings(records.values())), [records]);
  return <MetricsDashboard key={workspaceId ?? 'none'} thresholds={thresholds} />;
}

/** Metrics: autonomy, value and health, computed locally (framework § 8). */
export function MetricsScreen() {
  return (
    <Screen title="Metrics" description="Autonomy, value and team health, computed on this device.">
      <WorkspaceGate>
        <WorkspaceMetrics />
      </WorkspaceGate>
    </Screen>
  );
}
