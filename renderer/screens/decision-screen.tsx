/**
 * One decision's page (issue 5 "Decisions"): its record, impact and classification, status,
 * safety nets and, for experiments, the experiment. An id that is unknown or in the trash
 * gets a clear message with the ways back.
 */
import { useParams } from 'react-router';
import { Screen } from '../components/screen';
import { WorkspaceGate } from '../components/workspace-gate';
import { selectEntity } from '../data/document-store';
import { DecisionActions, DecisionPage, MissingDecision } from '../decisions/record/decision-page';
import { useDocument, useSession } from '../workspaces/session-store';

/** A decision's page. */
export function DecisionScreen() {
  const { decisionId = '' } = useParams();
  const open = useSession((state) => state.status === 'open');
  const decision = useDocument((state) => selectEntity(state, 'decisions', decisionId));
  const live = decision !== undefined && decision.deletedAt === null ? decision : undefined;
  const title = live ? live.title : open ? 'Decision not found' : 'Decision';
  return (
    <Screen title={title} actions={live ? <DecisionActions decision={live} /> : undefined}>
      <WorkspaceGate>{live ? <DecisionPage key={live.id} decision={live} /> : <MissingDecision />}</WorkspaceGate>
    </Screen>
  );
}
