import { BarChart3 } from 'lucide-react';
import { SectionScreen } from './section-screen';

/** Metrics: autonomy, value and health, computed locally (framework §8). */
export function MetricsScreen() {
  return (
    <SectionScreen
      title="Metrics"
      description="Autonomy, value and team health, computed on this device."
      icon={BarChart3}
      emptyTitle="Not enough data yet"
      helpTopic="metrics"
      emptyText="Metrics appear as decisions, delivered work and pulse checks are recorded: decision velocity, escalations, budget use, delivery speed, satisfaction, and how the team feels."
    />
  );
}
