/**
 * One domain's page: its charter. (Being written.)
 */
import { Screen } from '../components/screen';

/** A domain's page. */
export function DomainScreen() {
  return <Screen title="Domain" description="The domain's charter." />;
}
