/**
 * The advice process of a consultative decision (issue 5 "tier workflows", framework §1):
 * ask domains and people for advice (the domains with an interface agreement with the
 * decision's domain suggested first), see who answered, record each piece of advice (an
 * item of the decision's keyed `advice` collection, so advice recorded at once on two
 * laptops all survives), and say how the advice was weighed — required before a
 * consultative decision is decided (`adviceWeighingIssue`, checked by the status form too).
 *
 * Shown open for a consultative decision; for other tiers it is available but collapsed.
 */
import {
  Autocomplete,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { MessageSquarePlus, UserPlus } from 'lucide-react';
import { useId, useMemo, type FormEvent } from 'react';
import { dependenciesOf } from '@shared/domains/dependency-graph';
import type { Advice, Entity } from '@shared/model/entities';
import { selectLive } from '../../data/document-store';
import { formatMoment } from '../../domains/charter/dates';
import {
  EditButton,
  InlineForm,
  ReadField,
  ReadFields,
  prose,
  useInlineEditor,
  useWriteFailure,
} from '../../domains/charter/section';
import { useLocalUser } from '../../domains/use-local-user';
import { useDocument, useSession } from '../../workspaces/session-store';
import { useClassification } from '../impact-fields';
import { adviceWeighingIssue } from '../lifecycle';
import { RemoveFailure, RemoveItemButton, useRemoveItem } from './remove-item';
import { useDecisionWriter } from './section-parts';
import { WorkflowSection } from './workflow-section';

type Decision = Entity<'decisions'>;
type Editing = 'ask' | 'record' | 'weighing';

/** The most domains and people a decision can ask for advice (the schema's limit). */
export const MAX_ADVICE_FROM = 30;
const MAX_PROSE = 20_000;

/** Someone who can be asked for advice: a domain or a member. */
export interface AdviceCandidate {
  id: string;
  kind: 'domain' | 'member';
  name: string;
  /** Why it is suggested ("has an interface agreement with Checkout"); null when it is not. */
  note: string | null;
}

/** The name of a person or domain, folded for comparing. */
function fold(name: string): string {
  return name.trim().toLocaleLowerCase();
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name);
}

/**
 * Who can be asked, in order: the domains with an interface agreement with the decision's
 * domain (held or received, live at both ends), then the other live domains, then the live
 * members, each group by name.
 */
export function useAdviceCandidates(decision: Decision): AdviceCandidate[] {
  const domainMap = useDocument((state) => state.entities.domains);
  const members = useDocument((state) => selectLive(state, 'members'));
  return useMemo(() => {
    const domains = [...domainMap.values()];
    const own = decision.domainId === null ? undefined : domainMap.get(decision.domainId);
    const suggested = new Map<string, AdviceCandidate>();
    if (own !== undefined && own.deletedAt === null) {
      const { outgoing, incoming } = dependenciesOf(domains, own.id);
      for (const link of [...outgoing, ...incoming]) {
        if (link.broken || link.domainName === null || link.domainId === own.id || suggested.has(link.domainId))
          continue;
        suggested.set(link.domainId, {
          id: link.domainId,
          kind: 'domain',
          name: link.domainName,
          note: `has an interface agreement with ${own.name}`,
        });
      }
    }
    const otherDomains = domains
      .filter((domain) => domain.deletedAt === null && !suggested.has(domain.id))
      .map((domain): AdviceCandidate => ({ id: domain.id, kind: 'domain', name: domain.name, note: null }))
      .sort(byName);
    const people = members
      .map((member): AdviceCandidate => ({ id: member.id, kind: 'member', name: member.name, note: null }))
      .sort(byName);
    return [...[...suggested.values()].sort(byName), ...otherDomains, ...people];
  }, [domainMap, members, decision.domainId]);
}

/** The decision's advice, oldest first (newest last). */
export function adviceInOrder(decision: Decision): Advice[] {
  return Object.values(decision.advice).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** Whether `candidate` has answered: advice for the domain, or given by the person (by name). */
function hasAnswered(candidate: AdviceCandidate, advice: readonly Advice[]): boolean {
  return candidate.kind === 'domain'
    ? advice.some((item) => item.fromDomainId === candidate.id)
    : advice.some((item) => fold(item.authorName) !== '' && fold(item.authorName) === fold(candidate.name));
}

/** Who gave a piece of advice, as read: "Ana", "Payments", "Ana for Payments". */
function adviceSource(item: Advice, domainName: (id: string) => string): string {
  const person = item.authorName.trim();
  const domain = item.fromDomainId === null ? '' : domainName(item.fromDomainId);
  if (person !== '' && domain !== '') return `${person} for ${domain}`;
  return person || domain || 'someone not named';
}

function AskForm({
  decision,
  candidates,
  onClose,
}: {
  decision: Decision;
  candidates: AdviceCandidate[];
  onClose: () => void;
}) {
  const { failure, write } = useDecisionWriter(decision.id);
  const form = useForm<{ adviceFrom: string[] }>({
    mode: 'controlled',
    initialValues: { adviceFrom: [...decision.adviceFrom] },
  });
  const submit = (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    const chosen = form.values.adviceFrom;
    if (chosen.length > MAX_ADVICE_FROM) {
      form.setErrors({ adviceFrom: `Ask at most ${MAX_ADVICE_FROM} domains or people.` });
      return;
    }
    form.setErrors({});
    // Asking for advice on a draft starts the advice process.
    const startsAsking = decision.status === 'draft' && chosen.length > 0;
    if (write({ adviceFrom: chosen, ...(startsAsking ? { status: 'seeking-advice' as const } : {}) })) onClose();
  };
  const groups: { title: string; items: AdviceCandidate[] }[] = [
    { title: 'Suggested: interface agreements', items: candidates.filter((c) => c.note !== null) },
    { title: 'Other domains', items: candidates.filter((c) => c.kind === 'domain' && c.note === null) },
    { title: 'Members', items: candidates.filter((c) => c.kind === 'member') },
  ];
  return (
    <InlineForm label="Ask for advice" onSubmit={submit} onCancel={onClose} failure={failure}>
      <Checkbox.Group
        label="Ask for advice from"
        description={`Domains and people whose advice the owner should hear (at most ${MAX_ADVICE_FROM}).`}
        {...form.getInputProps('adviceFrom')}
      >
        <Stack gap="sm" mt="xs">
          {candidates.length === 0 ? (
            <Text size="sm" c="dimmed" fs="italic">
              No domains or members yet: add them first.
            </Text>
          ) : null}
          {groups
            .filter((group) => group.items.length > 0)
            .map((group) => (
              <Stack key={group.title} gap={6}>
                <Text size="sm" fw={600}>
                  {group.title}
                </Text>
                {group.items.map((candidate) => (
                  <Checkbox
                    key={candidate.id}
                    value={candidate.id}
                    label={candidate.name}
                    description={candidate.note ?? undefined}
                  />
                ))}
              </Stack>
            ))}
        </Stack>
      </Checkbox.Group>
    </InlineForm>
  );
}

interface RecordValues {
  text: string;
  authorName: string;
  fromDomainId: string | null;
}

function RecordForm({
  decision,
  candidates,
  onClose,
}: {
  decision: Decision;
  candidates: AdviceCandidate[];
  onClose: () => void;
}) {
  const repository = useSession((state) => state.session?.repository);
  const { userId } = useLocalUser();
  const { failure, attempt } = useWriteFailure();
  const form = useForm<RecordValues>({
    mode: 'controlled',
    initialValues: { text: '', authorName: '', fromDomainId: null },
  });
  const asked = new Set(decision.adviceFrom);
  const askedFirst = (list: AdviceCandidate[]) =>
    [...list].sort((a, b) => Number(asked.has(b.id)) - Number(asked.has(a.id)));
  const memberNames = [...new Set(askedFirst(candidates.filter((c) => c.kind === 'member')).map((c) => c.name))];
  const domainOptions = askedFirst(candidates.filter((c) => c.kind === 'domain')).map((c) => ({
    value: c.id,
    label: c.name,
  }));

  const submit = (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    const { values } = form;
    const errors: Record<string, string> = {};
    if (values.text.trim() === '') errors.text = 'Write the advice.';
    else if (values.text.length > MAX_PROSE) errors.text = 'Use at most 20,000 characters.';
    if (values.authorName.trim().length > 200) errors.authorName = 'Use at most 200 characters.';
    else if (values.authorName.trim() === '' && values.fromDomainId === null)
      errors.authorName = 'Say who gave the advice: a person, a domain, or both.';
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const saved = attempt(() => {
      if (!repository || userId === null) throw new Error('No workspace is open.');
      repository.addToCollection('decisions', decision.id, 'advice', {
        authorId: userId,
        authorName: values.authorName.trim(),
        fromDomainId: values.fromDomainId,
        text: values.text.trim(),
        // After the newest advice here, so it is listed last even within the same millisecond.
        createdAt: Math.max(Date.now(), ...Object.values(decision.advice).map((item) => item.createdAt + 1)),
      });
    });
    if (saved) onClose();
  };

  return (
    <InlineForm label="Record advice" onSubmit={submit} onCancel={onClose} failure={failure}>
      <Textarea label="Advice" required autosize minRows={3} maxRows={10} {...form.getInputProps('text')} />
      <Autocomplete
        label="Given by"
        description="The person who gave it; members asked for advice come first."
        data={memberNames}
        {...form.getInputProps('authorName')}
      />
      <Select
        label="For domain"
        description="The domain the advice speaks for, if any; domains asked for advice come first."
        placeholder="No domain"
        clearable
        searchable
        nothingFoundMessage="No domain with that name"
        data={domainOptions}
        {...form.getInputProps('fromDomainId')}
      />
    </InlineForm>
  );
}

function WeighingForm({ decision, onClose }: { decision: Decision; onClose: () => void }) {
  const { failure, write } = useDecisionWriter(decision.id);
  const { tier } = useClassification(decision);
  const form = useForm<{ adviceWeighing: string }>({
    mode: 'controlled',
    initialValues: { adviceWeighing: decision.adviceWeighing },
  });
  const submit = (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    const text = form.values.adviceWeighing;
    const issue =
      text.length > MAX_PROSE ? 'Use at most 20,000 characters.' : adviceWeighingIssue(tier, decision.status, text);
    form.setErrors(issue === null ? {} : { adviceWeighing: issue });
    if (issue !== null) return;
    if (write({ adviceWeighing: text })) onClose();
  };
  return (
    <InlineForm label="Edit how the advice was weighed" onSubmit={submit} onCancel={onClose} failure={failure}>
      <Textarea
        label="How the advice was weighed"
        description="The owner's account: which advice was followed, which was not, and why."
        autosize
        minRows={3}
        maxRows={10}
        {...form.getInputProps('adviceWeighing')}
      />
    </InlineForm>
  );
}

function AdviceBody({ decision, readOnly }: { decision: Decision; readOnly: boolean }) {
  const candidates = useAdviceCandidates(decision);
  const domainMap = useDocument((state) => state.entities.domains);
  const memberMap = useDocument((state) => state.entities.members);
  const { failure, remove } = useRemoveItem(decision.id, 'advice');
  const editor = useInlineEditor<Editing>();
  const advice = adviceInOrder(decision);
  const domainName = (id: string) => domainMap.get(id)?.name ?? 'a domain that no longer exists';
  const askId = 'decision-advice-ask';
  const recordId = 'decision-advice-record';
  const weighingId = 'decision-advice-weighing-edit';
  const askedHeading = useId();
  const adviceHeading = useId();

  const asked = decision.adviceFrom.map((id): AdviceCandidate & { gone: boolean } => {
    const domain = domainMap.get(id);
    if (domain !== undefined)
      return { id, kind: 'domain', name: domain.name, note: null, gone: domain.deletedAt !== null };
    const member = memberMap.get(id);
    if (member !== undefined)
      return { id, kind: 'member', name: member.name, note: null, gone: member.deletedAt !== null };
    return { id, kind: 'member', name: 'Someone who no longer exists', note: null, gone: true };
  });

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Title order={3} size="h5" id={askedHeading}>
            Asked for advice
          </Title>
          {editor.target === 'ask' ? null : (
            <Button
              id={askId}
              variant="default"
              size="sm"
              leftSection={<UserPlus size={14} aria-hidden />}
              onClick={() => editor.open('ask', askId)}
              disabled={readOnly}
            >
              Ask for advice
            </Button>
          )}
        </Group>
        {editor.target === 'ask' ? (
          <AskForm decision={decision} candidates={candidates} onClose={editor.close} />
        ) : asked.length === 0 ? (
          <Text size="sm" c="dimmed" fs="italic">
            No one asked yet. Ask the domains and people the decision affects.
          </Text>
        ) : (
          <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: 'none' }} aria-labelledby={askedHeading}>
            {asked.map((who) => {
              const answered = hasAnswered(who, advice);
              return (
                <Group component="li" key={who.id} gap="xs">
                  <Text size="sm">
                    {who.name}
                    {who.gone && who.name !== 'Someone who no longer exists' ? ' (in the trash)' : ''}
                  </Text>
                  <Badge size="sm" variant="outline" color="gray">
                    {who.kind === 'domain' ? 'Domain' : 'Member'}
                  </Badge>
                  <Badge size="sm" variant="light" color={answered ? 'green' : 'yellow'}>
                    {answered ? 'Answered' : 'Not answered yet'}
                  </Badge>
                </Group>
              );
            })}
          </Stack>
        )}
      </Stack>

      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Title order={3} size="h5" id={adviceHeading}>
            Advice received
          </Title>
          {editor.target === 'record' ? null : (
            <Button
              id={recordId}
              variant="default"
              size="sm"
              leftSection={<MessageSquarePlus size={14} aria-hidden />}
              onClick={() => editor.open('record', recordId)}
              disabled={readOnly}
            >
              Record advice
            </Button>
          )}
        </Group>
        {advice.length === 0 ? (
          <Text size="sm" c="dimmed" fs="italic">
            No advice recorded yet.
          </Text>
        ) : (
          <Stack component="ol" gap="xs" m={0} p={0} style={{ listStyle: 'none' }} aria-labelledby={adviceHeading}>
            {advice.map((item) => {
              const source = adviceSource(item, domainName);
              return (
                <Paper component="li" key={item.id} withBorder p="sm" radius="sm">
                  <Group justify="space-between" align="flex-start" wrap="nowrap">
                    <Stack gap={2}>
                      <Text size="sm" style={prose}>
                        {item.text}
                      </Text>
                      <Text size="xs" c="dimmed">
                        From {source} · {formatMoment(item.createdAt)}
                      </Text>
                    </Stack>
                    <RemoveItemButton
                      label={`Remove advice from ${source}`}
                      disabled={readOnly}
                      onClick={() => remove(item.id)}
                    />
                  </Group>
                </Paper>
              );
            })}
          </Stack>
        )}
        <RemoveFailure what="The advice" failure={failure} />
        {editor.target === 'record' ? (
          <RecordForm decision={decision} candidates={candidates} onClose={editor.close} />
        ) : null}
      </Stack>

      {editor.target === 'weighing' ? (
        <WeighingForm decision={decision} onClose={editor.close} />
      ) : (
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <ReadFields>
            <ReadField
              label="How the advice was weighed"
              value={decision.adviceWeighing}
              hint="Not written yet. The owner says how the advice was weighed before deciding."
            />
          </ReadFields>
          <EditButton
            id={weighingId}
            label="Edit how the advice was weighed"
            onClick={() => editor.open('weighing', weighingId)}
            disabled={readOnly}
          />
        </Group>
      )}
    </Stack>
  );
}

/**
 * The Advice section: open for a consultative decision; for other tiers, collapsed behind
 * "Show advice" (open from the start when advice was asked for or recorded).
 */
export function AdviceSection({ decision, readOnly }: { decision: Decision; readOnly: boolean }) {
  const { tier } = useClassification(decision);
  return (
    <WorkflowSection
      id="decision-advice"
      title="Advice"
      active={tier === 'consultative'}
      hasContent={decision.adviceFrom.length > 0 || Object.keys(decision.advice).length > 0}
      description={{
        active:
          'The advice process: ask the domains and people affected, record their advice, then say how it was weighed before deciding.',
        optional: 'Optional at this tier: advice asked for and received, and how it was weighed.',
      }}
      noun="advice"
    >
      {() => <AdviceBody decision={decision} readOnly={readOnly} />}
    </WorkflowSection>
  );
}
