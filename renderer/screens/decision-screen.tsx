/**
 * One decision's page. (Being written.)
 */
import { Screen } from '../components/screen';

/** A decision's page. */
export function DecisionScreen() {
  return <Screen title="Decision" description="The decision's record." />;
}
