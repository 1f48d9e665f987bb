/**
 * The dependency map between domains. (Being written.)
 */
import { Screen } from '../components/screen';

/** The dependency map. */
export function DependencyMapScreen() {
  return <Screen title="Dependency map" description="Domains and the agreements between them." />;
}
