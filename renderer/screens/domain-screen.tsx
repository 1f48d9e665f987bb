/**
 * One domain's page: its charter (framework §2 "Clear boundaries", §3 "Support
 * structures", §7 "Threshold adjustments"). An id that is unknown or in the trash gets a
 * clear message with the ways back.
 */
import { useParams } from 'react-router';
import { Screen } from '../components/screen';
import { WorkspaceGate } from '../components/workspace-gate';
import { selectEntity } from '../data/document-store';
import { DomainActions, DomainCharter, MissingDomain } from '../domains/charter/domain-charter';
import { useDocument, useSession } from '../workspaces/session-store';

/** A domain's page. */
export function DomainScreen() {
  const { domainId = '' } = useParams();
  const open = useSession((state) => state.status === 'open');
  const domain = useDocument((state) => selectEntity(state, 'domains', domainId));
  const live = domain !== undefined && domain.deletedAt === null ? domain : undefined;
  const title = live ? live.name : open ? 'Domain not found' : 'Domain';
  return (
    <Screen title={title} actions={live ? <DomainActions domain={live} /> : undefined}>
      <WorkspaceGate>{live ? <DomainCharter key={live.id} domain={live} /> : <MissingDomain />}</WorkspaceGate>
    </Screen>
  );
}
