/**
 * Deciding together (issue 5 "tier workflows", framework §1 collaborative decisions): each
 * participant records a position — consent, a concern or an objection, with a note — as an
 * item of the decision's keyed `positions` collection, so positions recorded at once on
 * several laptops all survive. A person has one position: recording again under the same
 * name changes it. While an objection stands the decision cannot be decided
 * (`positionsIssue`, checked by the status form); the objection is resolved when the person
 * who raised it changes their position. Once decided, the outcome shows who took part.
 *
 * Shown open for a collaborative decision; for other tiers it is available but collapsed.
 */
import { Alert, Autocomplete, Badge, Button, Group, Paper, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Hand, Pencil, Users } from 'lucide-react';
import { useId, type FormEvent } from 'react';
import type { Entity, Position } from '@shared/model/entities';
import { selectLive } from '../../data/document-store';
import { formatMoment } from '../../domains/charter/dates';
import { InlineForm, prose, useInlineEditor, useWriteFailure } from '../../domains/charter/section';
import { useLocalUser } from '../../domains/use-local-user';
import { useDocument, useSession } from '../../workspaces/session-store';
import { useClassification } from '../impact-fields';
import { decidedStatuses, openObjections } from '../lifecycle';
import { RemoveFailure, RemoveItemButton, useRemoveItem } from './remove-item';
import { WorkflowSection } from './workflow-section';

type Decision = Entity<'decisions'>;
type Stance = Position['stance'];

/** How each stance reads, and its colour. */
export const stanceLabels: Record<Stance, string> = { consent: 'Consent', concern: 'Concern', objection: 'Objection' };
const stanceColours: Record<Stance, string> = { consent: 'green', concern: 'yellow', objection: 'red' };
const stanceHints: Record<Stance, string> = {
  consent: 'Good enough for now and safe enough to try.',
  concern: 'Can live with it, but something should be heard or watched.',
  objection: 'It would cause harm or move us backwards: it must not be decided as it is.',
};

function fold(name: string): string {
  return name.trim().toLocaleLowerCase();
}

/** The decision's positions by participant name. */
export function positionsInOrder(decision: Decision): Position[] {
  return Object.values(decision.positions).sort(
    (a, b) => a.participantName.localeCompare(b.participantName) || a.id.localeCompare(b.id),
  );
}

/** "2 consent · 1 concern · no objection". */
export function tallyText(positions: readonly Position[]): string {
  const count = (stance: Stance) => positions.filter((position) => position.stance === stance).length;
  const part = (stance: Stance, one: string, many: string) => {
    const n = count(stance);
    return n === 0 ? `no ${one}` : `${n} ${n === 1 ? one : many}`;
  };
  return [
    part('consent', 'consent', 'consents'),
    part('concern', 'concern', 'concerns'),
    part('objection', 'objection', 'objections'),
  ].join(' · ');
}

interface PositionValues {
  participantName: string;
  stance: Stance;
  note: string;
}

function PositionForm({
  decision,
  editing,
  onClose,
}: {
  decision: Decision;
  /** The position being changed; null records a new one. */
  editing: Position | null;
  onClose: () => void;
}) {
  const repository = useSession((state) => state.session?.repository);
  const members = useDocument((state) => selectLive(state, 'members'));
  const { userId, name: localName } = useLocalUser();
  const { failure, attempt } = useWriteFailure();
  const form = useForm<PositionValues>({
    mode: 'controlled',
    initialValues: editing
      ? { participantName: editing.participantName, stance: editing.stance, note: editing.note }
      : { participantName: '', stance: 'consent', note: '' },
  });
  const names = [...new Set([localName, ...members.map((member) => member.name)])];

  const submit = (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    const { values } = form;
    const errors: Record<string, string> = {};
    const name = values.participantName.trim();
    if (name === '') errors.participantName = 'Say whose position this is.';
    else if (name.length > 200) errors.participantName = 'Use at most 200 characters.';
    if (values.stance !== 'consent' && values.note.trim() === '') {
      errors.note = `Say what the ${values.stance} is, so the group can respond to it.`;
    } else if (values.note.length > 20_000) errors.note = 'Use at most 20,000 characters.';
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    // A person has one position: recording again under their name changes it.
    const existing =
      editing ?? Object.values(decision.positions).find((position) => fold(position.participantName) === fold(name));
    const saved = attempt(() => {
      if (!repository || userId === null) throw new Error('No workspace is open.');
      const fields = { participantName: name, stance: values.stance, note: values.note.trim() };
      repository.transact(() => {
        const updatedAt = Date.now();
        if (existing) {
          repository.updateInCollection('decisions', decision.id, 'positions', existing.id, {
            ...fields,
            recordedBy: userId,
            updatedAt,
          });
        } else {
          repository.addToCollection('decisions', decision.id, 'positions', {
            ...fields,
            recordedBy: userId,
            updatedAt,
          });
        }
        // Recording positions on a draft starts deciding together.
        if (decision.status === 'draft') repository.update('decisions', decision.id, { status: 'deciding-together' });
      });
    });
    if (saved) onClose();
  };

  return (
    <InlineForm
      label={editing ? `Change the position of ${editing.participantName}` : 'Record a position'}
      onSubmit={submit}
      onCancel={onClose}
      failure={failure}
    >
      <Autocomplete
        label="Participant"
        required
        description="Whose position this is. Recording again under the same name changes that person's position."
        data={names}
        {...form.getInputProps('participantName')}
      />
      <Radio.Group label="Position" required {...form.getInputProps('stance')}>
        <Stack gap={6} mt="xs">
          {(Object.keys(stanceLabels) as Stance[]).map((stance) => (
            <Radio key={stance} value={stance} label={stanceLabels[stance]} description={stanceHints[stance]} />
          ))}
        </Stack>
      </Radio.Group>
      <Textarea
        label="Note"
        description="Required for a concern or an objection."
        autosize
        minRows={2}
        maxRows={8}
        {...form.getInputProps('note')}
      />
    </InlineForm>
  );
}

function PositionsBody({ decision, readOnly }: { decision: Decision; readOnly: boolean }) {
  const { failure, remove } = useRemoveItem(decision.id, 'positions');
  const editor = useInlineEditor<Position | 'new'>();
  const positions = positionsInOrder(decision);
  const objections = openObjections(decision.positions);
  const decided = decidedStatuses.includes(decision.status);
  const listHeading = useId();
  const recordId = 'decision-positions-record';

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600} id={listHeading}>
          Positions: {tallyText(positions)}
        </Text>
        {editor.target === 'new' ? null : (
          <Button
            id={recordId}
            variant="default"
            size="sm"
            leftSection={<Hand size={14} aria-hidden />}
            onClick={() => editor.open('new', recordId)}
            disabled={readOnly}
          >
            Record a position
          </Button>
        )}
      </Group>
      {objections.length > 0 ? (
        <Alert color="red" title={decided ? 'An objection was raised after deciding' : 'An objection stands'}>
          {decided
            ? 'Consider reviewing the decision with the people who object.'
            : 'The decision cannot be decided until it is resolved: it is resolved when the person who objects changes their position, for example after the proposal is amended.'}
        </Alert>
      ) : null}
      {decided && positions.length > 0 ? (
        <Text size="sm">
          Decided together with{' '}
          {positions
            .filter((position) => position.stance !== 'objection')
            .map((position) => `${position.participantName} (${stanceLabels[position.stance].toLowerCase()})`)
            .join(', ') || 'no consent recorded'}
          .
        </Text>
      ) : null}
      {editor.target === 'new' ? <PositionForm decision={decision} editing={null} onClose={editor.close} /> : null}
      {positions.length === 0 ? (
        <Text size="sm" c="dimmed" fs="italic">
          No positions yet. Each participant records consent, a concern or an objection.
        </Text>
      ) : (
        <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }} aria-labelledby={listHeading}>
          {positions.map((position) =>
            editor.target !== null && editor.target !== 'new' && editor.target.id === position.id ? (
              <li key={position.id}>
                <PositionForm decision={decision} editing={position} onClose={editor.close} />
              </li>
            ) : (
              <Paper component="li" key={position.id} withBorder p="sm" radius="sm">
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Stack gap={2}>
                    <Group gap="xs">
                      <Text size="sm" fw={600}>
                        {position.participantName}
                      </Text>
                      <Badge size="sm" variant="light" color={stanceColours[position.stance]}>
                        {stanceLabels[position.stance]}
                      </Badge>
                    </Group>
                    {position.note === '' ? null : (
                      <Text size="sm" style={prose}>
                        {position.note}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      Updated {formatMoment(position.updatedAt)}
                    </Text>
                  </Stack>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      id={`position-${position.id}-change`}
                      variant="subtle"
                      size="xs"
                      leftSection={<Pencil size={14} aria-hidden />}
                      aria-label={`Change the position of ${position.participantName}`}
                      disabled={readOnly}
                      onClick={() => editor.open(position, `position-${position.id}-change`)}
                    >
                      Change
                    </Button>
                    <RemoveItemButton
                      label={`Remove the position of ${position.participantName}`}
                      disabled={readOnly}
                      onClick={() => remove(position.id)}
                    />
                  </Group>
                </Group>
              </Paper>
            ),
          )}
        </Stack>
      )}
      <RemoveFailure what="The position" failure={failure} />
    </Stack>
  );
}

/**
 * The Deciding together section: open for a collaborative decision; for other tiers,
 * collapsed behind "Show positions" (open from the start when positions were recorded).
 */
export function PositionsSection({ decision, readOnly }: { decision: Decision; readOnly: boolean }) {
  const { tier } = useClassification(decision);
  return (
    <WorkflowSection
      id="decision-positions"
      title="Deciding together"
      active={tier === 'collaborative'}
      hasContent={Object.keys(decision.positions).length > 0}
      description={{
        active:
          'Each participant records a position. It can be decided only while no objection stands; the outcome is recorded with everyone who took part.',
        optional: 'Optional at this tier: positions of the people involved.',
      }}
      noun="positions"
      activeMark={<Users size={18} aria-hidden />}
    >
      {() => <PositionsBody decision={decision} readOnly={readOnly} />}
    </WorkflowSection>
  );
}
