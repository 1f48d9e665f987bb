/**
 * Escalation (issue 5, framework §1 escalation paths, §2 dependencies): a decision can be
 * raised to a more demanding tier, handed along its domain's escalation path to another
 * domain (which then owns it and whose limits classify it), or both, always with a reason.
 * Each escalation is an item of the decision's keyed `escalations` collection, so it is
 * recorded for good and feeds the escalation frequency (§8).
 *
 * Where it may go: the steps of the escalation paths of the decision's domain's interface
 * agreements (in order), then its parent domain, then any other domain.
 */
import { Button, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ArrowUpRight } from 'lucide-react';
import { useMemo, useState, type FormEvent } from 'react';
import { tierRank, tiers, type Tier } from '@shared/decisions/classify';
import type { Entity, Escalation } from '@shared/model/entities';
import { describeError } from '@shared/errors';
import { ErrorAlert, FormActions } from '../../components/form-parts';
import { formatMoment } from '../../domains/charter/dates';
import { CharterSection, prose } from '../../domains/charter/section';
import { useLocalUser } from '../../domains/use-local-user';
import { useDocument, useSession } from '../../workspaces/session-store';
import { tierLabels } from '../classification';
import { useClassification } from '../impact-fields';

type Decision = Entity<'decisions'>;
type Domain = Entity<'domains'>;

/** A domain a decision can be escalated to, and why it is offered. */
export interface EscalationTarget {
  domainId: string;
  name: string;
  /** "Step 1 of the escalation path agreed with Payments", "Parent domain", or null. */
  via: string | null;
}

/**
 * Where a decision of domain `domainId` can be escalated: escalation-path steps first (in
 * the order of each agreement's path), then the parent, then the other live domains by
 * name. The decision's own domain is never offered.
 */
export function escalationTargets(domains: readonly Domain[], domainId: string | null): EscalationTarget[] {
  const live = new Map(domains.filter((domain) => domain.deletedAt === null).map((domain) => [domain.id, domain]));
  const own = domainId === null ? undefined : live.get(domainId);
  const targets = new Map<string, EscalationTarget>();
  const offer = (id: string, via: string | null) => {
    const domain = live.get(id);
    if (domain === undefined || id === domainId || targets.has(id)) return;
    targets.set(id, { domainId: id, name: domain.name, via });
  };
  if (own !== undefined) {
    const agreements = Object.values(own.agreements).sort((a, b) => a.id.localeCompare(b.id));
    for (const agreement of agreements) {
      const other = live.get(agreement.otherDomainId)?.name ?? 'another domain';
      agreement.escalationPath.forEach((stepId, index) =>
        offer(stepId, `Step ${index + 1} of the escalation path agreed with ${other}`),
      );
    }
    if (own.parentId !== null) offer(own.parentId, 'Parent domain');
  }
  for (const domain of [...live.values()].sort((a, b) => a.name.localeCompare(b.name))) offer(domain.id, null);
  return [...targets.values()];
}

/** One escalation in words: "Raised from Autonomous to Consultative and handed to Platform". */
export function describeEscalation(escalation: Escalation, domainName: (id: string) => string): string {
  const parts: string[] = [];
  if (escalation.toTier !== null) {
    parts.push(`Raised from ${tierLabels[escalation.fromTier]} to ${tierLabels[escalation.toTier]}`);
  }
  if (escalation.toDomainId !== null) {
    parts.push(`${parts.length === 0 ? 'Handed' : 'handed'} to ${domainName(escalation.toDomainId)}`);
  }
  return parts.join(' and ');
}

interface EscalateValues {
  toTier: string | null;
  toDomainId: string | null;
  reason: string;
}

function EscalateForm({ decision, onClose }: { decision: Decision; onClose: () => void }) {
  const repository = useSession((state) => state.session?.repository);
  const domainMap = useDocument((state) => state.entities.domains);
  const { userId, name } = useLocalUser();
  const { tier, classification } = useClassification(decision);
  const [failure, setFailure] = useState<string | null>(null);
  const targets = useMemo(
    () => escalationTargets([...domainMap.values()], decision.domainId),
    [domainMap, decision.domainId],
  );
  const form = useForm<EscalateValues>({
    mode: 'controlled',
    initialValues: { toTier: null, toDomainId: null, reason: '' },
  });
  const higherTiers = tiers.filter((candidate) => tierRank(candidate) > tierRank(tier));
  const groups = [
    {
      group: 'Escalation path',
      items: targets.filter((target) => target.via !== null && target.via !== 'Parent domain'),
    },
    { group: 'Parent domain', items: targets.filter((target) => target.via === 'Parent domain') },
    { group: 'Other domains', items: targets.filter((target) => target.via === null) },
  ]
    .filter((group) => group.items.length > 0)
    .map((group) => ({
      group: group.group,
      items: group.items.map((target) => ({
        value: target.domainId,
        label: target.via !== null && target.via !== 'Parent domain' ? `${target.name} (${target.via})` : target.name,
      })),
    }));

  const submit = (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    const { values } = form;
    const errors: Record<string, string> = {};
    if (values.toTier === null && values.toDomainId === null) {
      errors.toTier = 'Choose a more demanding tier, a domain to hand it to, or both.';
    }
    if (values.reason.trim() === '') errors.reason = 'Say why it is escalated.';
    else if (values.reason.length > 2_000) errors.reason = 'Use at most 2,000 characters.';
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    try {
      if (!repository || userId === null) throw new Error('No workspace is open.');
      const toTier = values.toTier as Tier | null;
      repository.transact(() => {
        repository.addToCollection('decisions', decision.id, 'escalations', {
          escalatedAt: Date.now(),
          escalatedBy: userId,
          escalatedByName: name,
          fromTier: tier,
          toTier,
          toDomainId: values.toDomainId,
          reason: values.reason.trim(),
        });
        repository.update('decisions', decision.id, {
          ...(toTier !== null
            ? {
                // The classification's own tier needs no choice (and no override reason).
                chosenTier: toTier === classification.tier ? null : toTier,
                overrideReason: '',
              }
            : {}),
          ...(values.toDomainId !== null ? { domainId: values.toDomainId } : {}),
        });
      });
      onClose();
    } catch (error) {
      setFailure(`The decision could not be escalated: ${describeError(error)}`);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Escalate decision">
      <Stack gap="md">
        <Text size="sm">
          It is now <strong>{tierLabels[tier]}</strong>. Escalating is recorded with its reason and counts in the
          escalation frequency.
        </Text>
        <Select
          label="Raise to tier"
          placeholder={higherTiers.length === 0 ? 'Already the most demanding tier' : `Keep ${tierLabels[tier]}`}
          clearable
          disabled={higherTiers.length === 0}
          data={higherTiers.map((candidate) => ({ value: candidate, label: tierLabels[candidate] }))}
          {...form.getInputProps('toTier')}
        />
        <Select
          label="Hand to domain"
          description="The domain then owns the decision and its limits classify it."
          placeholder="Keep its domain"
          clearable
          searchable
          nothingFoundMessage="No domain with that name"
          data={groups}
          {...form.getInputProps('toDomainId')}
        />
        <Textarea label="Reason" required autosize minRows={2} maxRows={6} {...form.getInputProps('reason')} />
        <ErrorAlert error={failure} />
        <FormActions onCancel={onClose} submitLabel="Escalate" />
      </Stack>
    </form>
  );
}

/** The "Escalate" button of a decision's page and its dialog. */
export function EscalateButton({ decision }: { decision: Decision }) {
  const readOnly = useDocument((state) => state.readOnly) !== null;
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        variant="default"
        leftSection={<ArrowUpRight size={16} aria-hidden />}
        onClick={() => setOpened(true)}
        disabled={readOnly}
      >
        Escalate
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title="Escalate decision"
        centered
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {opened ? <EscalateForm decision={decision} onClose={() => setOpened(false)} /> : null}
      </Modal>
    </>
  );
}

/** The escalations of a decision, oldest first; shown only when it has any. */
export function EscalationsSection({ decision }: { decision: Decision }) {
  const domainMap = useDocument((state) => state.entities.domains);
  const escalations = Object.values(decision.escalations).sort(
    (a, b) => a.escalatedAt - b.escalatedAt || a.id.localeCompare(b.id),
  );
  if (escalations.length === 0) return null;
  const domainName = (id: string) => domainMap.get(id)?.name ?? 'a domain that no longer exists';
  return (
    <CharterSection
      id="decision-escalations"
      title="Escalations"
      description="Each time the decision was raised to a more demanding tier or handed along an escalation path."
    >
      <Stack component="ol" gap="xs" m={0} pl="md">
        {escalations.map((escalation) => (
          <li key={escalation.id}>
            <Text size="sm" fw={600}>
              {describeEscalation(escalation, domainName)}
            </Text>
            <Text size="sm" style={prose}>
              {escalation.reason}
            </Text>
            <Text size="xs" c="dimmed">
              By {escalation.escalatedByName || 'someone not named'} · {formatMoment(escalation.escalatedAt)}
            </Text>
          </li>
        ))}
      </Stack>
    </CharterSection>
  );
}
