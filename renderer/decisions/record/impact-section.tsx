/**
 * The decision's impact and classification (framework §1 "Decision thresholds"): the five
 * criteria, the tier they lead to with each criterion's reason and the domain's limits
 * (updated live while the impact is edited, before saving), and the tier chosen. A more
 * demanding tier may always be chosen; a less demanding one needs a written reason and is
 * then an override. Saved with one update: one undo step.
 */
import { Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { FormEvent } from 'react';
import { tiers, type Tier } from '@shared/decisions/classify';
import { formatAmount } from '@shared/domains/format';
import type { Entity } from '@shared/model/entities';
import { numberField, proseField, toNumberOrNull, toFieldValue } from '../../domains/charter/form-fields';
import {
  CharterSection,
  EditButton,
  InlineForm,
  ReadField,
  ReadFields,
  useInlineEditor,
} from '../../domains/charter/section';
import { useDocument } from '../../workspaces/session-store';
import { isOverride, tierLabels } from '../classification';
import {
  BudgetWarning,
  ClassificationPanel,
  costForClassification,
  crossDomainLabels,
  horizonLabels,
  ImpactFields,
  OverrideBadge,
  reversibilityLabels,
  TierBadge,
  useBudgetWarning,
  useClassification,
  type ImpactValues,
} from '../impact-fields';
import { useDecisionWriter } from './section-parts';

type Decision = Entity<'decisions'>;

interface ImpactFormValues extends ImpactValues {
  /** 'classified' follows the classification. */
  tier: 'classified' | Tier;
  overrideReason: string;
}

const costSchema = numberField('the cost', { min: 0 });

function firstIssue(result: { success: boolean; error?: { issues: { message: string }[] } }): string | null {
  return result.success ? null : (result.error?.issues[0]?.message ?? null);
}

/** The message when an override has no reason. */
export function overrideReasonMessage(classified: Tier): string {
  return `Write why a less demanding tier than the classification (${tierLabels[classified]}) is chosen.`;
}

function ImpactForm({ decision, unit, onClose }: { decision: Decision; unit: string; onClose: () => void }) {
  const { failure, write } = useDecisionWriter(decision.id);
  const form = useForm<ImpactFormValues>({
    mode: 'controlled',
    initialValues: {
      cost: toFieldValue(decision.cost),
      crossDomain: decision.crossDomain,
      horizon: decision.horizon,
      reversibility: decision.reversibility,
      followsGuidelines: decision.followsGuidelines,
      tier: decision.chosenTier ?? 'classified',
      overrideReason: decision.overrideReason,
    },
  });
  const { values } = form;
  const chosenTier = values.tier === 'classified' ? null : values.tier;
  const live = useClassification({
    domainId: decision.domainId,
    cost: costForClassification(values.cost),
    crossDomain: values.crossDomain,
    horizon: values.horizon,
    reversibility: values.reversibility,
    followsGuidelines: values.followsGuidelines,
    chosenTier,
    category: decision.category,
  });
  const classified = live.classification.tier;
  const override = isOverride(chosenTier, classified);
  const cost = toNumberOrNull(values.cost);
  const warning = useBudgetWarning({
    id: decision.id,
    domainId: decision.domainId,
    cost: cost !== null && cost >= 0 ? cost : null,
    status: decision.status,
  });

  const validate = (): boolean => {
    const errors: Record<string, string> = {};
    const costIssue = firstIssue(costSchema.safeParse(values.cost));
    if (costIssue !== null) errors.cost = costIssue;
    if (override && values.overrideReason.trim() === '') errors.overrideReason = overrideReasonMessage(classified);
    const reasonIssue = firstIssue(proseField.safeParse(values.overrideReason));
    if (reasonIssue !== null) errors.overrideReason = reasonIssue;
    form.setErrors(errors);
    return Object.keys(errors).length === 0;
  };

  const submit = (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    if (!validate()) return;
    const saved = write({
      cost: toNumberOrNull(values.cost),
      crossDomain: values.crossDomain,
      horizon: values.horizon,
      reversibility: values.reversibility,
      followsGuidelines: values.followsGuidelines,
      chosenTier,
      overrideReason: override ? values.overrideReason.trim() : '',
    });
    if (saved) onClose();
  };

  const setField = <F extends keyof ImpactValues>(field: F, value: ImpactValues[F]) => {
    form.setValues({ [field]: value });
  };

  return (
    <InlineForm label="Edit impact" onSubmit={submit} onCancel={onClose} failure={failure}>
      <ImpactFields values={values} setField={setField} costError={form.errors.cost} unit={unit} />
      <BudgetWarning warning={warning} />
      <ClassificationPanel label="Live classification" classification={live} unit={unit} live />
      <Select
        label="Tier"
        description="A more demanding tier can always be chosen; a less demanding one needs a reason."
        allowDeselect={false}
        data={[
          { value: 'classified', label: `As classified (${tierLabels[classified]})` },
          ...tiers.map((tier) => ({ value: tier, label: tierLabels[tier] })),
        ]}
        value={values.tier}
        onChange={(value) => {
          if (value === 'classified' || (tiers as readonly string[]).includes(value ?? '')) {
            form.setFieldValue('tier', value as ImpactFormValues['tier']);
          }
        }}
      />
      {override ? (
        <Stack gap={4}>
          <Group gap="xs">
            <OverrideBadge />
            <Text size="sm">
              {tierLabels[chosenTier ?? classified]} is less demanding than the classification ({tierLabels[classified]}
              ).
            </Text>
          </Group>
          <Textarea
            label="Reason for the override"
            required
            autosize
            minRows={2}
            maxRows={6}
            {...form.getInputProps('overrideReason')}
          />
        </Stack>
      ) : null}
    </InlineForm>
  );
}

/** The impact and classification section of a decision's page. */
export function ImpactSection({ decision, readOnly }: { decision: Decision; readOnly: boolean }) {
  const editor = useInlineEditor<true>();
  const domainMap = useDocument((state) => state.entities.domains);
  const unit = decision.domainId === null ? '' : (domainMap.get(decision.domainId)?.budgetUnit ?? '');
  const saved = useClassification(decision);
  const editId = 'decision-impact-edit';
  return (
    <CharterSection
      id="decision-impact"
      title="Impact and classification"
      description="What the decision affects, and so whether it is made alone, after seeking advice, or together."
      actions={
        editor.target === null ? (
          <EditButton id={editId} label="Edit impact" onClick={() => editor.open(true, editId)} disabled={readOnly} />
        ) : null
      }
    >
      {editor.target !== null ? (
        <ImpactForm decision={decision} unit={unit} onClose={editor.close} />
      ) : (
        <Stack gap="md">
          <ReadFields>
            <ReadField
              label="Cost"
              value={decision.cost === null ? '' : formatAmount(decision.cost, unit)}
              hint="Not costed (counts as 0)."
            />
            <ReadField label="Effect on other domains" value={crossDomainLabels[decision.crossDomain]} hint="" />
            <ReadField label="Horizon" value={horizonLabels[decision.horizon]} hint="" />
            <ReadField label="Reversibility" value={reversibilityLabels[decision.reversibility]} hint="" />
            <ReadField
              label="Guidelines"
              value={
                decision.followsGuidelines ? 'Follows the domain’s guidelines' : 'Goes beyond the domain’s guidelines'
              }
              hint=""
            />
          </ReadFields>
          <ClassificationPanel label="Classification" classification={saved} unit={unit} />
          <Group gap="xs">
            <Text fw={600}>Made as</Text>
            <TierBadge tier={saved.tier} />
            {decision.chosenTier !== null ? (
              <Text size="sm" c="dimmed">
                (chosen)
              </Text>
            ) : null}
            {saved.override ? <OverrideBadge /> : null}
          </Group>
          {saved.override ? (
            <ReadFields>
              <ReadField label="Reason for the override" value={decision.overrideReason} hint="No reason recorded." />
            </ReadFields>
          ) : null}
        </Stack>
      )}
    </CharterSection>
  );
}
