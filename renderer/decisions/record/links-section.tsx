/**
 * Links between decisions (issue 5 "decision record"): a decision relates to, depends on or
 * follows up another one; each link is an item of the decision's keyed `links` collection,
 * and the decisions that link to this one are listed too ("Linked from"). In a personal
 * workspace a decision can be shared into a team workspace (`share.ts`): the copy links back
 * to the original, and the original to the copy, across workspaces.
 */
import { Alert, Anchor, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link2, Share2 } from 'lucide-react';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { DecisionLink, Entity } from '@shared/model/entities';
import { describeError } from '@shared/errors';
import { ErrorAlert, FormActions } from '../../components/form-parts';
import { selectLive } from '../../data/document-store';
import { CharterSection, InlineForm, useInlineEditor, useWriteFailure } from '../../domains/charter/section';
import { useDocument, useSession, useSessionStoreApi } from '../../workspaces/session-store';
import { selectActiveWorkspace, selectLiveWorkspaces, useWorkspaces } from '../../workspaces/workspace-store';
import { linkOriginal, writeSharedCopy } from '../share';
import { RemoveFailure, RemoveItemButton, useRemoveItem } from './remove-item';

type Decision = Entity<'decisions'>;
type Relation = DecisionLink['relation'];

/** How a link reads from the decision that holds it. */
export const relationLabels: Record<Relation, string> = {
  'relates-to': 'Relates to',
  'depends-on': 'Depends on',
  'follows-up': 'Follows up',
  'shared-to': 'Shared to',
  'shared-from': 'Shared from',
};

/** How a link reads from the decision it points to. */
const inverseLabels: Record<Relation, string> = {
  'relates-to': 'Related to',
  'depends-on': 'Needed by',
  'follows-up': 'Followed up by',
  'shared-to': 'Shared from',
  'shared-from': 'Shared to',
};

const linkableRelations: Relation[] = ['relates-to', 'depends-on', 'follows-up'];

function AddLinkForm({ decision, onClose }: { decision: Decision; onClose: () => void }) {
  const repository = useSession((state) => state.session?.repository);
  const decisions = useDocument((state) => selectLive(state, 'decisions'));
  const { failure, attempt } = useWriteFailure();
  const form = useForm<{ relation: Relation; decisionId: string | null }>({
    mode: 'controlled',
    initialValues: { relation: 'relates-to', decisionId: null },
  });
  const linked = new Set(
    Object.values(decision.links)
      .filter((link) => link.workspaceId === null)
      .map((link) => link.decisionId),
  );
  const options = decisions
    .filter((other) => other.id !== decision.id && !linked.has(other.id))
    .map((other) => ({ value: other.id, label: other.title }));
  const submit = (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    const { relation, decisionId } = form.values;
    const other = decisions.find((candidate) => candidate.id === decisionId);
    if (other === undefined) {
      form.setErrors({ decisionId: 'Pick the decision to link to.' });
      return;
    }
    form.setErrors({});
    const saved = attempt(() => {
      if (!repository) throw new Error('No workspace is open.');
      repository.addToCollection('decisions', decision.id, 'links', {
        relation,
        decisionId: other.id,
        workspaceId: null,
        title: other.title,
        createdAt: Date.now(),
      });
    });
    if (saved) onClose();
  };
  return (
    <InlineForm label="Link a decision" onSubmit={submit} onCancel={onClose} failure={failure} submitLabel="Link">
      <Select
        label="Relation"
        required
        allowDeselect={false}
        data={linkableRelations.map((relation) => ({ value: relation, label: relationLabels[relation] }))}
        {...form.getInputProps('relation')}
      />
      <Select
        label="Decision"
        required
        searchable
        placeholder="Pick a decision"
        nothingFoundMessage={options.length === 0 ? 'No other decision to link to' : 'No decision with that title'}
        data={options}
        {...form.getInputProps('decisionId')}
      />
    </InlineForm>
  );
}

function ShareForm({ decision, onClose }: { decision: Decision; onClose: () => void }) {
  const sessionStore = useSessionStoreApi();
  const active = useWorkspaces(selectActiveWorkspace);
  const teams = useWorkspaces(selectLiveWorkspaces).filter((workspace) => workspace.kind === 'team');
  const select = useWorkspaces((state) => state.select);
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);
  const [shared, setShared] = useState<{ workspaceId: string; name: string; copyId: string } | null>(null);
  const form = useForm<{ workspaceId: string | null }>({
    mode: 'controlled',
    initialValues: { workspaceId: teams.length === 1 ? (teams[0]?.id ?? null) : null },
  });
  const submit = async (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    const target = teams.find((workspace) => workspace.id === form.values.workspaceId);
    if (target === undefined) {
      form.setErrors({ workspaceId: 'Pick the team workspace to share into.' });
      return;
    }
    form.setErrors({});
    const sessions = sessionStore.getState();
    const repository = sessions.session?.repository;
    try {
      if (!repository || active === null) throw new Error('No workspace is open.');
      const copy = await sessions.writeDocument(target, (teamRepository) =>
        writeSharedCopy(teamRepository, decision, active.id),
      );
      repository.transact(() => linkOriginal(repository, decision, copy, target.id));
      setShared({ workspaceId: target.id, name: target.name, copyId: copy.id });
    } catch (error) {
      setFailure(`The decision could not be shared: ${describeError(error)}`);
    }
  };
  if (shared !== null) {
    return (
      <Stack gap="md">
        <Alert color="green" title="Shared" role="status">
          A copy of “{decision.title}” is now in {shared.name}, linked back to this one.
        </Alert>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button
            onClick={() => {
              void select(shared.workspaceId).then(() => navigate(`/decisions/${shared.copyId}`));
            }}
          >
            Open the copy in {shared.name}
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label="Share to a team workspace">
      <Stack gap="md">
        <Text size="sm">
          The team workspace gets a copy of this decision: its record, impact, status, safety nets, advice and
          positions. Its domain, owner and links stay here, and nothing else of this personal workspace leaves this
          device. The copy links back to this decision.
        </Text>
        {teams.length === 0 ? (
          <Alert color="yellow">There is no team workspace on this device yet: create or join one first.</Alert>
        ) : (
          <Select
            label="Team workspace"
            required
            allowDeselect={false}
            data={teams.map((workspace) => ({ value: workspace.id, label: workspace.name }))}
            {...form.getInputProps('workspaceId')}
          />
        )}
        <ErrorAlert error={failure} />
        <FormActions onCancel={onClose} submitLabel="Share a copy" />
      </Stack>
    </form>
  );
}

/** "Share to a team workspace…": shown on the decisions of a personal workspace. */
export function ShareButton({ decision }: { decision: Decision }) {
  const active = useWorkspaces(selectActiveWorkspace);
  const readOnly = useDocument((state) => state.readOnly) !== null;
  const [opened, setOpened] = useState(false);
  if (active?.kind !== 'personal') return null;
  return (
    <>
      <Button
        variant="default"
        leftSection={<Share2 size={16} aria-hidden />}
        onClick={() => setOpened(true)}
        disabled={readOnly}
      >
        Share to team…
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title="Share to a team workspace"
        centered
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {opened ? <ShareForm decision={decision} onClose={() => setOpened(false)} /> : null}
      </Modal>
    </>
  );
}

function LinkTarget({ link }: { link: DecisionLink }) {
  const decisionMap = useDocument((state) => state.entities.decisions);
  const workspaces = useWorkspaces((state) => state.workspaces);
  const select = useWorkspaces((state) => state.select);
  const navigate = useNavigate();
  if (link.workspaceId !== null) {
    const workspace = workspaces.find((candidate) => candidate.id === link.workspaceId && candidate.deletedAt === null);
    if (workspace === undefined) return <Text span>{link.title} (in a workspace that is not on this device)</Text>;
    return (
      <Text span>
        <Anchor
          component="button"
          type="button"
          onClick={() => void select(workspace.id).then(() => navigate(`/decisions/${link.decisionId}`))}
        >
          {link.title}
        </Anchor>{' '}
        in {workspace.name}
      </Text>
    );
  }
  const other = decisionMap.get(link.decisionId);
  if (other === undefined || other.deletedAt !== null) {
    return <Text span>{link.title} (no longer exists or is in the trash)</Text>;
  }
  return (
    <Anchor component={Link} to={`/decisions/${other.id}`}>
      {other.title}
    </Anchor>
  );
}

/** The Linked decisions section of a decision's page. */
export function LinksSection({ decision, readOnly }: { decision: Decision; readOnly: boolean }) {
  const decisions = useDocument((state) => selectLive(state, 'decisions'));
  const { failure, remove } = useRemoveItem(decision.id, 'links');
  const editor = useInlineEditor<true>();
  const links = Object.values(decision.links).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const backlinks = useMemo(
    () =>
      decisions.flatMap((other) =>
        Object.values(other.links)
          .filter((link) => link.workspaceId === null && link.decisionId === decision.id)
          .map((link) => ({ link, from: other })),
      ),
    [decisions, decision.id],
  );
  const addId = 'decision-links-add';
  return (
    <CharterSection
      id="decision-links"
      title="Linked decisions"
      description="Decisions this one relates to, depends on or follows up, and those that link to it."
      actions={
        editor.target === null ? (
          <Button
            id={addId}
            variant="default"
            size="sm"
            leftSection={<Link2 size={14} aria-hidden />}
            onClick={() => editor.open(true, addId)}
            disabled={readOnly}
          >
            Link a decision
          </Button>
        ) : null
      }
    >
      <Stack gap="sm">
        {editor.target !== null ? <AddLinkForm decision={decision} onClose={editor.close} /> : null}
        {links.length === 0 && backlinks.length === 0 ? (
          <Text size="sm" c="dimmed" fs="italic">
            No linked decisions.
          </Text>
        ) : (
          <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Linked decisions">
            {links.map((link) => (
              <Group component="li" key={link.id} gap="xs" wrap="nowrap" justify="space-between">
                <Text size="sm">
                  {relationLabels[link.relation]}: <LinkTarget link={link} />
                </Text>
                <RemoveItemButton
                  label={`Remove the link to ${link.title}`}
                  disabled={readOnly}
                  onClick={() => remove(link.id)}
                />
              </Group>
            ))}
            {backlinks.map(({ link, from }) => (
              <li key={`${from.id}-${link.id}`}>
                <Text size="sm">
                  {inverseLabels[link.relation]}:{' '}
                  <Anchor component={Link} to={`/decisions/${from.id}`}>
                    {from.title}
                  </Anchor>
                </Text>
              </li>
            ))}
          </Stack>
        )}
        <RemoveFailure what="The link" failure={failure} />
      </Stack>
    </CharterSection>
  );
}
