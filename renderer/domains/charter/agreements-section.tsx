/**
 * Interface agreements (framework §2 "interface agreements" and "dependencies"): what this
 * domain provides to and expects from another domain, the service agreement, the
 * communication protocol and the escalation path (domains to turn to, in order; the same
 * ids the dependency map draws). The domain's own agreements and those other domains hold
 * with it come from the shared `dependenciesOf`; one that reaches a domain in the trash or
 * an unknown one is flagged and stays editable and removable.
 */
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Fieldset,
  Group,
  List,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ArrowDown, ArrowUp, Handshake, Pencil, Plus, Trash2, X } from 'lucide-react';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import { describeError } from '@shared/errors';
import { dependenciesOf, type DependencyLink, type EscalationStep } from '@shared/domains/dependency-graph';
import { compareByName } from '@shared/domains/order';
import type { Entity, InterfaceAgreement } from '@shared/model/entities';
import { useDocument, useSession } from '../../workspaces/session-store';
import { proseField, shortField } from './form-fields';
import { CharterSection, InlineForm, ReadField, ReadFields, prose, useInlineEditor, useWriteFailure } from './section';

const MAX_STEPS = 10;

type Editing = { kind: 'new' } | { kind: 'agreement'; agreementId: string };

interface StepValue {
  /** Keeps each step's inputs in place while steps move. */
  key: string;
  domainId: string;
}

interface AgreementValues {
  otherDomainId: string;
  provides: string;
  expects: string;
  serviceAgreement: string;
  communication: string;
  escalationPath: StepValue[];
}

const agreementSchema = z.object({
  otherDomainId: z.string().refine((value) => value !== '', { message: 'Choose the other domain.' }),
  provides: proseField,
  expects: proseField,
  serviceAgreement: shortField,
  communication: shortField,
  escalationPath: z
    .array(
      z.object({
        key: z.string(),
        domainId: z.string().refine((value) => value !== '', {
          message: 'Choose whom this step escalates to, or remove the step.',
        }),
      }),
    )
    .max(MAX_STEPS, `Use at most ${MAX_STEPS} steps.`),
});

let stepKeys = 0;
const newStepKey = () => `step-${++stepKeys}`;

/** A domain's name as options show it, with "(deleted)" when it is gone. */
function optionLabel(domains: ReadonlyMap<string, Entity<'domains'>>, id: string): string {
  const domain = domains.get(id);
  if (domain === undefined) return 'Unknown domain (deleted)';
  return domain.deletedAt === null ? domain.name : `${domain.name} (deleted)`;
}

/** Live domains other than `selfId`, by name, plus the gone ones in `keep` (the values already chosen). */
function domainOptions(
  domains: ReadonlyMap<string, Entity<'domains'>>,
  selfId: string,
  keep: readonly string[],
): { value: string; label: string }[] {
  const live = [...domains.values()]
    .filter((domain) => domain.deletedAt === null && domain.id !== selfId)
    .sort(compareByName)
    .map((domain) => ({ value: domain.id, label: domain.name }));
  const gone = [...new Set(keep)]
    .filter((id) => id !== '' && !live.some((option) => option.value === id))
    .map((id) => ({ value: id, label: optionLabel(domains, id) }));
  return [...live, ...gone];
}

function AgreementForm({
  domain,
  agreement,
  otherName,
  onClose,
}: {
  domain: Entity<'domains'>;
  agreement: InterfaceAgreement | null;
  otherName: string | null;
  onClose: () => void;
}) {
  const repository = useSession((state) => state.session?.repository);
  const domains = useDocument((state) => state.entities.domains);
  const { failure, attempt } = useWriteFailure();
  const form = useForm<AgreementValues>({
    mode: 'controlled',
    initialValues: agreement
      ? {
          otherDomainId: agreement.otherDomainId,
          provides: agreement.provides,
          expects: agreement.expects,
          serviceAgreement: agreement.serviceAgreement,
          communication: agreement.communication,
          escalationPath: agreement.escalationPath.map((domainId) => ({ key: newStepKey(), domainId })),
        }
      : { otherDomainId: '', provides: '', expects: '', serviceAgreement: '', communication: '', escalationPath: [] },
    validate: schemaResolver(agreementSchema, { sync: true }),
  });
  const steps = form.values.escalationPath;
  const focusStep = (key: string) => window.setTimeout(() => document.getElementById(`charter-${key}`)?.focus(), 0);

  const submit = form.onSubmit((values) => {
    if (!repository) return;
    const fields = {
      otherDomainId: values.otherDomainId,
      provides: values.provides,
      expects: values.expects,
      serviceAgreement: values.serviceAgreement,
      communication: values.communication,
      escalationPath: values.escalationPath.map((step) => step.domainId),
    };
    const saved = attempt(() => {
      if (agreement) repository.updateInCollection('domains', domain.id, 'agreements', agreement.id, fields);
      else repository.addToCollection('domains', domain.id, 'agreements', fields);
    });
    if (saved) onClose();
  });

  const otherOptions = [
    { value: '', label: 'Choose a domain…', disabled: true },
    ...domainOptions(domains, domain.id, agreement ? [agreement.otherDomainId] : []),
  ];
  const stepOptions = [
    { value: '', label: 'Choose a domain…', disabled: true },
    ...domainOptions(domains, domain.id, agreement?.escalationPath ?? []),
  ];

  return (
    <InlineForm
      label={agreement ? `Edit agreement with ${otherName ?? 'an unknown domain'}` : 'New interface agreement'}
      onSubmit={submit}
      onCancel={onClose}
      failure={failure}
    >
      <NativeSelect label="Other domain" required data={otherOptions} {...form.getInputProps('otherDomainId')} />
      <Textarea
        label="What this domain provides"
        description="The service, data or work the other domain can count on."
        autosize
        minRows={2}
        maxRows={8}
        {...form.getInputProps('provides')}
      />
      <Textarea
        label="What this domain expects"
        description="What it needs from the other domain in return."
        autosize
        minRows={2}
        maxRows={8}
        {...form.getInputProps('expects')}
      />
      <Group grow align="flex-start">
        <TextInput
          label="Service agreement"
          description="e.g. answers within two working days."
          {...form.getInputProps('serviceAgreement')}
        />
        <TextInput
          label="Communication protocol"
          description="e.g. the #platform channel, a weekly sync."
          {...form.getInputProps('communication')}
        />
      </Group>
      <Fieldset legend="Escalation path" variant="unstyled">
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            The domains to turn to, in order, when the two domains cannot settle something between them.
          </Text>
          {steps.length === 0 ? (
            <Text size="sm" fs="italic" c="dimmed">
              No escalation steps yet.
            </Text>
          ) : (
            <Stack component="ol" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
              {steps.map((step, index) => (
                <Group component="li" key={step.key} gap="xs" align="flex-start" wrap="nowrap">
                  <NativeSelect
                    id={`charter-${step.key}`}
                    label={`Escalation step ${index + 1}`}
                    data={stepOptions}
                    style={{ flexGrow: 1 }}
                    {...form.getInputProps(`escalationPath.${index}.domainId`)}
                  />
                  <Group gap={4} wrap="nowrap" mt={26}>
                    <ActionIcon
                      variant="default"
                      size="lg"
                      aria-label={`Move step ${index + 1} up`}
                      disabled={index === 0}
                      onClick={() => {
                        form.reorderListItem('escalationPath', { from: index, to: index - 1 });
                        focusStep(step.key);
                      }}
                    >
                      <ArrowUp size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      size="lg"
                      aria-label={`Move step ${index + 1} down`}
                      disabled={index === steps.length - 1}
                      onClick={() => {
                        form.reorderListItem('escalationPath', { from: index, to: index + 1 });
                        focusStep(step.key);
                      }}
                    >
                      <ArrowDown size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      size="lg"
                      color="red"
                      aria-label={`Remove step ${index + 1}`}
                      onClick={() => {
                        form.removeListItem('escalationPath', index);
                        const next = steps[index + 1] ?? steps[index - 1];
                        if (next) focusStep(next.key);
                      }}
                    >
                      <X size={16} aria-hidden />
                    </ActionIcon>
                  </Group>
                </Group>
              ))}
            </Stack>
          )}
          {form.errors.escalationPath ? (
            <Text size="sm" c="red">
              {form.errors.escalationPath}
            </Text>
          ) : null}
          <Group>
            <Button
              variant="default"
              size="xs"
              leftSection={<Plus size={14} aria-hidden />}
              disabled={steps.length >= MAX_STEPS}
              onClick={() => {
                const key = newStepKey();
                form.insertListItem('escalationPath', { key, domainId: '' });
                focusStep(key);
              }}
            >
              Add escalation step
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </InlineForm>
  );
}

function EscalationList({ steps }: { steps: readonly EscalationStep[] }) {
  if (steps.length === 0) {
    return (
      <Text c="dimmed" fs="italic">
        No escalation path. Say whom to turn to when the two domains cannot agree.
      </Text>
    );
  }
  return (
    <List type="ordered" size="sm" spacing={2}>
      {steps.map((step, index) => (
        <List.Item key={`${index}-${step.domainId}`}>
          {step.live ? (
            <Anchor component={Link} to={`/domains/${step.domainId}`}>
              {step.name}
            </Anchor>
          ) : (
            <Group gap={6} component="span" display="inline-flex">
              <span>{step.name ?? 'Unknown domain'}</span>
              <Badge color="red" variant="filled" size="sm">
                Domain deleted
              </Badge>
            </Group>
          )}
        </List.Item>
      ))}
    </List>
  );
}

function AgreementCard({
  domain,
  link,
  editing,
  onEdit,
  onClose,
  readOnly,
}: {
  domain: Entity<'domains'>;
  link: DependencyLink<InterfaceAgreement>;
  editing: Editing | null;
  onEdit: (next: Editing, openerId: string) => void;
  onClose: () => void;
  readOnly: boolean;
}) {
  const repository = useSession((state) => state.session?.repository);
  const { agreement } = link;
  const otherName = link.domainName ?? 'an unknown domain';
  const editId = `charter-agreement-${agreement.id}-edit`;
  const headingId = `charter-agreement-${agreement.id}-heading`;
  const otherLive = !link.broken;

  const remove = () => {
    if (!repository) return;
    try {
      repository.removeFromCollection('domains', domain.id, 'agreements', agreement.id);
      notifications.show({
        title: 'Agreement removed',
        message: `The agreement with ${otherName} was removed. Ctrl+Z brings it back.`,
      });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not remove the agreement', message: describeError(error) });
    }
  };

  if (editing?.kind === 'agreement' && editing.agreementId === agreement.id) {
    return (
      <Paper withBorder radius="md" p="md">
        <AgreementForm domain={domain} agreement={agreement} otherName={link.domainName} onClose={onClose} />
      </Paper>
    );
  }
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="article"
      aria-labelledby={headingId}
      style={link.broken ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Group gap="xs">
            <Title order={3} size="h4" id={headingId}>
              With{' '}
              {otherLive ? (
                <Anchor component={Link} to={`/domains/${link.domainId}`} inherit>
                  {link.domainName}
                </Anchor>
              ) : (
                (link.domainName ?? 'an unknown domain')
              )}
            </Title>
            {link.broken ? (
              <Badge color="red" variant="filled">
                Other domain deleted
              </Badge>
            ) : null}
          </Group>
          <Group gap="xs">
            <Button
              id={editId}
              size="xs"
              variant="default"
              leftSection={<Pencil size={14} aria-hidden />}
              aria-label={`Edit agreement with ${otherName}`}
              onClick={() => onEdit({ kind: 'agreement', agreementId: agreement.id }, editId)}
              disabled={readOnly || editing !== null}
            >
              Edit
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              leftSection={<Trash2 size={14} aria-hidden />}
              aria-label={`Remove agreement with ${otherName}`}
              onClick={remove}
              disabled={readOnly || editing !== null}
            >
              Remove
            </Button>
          </Group>
        </Group>
        {link.broken ? (
          <Text size="sm" c="red">
            {link.domainName === null ? 'The other domain no longer exists' : `${link.domainName} is in the trash`}.
            Restore it from the trash, point this agreement at another domain, or remove it.
          </Text>
        ) : null}
        <ReadFields>
          <ReadField label="Provides" value={agreement.provides} hint="Not written yet: what this domain provides." />
          <ReadField label="Expects" value={agreement.expects} hint="Not written yet: what this domain expects." />
          <ReadField
            label="Service agreement"
            value={agreement.serviceAgreement}
            hint="None yet, e.g. answers within two working days."
          />
          <ReadField
            label="Communication protocol"
            value={agreement.communication}
            hint="None yet, e.g. a shared channel or a weekly sync."
          />
          <div>
            <Text component="dt" fw={600} size="sm">
              Escalation path
            </Text>
            <Text component="dd" m={0}>
              <EscalationList steps={link.escalation} />
            </Text>
          </div>
        </ReadFields>
      </Stack>
    </Paper>
  );
}

function IncomingAgreements({ links }: { links: readonly DependencyLink<InterfaceAgreement>[] }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby="charter-incoming-heading">
      <Title order={3} size="h4" id="charter-incoming-heading">
        Agreements other domains hold with this one
      </Title>
      {links.length === 0 ? (
        <Text c="dimmed" fs="italic" size="sm">
          No other domain has an agreement with this one yet.
        </Text>
      ) : (
        links.map(({ agreement, domainId, domainName }) => (
          <Paper key={`${domainId}:${agreement.id}`} withBorder radius="md" p="sm">
            <Stack gap={4}>
              <Text fw={600}>
                <Anchor component={Link} to={`/domains/${domainId}`}>
                  {domainName}
                </Anchor>
              </Text>
              {agreement.provides ? (
                <Text size="sm" style={prose}>
                  <strong>Provides:</strong> {agreement.provides}
                </Text>
              ) : null}
              {agreement.expects ? (
                <Text size="sm" style={prose}>
                  <strong>Expects:</strong> {agreement.expects}
                </Text>
              ) : null}
              {agreement.serviceAgreement ? (
                <Text size="sm">
                  <strong>Service agreement:</strong> {agreement.serviceAgreement}
                </Text>
              ) : null}
            </Stack>
          </Paper>
        ))
      )}
    </Stack>
  );
}

/** The domain's interface agreements, and those other domains hold with it. */
export function AgreementsSection({ domain, readOnly }: { domain: Entity<'domains'>; readOnly: boolean }) {
  const domainMap = useDocument((state) => state.entities.domains);
  const dependencies = useMemo(() => dependenciesOf([...domainMap.values()], domain.id), [domainMap, domain.id]);
  const editor = useInlineEditor<Editing>();
  const addId = 'charter-agreements-add';
  return (
    <CharterSection
      id="agreements"
      title="Interface agreements"
      description="What this domain provides to and expects from other domains, and how to escalate when they disagree."
      actions={
        editor.target?.kind === 'new' ? null : (
          <Button
            id={addId}
            variant="default"
            size="sm"
            leftSection={<Handshake size={14} aria-hidden />}
            onClick={() => editor.open({ kind: 'new' }, addId)}
            disabled={readOnly || editor.target !== null}
          >
            Add interface agreement
          </Button>
        )
      }
    >
      {editor.target?.kind === 'new' ? (
        <AgreementForm domain={domain} agreement={null} otherName={null} onClose={editor.close} />
      ) : null}
      {dependencies.outgoing.length === 0 ? (
        <Text c="dimmed" fs="italic">
          No interface agreements yet. Write down what this domain provides to and expects from each domain it works
          with, so dependencies are clear before they cause trouble.
        </Text>
      ) : (
        dependencies.outgoing.map((link) => (
          <AgreementCard
            key={link.agreement.id}
            domain={domain}
            link={link}
            editing={editor.target}
            onEdit={editor.open}
            onClose={editor.close}
            readOnly={readOnly}
          />
        ))
      )}
      <IncomingAgreements links={dependencies.incoming} />
    </CharterSection>
  );
}
