/**
 * Records a decision in a few fields (title, domain, kind, impact, status) and opens its
 * page, where the rest of the record is written. While the impact is filled in, the tier
 * the decision needs is shown live with its reasons (framework.md §1 "Decision
 * thresholds"), and the form warns when the cost would take the domain's budget over for
 * the period (before anything is saved). The same dialog edits those fields of an existing
 * decision from the log.
 */
import { Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { describeError } from '@shared/errors';
import type { Entity } from '@shared/model/entities';
import { FormActions } from '../components/form-parts';
import { decisionStatusLabels } from '../components/entity-labels';
import { selectLive } from '../data/document-store';
import { numberField, requiredField, toNumberOrNull } from '../domains/charter/form-fields';
import { useDocument, useSession } from '../workspaces/session-store';
import {
  BudgetWarning,
  ClassificationPanel,
  costForClassification,
  ImpactFields,
  useBudgetWarning,
  useClassification,
  type ImpactValues,
} from './impact-fields';
import { adviceWeighingIssue, rollbackPlanIssue, stampsFor } from './lifecycle';

type Decision = Entity<'decisions'>;

interface DraftValues extends ImpactValues {
  title: string;
  domainId: string | null;
  kind: Decision['kind'];
  status: Decision['status'];
}

const draftSchema = z.object({
  title: requiredField('Give the decision a title.'),
  cost: numberField('the cost', { min: 0 }),
});

const statusOptions = Object.entries(decisionStatusLabels).map(([value, label]) => ({ value, label }));

/** The time a write is stamped with (read outside render). */
function currentTime(): number {
  return Date.now();
}

function DecisionForm({ decision, onClose }: { decision: Decision | null; onClose: () => void }) {
  const repository = useSession((state) => state.session?.repository);
  const domains = useDocument((state) => selectLive(state, 'domains'));
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<DraftValues>({
    mode: 'controlled',
    initialValues: decision
      ? {
          title: decision.title,
          domainId: decision.domainId,
          kind: decision.kind,
          status: decision.status,
          cost: decision.cost ?? '',
          crossDomain: decision.crossDomain,
          horizon: decision.horizon,
          reversibility: decision.reversibility,
          followsGuidelines: decision.followsGuidelines,
        }
      : {
          title: '',
          domainId: null,
          kind: 'decision',
          status: 'draft',
          cost: '',
          crossDomain: 'none',
          horizon: 'short',
          reversibility: 'reversible',
          followsGuidelines: true,
        },
    validate: schemaResolver(draftSchema, { sync: true }),
  });
  const { values } = form;
  const classification = useClassification({
    domainId: values.domainId,
    cost: costForClassification(values.cost),
    crossDomain: values.crossDomain,
    horizon: values.horizon,
    reversibility: values.reversibility,
    followsGuidelines: values.followsGuidelines,
    chosenTier: decision?.chosenTier ?? null,
    category: decision?.category ?? null,
  });
  const cost = toNumberOrNull(values.cost);
  const warning = useBudgetWarning({
    id: decision?.id ?? null,
    domainId: values.domainId,
    cost: cost !== null && cost >= 0 ? cost : null,
    status: values.status,
  });
  const unit = domains.find((domain) => domain.id === values.domainId)?.budgetUnit ?? '';

  const submit = form.onSubmit((draft) => {
    if (!repository) return;
    const planIssue =
      rollbackPlanIssue(classification.tier, draft.status, decision?.rollbackPlan ?? '') ??
      adviceWeighingIssue(classification.tier, draft.status, decision?.adviceWeighing ?? '');
    if (planIssue !== null) {
      form.setFieldError(
        'status',
        decision
          ? `${planIssue} Write it on the decision's page first.`
          : `${planIssue} Record it as a draft, then write it on its page.`,
      );
      return;
    }
    const now = currentTime();
    const fields = {
      title: draft.title,
      domainId: draft.domainId,
      kind: draft.kind,
      status: draft.status,
      cost: toNumberOrNull(draft.cost),
      crossDomain: draft.crossDomain,
      horizon: draft.horizon,
      reversibility: draft.reversibility,
      followsGuidelines: draft.followsGuidelines,
      ...stampsFor(
        draft.status,
        decision ?? { decidedAt: null, implementedAt: null, reviewOn: null },
        classification.tier,
        now,
      ),
    };
    try {
      if (decision) {
        repository.update('decisions', decision.id, fields);
        onClose();
      } else {
        const created = repository.create('decisions', { ...fields, proposedAt: now });
        onClose();
        void navigate(`/decisions/${created.id}`);
      }
    } catch (error) {
      setFailure(describeError(error));
    }
  });

  const setField = <F extends keyof ImpactValues>(field: F, value: ImpactValues[F]) => {
    form.setValues({ [field]: value });
  };
  const costError = form.errors.cost;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput label="Title" required data-autofocus maxLength={200} {...form.getInputProps('title')} />
        <Group grow align="flex-start">
          <Select
            label="Domain"
            placeholder="No domain"
            clearable
            data={domains.map((domain) => ({ value: domain.id, label: domain.name }))}
            {...form.getInputProps('domainId')}
          />
          <Select
            label="Status"
            required
            data={statusOptions}
            allowDeselect={false}
            {...form.getInputProps('status')}
          />
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="decision-kind-label">
            Kind
          </Text>
          <SegmentedControl
            aria-labelledby="decision-kind-label"
            data={[
              { value: 'decision', label: 'Decision' },
              { value: 'experiment', label: 'Experiment' },
            ]}
            value={values.kind}
            onChange={(value) => form.setFieldValue('kind', value === 'experiment' ? 'experiment' : 'decision')}
          />
        </Stack>
        <ImpactFields values={values} setField={setField} costError={costError} unit={unit} />
        <ClassificationPanel label="Tier preview" classification={classification} unit={unit} live />
        <BudgetWarning warning={warning} />
        {failure ? (
          <Text c="red" role="alert">
            {failure}
          </Text>
        ) : null}
        <FormActions
          onCancel={onClose}
          submitLabel={decision ? 'Save changes' : warning ? 'Record over budget' : 'Record decision'}
        />
      </Stack>
    </form>
  );
}

export interface DecisionFormDialogProps {
  /** `'new'` to record one, a decision to edit, null when closed. */
  target: 'new' | Decision | null;
  onClose: () => void;
}

/** The dialog around the decision form. */
export function DecisionFormDialog({ target, onClose }: DecisionFormDialogProps) {
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={target === 'new' ? 'New decision' : 'Edit decision'}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {target !== null ? (
        <DecisionForm
          key={target === 'new' ? 'new' : target.id}
          decision={target === 'new' ? null : target}
          onClose={onClose}
        />
      ) : null}
    </Modal>
  );
}
