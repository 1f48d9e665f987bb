/**
 * Records or edits a decision: title, domain, status, cost and context. While the cost is
 * typed, the form warns when the decision would take its domain's budget over for the
 * period (before anything is saved). The classification by impact comes with the
 * decisions issue; this form is the part the budget envelope needs.
 */
import { describeError } from '@shared/errors';
import { Alert, Modal, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { TriangleAlert } from 'lucide-react';
import { useState } from 'react';
import { entityFieldSchemas, type Entity, type EntityFields } from '@shared/model/entities';
import { FormActions } from '../components/form-parts';
import { decisionStatusLabels } from '../components/entity-labels';
import { selectLive } from '../data/document-store';
import { useDocument, useSession } from '../workspaces/session-store';
import { pendingStatuses } from '@shared/domains/budget';
import { budgetWarningFor, commitsBudget } from './budget-warning';

const draftSchema = entityFieldSchemas.decisions.pick({
  title: true,
  domainId: true,
  status: true,
  cost: true,
  context: true,
});
type DecisionDraftFields = Pick<EntityFields<'decisions'>, 'title' | 'domainId' | 'status' | 'cost' | 'context'>;

const statusOptions = Object.entries(decisionStatusLabels).map(([value, label]) => ({ value, label }));
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * When a decision in `status` was decided: null while it is still being prepared, now when
 * it is first decided, and kept from then on (also when it is later withdrawn or rolled back).
 */
function decidedAtFor(status: DecisionDraftFields['status'], previous: number | null): number | null {
  if ((pendingStatuses as readonly string[]).includes(status)) return null;
  return previous ?? (commitsBudget(status) ? Date.now() : null);
}

function DecisionForm({ decision, onClose }: { decision: Entity<'decisions'> | null; onClose: () => void }) {
  const repository = useSession((state) => state.session?.repository);
  const domains = useDocument((state) => selectLive(state, 'domains'));
  const decisions = useDocument((state) => selectLive(state, 'decisions'));
  const [failure, setFailure] = useState<string | null>(null);
  const [openedAt] = useState(() => Date.now());
  const form = useForm<DecisionDraftFields>({
    mode: 'controlled',
    initialValues: decision
      ? {
          title: decision.title,
          domainId: decision.domainId,
          status: decision.status,
          cost: decision.cost,
          context: decision.context,
        }
      : { title: '', domainId: null, status: 'draft', cost: null, context: '' },
    validate: schemaResolver(draftSchema, { sync: true }),
  });
  const { values } = form;
  const warning = budgetWarningFor(
    { id: decision?.id ?? null, domainId: values.domainId, cost: values.cost, status: values.status },
    domains,
    decisions,
    openedAt,
    timeZone,
  );

  const submit = form.onSubmit((fields) => {
    if (!repository) return;
    const decidedAt = decidedAtFor(fields.status, decision?.decidedAt ?? null);
    try {
      if (decision) repository.update('decisions', decision.id, { ...fields, decidedAt });
      else repository.create('decisions', { ...fields, decidedAt });
      onClose();
    } catch (error) {
      setFailure(describeError(error));
    }
  });

  const costProps = form.getInputProps('cost');
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput label="Title" required data-autofocus maxLength={200} {...form.getInputProps('title')} />
        <Select
          label="Domain"
          placeholder="No domain"
          clearable
          data={domains.map((domain) => ({ value: domain.id, label: domain.name }))}
          {...form.getInputProps('domainId')}
        />
        <Select label="Status" required data={statusOptions} allowDeselect={false} {...form.getInputProps('status')} />
        <NumberInput
          label="Cost"
          description="Resources it commits, in the domain budget's unit."
          min={0}
          thousandSeparator=","
          {...costProps}
          value={values.cost ?? ''}
          onChange={(value) => form.setFieldValue('cost', typeof value === 'number' ? value : null)}
        />
        <div aria-live="polite">
          {warning ? (
            <Alert color="yellow" icon={<TriangleAlert size={18} aria-hidden />} title="Over budget">
              {warning}
            </Alert>
          ) : null}
        </div>
        <Textarea label="Context" autosize minRows={2} maxRows={8} {...form.getInputProps('context')} />
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
  target: 'new' | Entity<'decisions'> | null;
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
