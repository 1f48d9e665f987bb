/**
 * Decisions: the decision log of the open workspace (reviews due, search, filters, sort and
 * a virtualized list), and the form to record a decision.
 */
import { Screen } from '../components/screen';
import { WorkspaceGate } from '../components/workspace-gate';
import { DecisionLog } from '../decisions/log/decision-log';
import { useSession } from '../workspaces/session-store';

/** The log, remounted per workspace so its search index belongs to one workspace. */
function WorkspaceDecisionLog() {
  const workspaceId = useSession((state) => state.session?.workspace.id ?? null);
  return <DecisionLog key={workspaceId ?? 'none'} />;
}

/** Decisions: every decision, classified by its impact (framework §1), searchable and filterable. */
export function DecisionsScreen() {
  return (
    <Screen
      title="Decisions"
      description="Every decision, classified by its impact as autonomous, consultative or collaborative."
    >
      <WorkspaceGate>
        <WorkspaceDecisionLog />
      </WorkspaceGate>
    </Screen>
  );
}
