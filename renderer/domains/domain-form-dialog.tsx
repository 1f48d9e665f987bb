/**
 * Creates or edits a domain: its name, autonomy level, the domain it belongs to, and its
 * purpose. A new domain can start from a template (framework § 2 and § 3), which pre-fills
 * the basics here and, on creation, writes its charter, success metrics, support resources
 * and decision thresholds in one step (`createDomain`); the new domain's page opens next.
 *
 * Validation is the shared entity schema plus the hierarchy rules (`parentProblem`,
 * `levelProblem`), shown next to the field they are about while the person chooses. Parents
 * that would put a domain inside itself or one of its own sub-domains are not offered.
 */
import { describeError } from '@shared/errors';
import {
  allowedParentLevels,
  domainLevels,
  domainTree,
  flattenDomainTree,
  levelProblem,
  parentProblem,
  wouldCreateCycle,
  type DomainLevel,
} from '@shared/domains/hierarchy';
import { formatAmount, formatNumber } from '@shared/domains/format';
import { domainTemplates, type DomainTemplate } from '@shared/domains/templates';
import {
  List,
  Modal,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  type ComboboxItem,
  type ComboboxLikeRenderOptionInput,
} from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { entityFieldSchemas, type Entity } from '@shared/model/entities';
import { FormActions } from '../components/form-parts';
import { selectLive } from '../data/document-store';
import { useDocument, useSession } from '../workspaces/session-store';
import { createDomain, type DomainBasics } from './create-domain';
import { useLocalUser } from './use-local-user';

/** The level names as a person reads them. */
export const levelLabels: Readonly<Record<DomainLevel, string>> = {
  individual: 'Individual',
  team: 'Team',
  domain: 'Domain',
};

const levelNouns: Readonly<Record<DomainLevel, string>> = {
  individual: 'an individual area',
  team: 'a team',
  domain: 'a domain',
};

const levelOptions = domainLevels.map((level) => ({ value: level, label: levelLabels[level] }));

/** "A team sits inside a team or a domain; …", from the hierarchy engine's rules. */
const levelRules = domainLevels
  .map((level) => {
    const parents = allowedParentLevels[level].map((parent) => levelNouns[parent]).join(' or ');
    const sentence = `${levelNouns[level]} sits inside ${parents}`;
    return sentence.charAt(0).toUpperCase() + sentence.slice(1);
  })
  .join('. ');

const BLANK = 'blank';

/** The time of a change, read when the person submits. */
const currentTime = (): number => Date.now();

const basicsSchema = entityFieldSchemas.domains.pick({ name: true, level: true, parentId: true, purpose: true });

const periodWords = { week: 'a week', month: 'a month', quarter: 'a quarter', year: 'a year' } as const;

/** What creating from the template adds besides the basics, in plain words. */
function TemplateSummary({ template }: { template: DomainTemplate }) {
  const { policy, budget } = template;
  return (
    <Stack gap={4} aria-live="polite">
      <Text size="sm" fw={600}>
        Creating from “{template.name}” also adds, ready to edit on the domain’s page:
      </Text>
      <List size="sm" spacing={2}>
        <List.Item>the charter: responsibility, objectives, principles, quality standards, risks and ethics</List.Item>
        <List.Item>
          decision thresholds: decide alone up to {formatNumber(policy.autonomousCostLimit)}, seek advice up to{' '}
          {formatNumber(policy.consultativeCostLimit)}, decide together above
        </List.Item>
        {budget ? (
          <List.Item>
            a budget of {formatAmount(budget.amount, budget.unit)} {periodWords[budget.period]}
          </List.Item>
        ) : null}
        <List.Item>
          {template.metrics.length} success metrics and {template.resources.length} support resources
        </List.Item>
      </List>
    </Stack>
  );
}

function DomainForm({ domain, onClose }: { domain: Entity<'domains'> | null; onClose: () => void }) {
  const repository = useSession((state) => state.session?.repository);
  const author = useLocalUser();
  const domains = useDocument((state) => selectLive(state, 'domains'));
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);
  const [start, setStart] = useState<string>(BLANK);
  const form = useForm<DomainBasics>({
    mode: 'controlled',
    initialValues: domain
      ? { name: domain.name, level: domain.level, parentId: domain.parentId, purpose: domain.purpose }
      : { name: '', level: 'team', parentId: null, purpose: '' },
    validate: (values) => {
      const errors = schemaResolver(basicsSchema, { sync: true })(values);
      const parent = parentProblem(domains, domain?.id ?? null, values.level, values.parentId);
      const level = domain ? levelProblem(domains, domain.id, values.level) : null;
      return {
        ...errors,
        ...(parent ? { parentId: parent } : {}),
        ...(level ? { level } : {}),
      };
    },
  });

  const { values } = form;
  const id = domain?.id ?? null;
  const liveParentProblem = parentProblem(domains, id, values.level, values.parentId);
  const liveLevelProblem = domain ? levelProblem(domains, domain.id, values.level) : null;
  const template = domainTemplates.find((candidate) => candidate.id === start) ?? null;

  // The tree's reading order; never the domain itself or one of its sub-domains, except the
  // parent it has now (a merge can leave one on a cycle), so the field still shows it.
  const parents = flattenDomainTree(domainTree(domains))
    .filter(
      ({ domain: candidate }) =>
        id === null || candidate.id === values.parentId || !wouldCreateCycle(domains, id, candidate.id),
    )
    .map(({ domain: candidate, depth }) => ({
      value: candidate.id,
      label: `${candidate.name} (${levelLabels[candidate.level].toLowerCase()})`,
      depth,
    }));
  const depths = new Map(parents.map((option) => [option.value, option.depth]));

  const chooseStart = (value: string) => {
    const previous = domainTemplates.find((candidate) => candidate.id === start);
    const next = domainTemplates.find((candidate) => candidate.id === value);
    const current = form.getValues();
    // Replace only what the person has not written themselves.
    const nameIsOurs = current.name.trim() === '' || current.name === previous?.name;
    const purposeIsOurs = current.purpose.trim() === '' || current.purpose === previous?.fields.purpose;
    setStart(value);
    form.setValues({
      name: nameIsOurs ? (next?.name ?? '') : current.name,
      purpose: purposeIsOurs ? (next?.fields.purpose ?? '') : current.purpose,
      level: next?.level ?? current.level,
    });
  };

  const submit = form.onSubmit((basics) => {
    if (!repository) return;
    try {
      if (domain) {
        repository.update('domains', domain.id, basics);
        onClose();
        return;
      }
      if (author.userId === null) throw new Error('No workspace is open.');
      const created = createDomain(
        repository,
        domains,
        { basics, template },
        { userId: author.userId, name: author.name },
        currentTime(),
      );
      onClose();
      void navigate(`/domains/${created.id}`);
    } catch (error) {
      setFailure(describeError(error));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {domain === null ? (
          <Radio.Group
            label="Start from"
            description="A template fills in a draft charter, thresholds, metrics and support you can edit."
            value={start}
            onChange={chooseStart}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="xs">
              <Radio value={BLANK} label="Blank" description="Only the name, level and purpose below." />
              {domainTemplates.map((candidate) => (
                <Radio
                  key={candidate.id}
                  value={candidate.id}
                  label={candidate.name}
                  description={candidate.description}
                />
              ))}
            </SimpleGrid>
          </Radio.Group>
        ) : null}
        <TextInput label="Name" required data-autofocus maxLength={200} {...form.getInputProps('name')} />
        <Select
          label="Autonomy level"
          description="Individual: one person’s own work. Team: a team’s area. Domain: a broad area with several teams."
          required
          data={levelOptions}
          allowDeselect={false}
          {...form.getInputProps('level')}
          error={liveLevelProblem ?? form.errors.level}
        />
        <Select
          label="Part of"
          description={`The team or domain this one sits inside, if any. ${levelRules}.`}
          placeholder="Nothing (top level)"
          clearable
          data={parents.map(({ value, label }) => ({ value, label }))}
          renderOption={({ option }: ComboboxLikeRenderOptionInput<ComboboxItem>) => (
            <Text size="sm" pl={(depths.get(option.value) ?? 0) * 12}>
              {option.label}
            </Text>
          )}
          {...form.getInputProps('parentId')}
          error={liveParentProblem ?? form.errors.parentId}
        />
        <Textarea label="Purpose" autosize minRows={2} maxRows={8} {...form.getInputProps('purpose')} />
        {template ? <TemplateSummary template={template} /> : null}
        {failure ? (
          <Text c="red" role="alert">
            {failure}
          </Text>
        ) : null}
        <FormActions onCancel={onClose} submitLabel={domain ? 'Save changes' : 'Create domain'} />
      </Stack>
    </form>
  );
}

export interface DomainFormDialogProps {
  /** `'new'` to create, a domain to edit, null when closed. */
  target: 'new' | Entity<'domains'> | null;
  onClose: () => void;
}

/** The dialog around the domain form. */
export function DomainFormDialog({ target, onClose }: DomainFormDialogProps) {
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={target === 'new' ? 'New domain' : 'Edit domain'}
      size={target === 'new' ? 'xl' : 'lg'}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {target !== null ? (
        <DomainForm
          key={target === 'new' ? 'new' : target.id}
          domain={target === 'new' ? null : target}
          onClose={onClose}
        />
      ) : null}
    </Modal>
  );
}
