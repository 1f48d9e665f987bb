import { describe, expect, it } from 'vitest';
import { budgetPeriods } from './budget';
import { allowedParentLevels, domainLevels } from './hierarchy';
import { validateLimits } from './policy';
import { domainTemplates, resourceKinds, type TemplateFields } from './templates';

const writtenFields: (keyof TemplateFields)[] = [
  'purpose',
  'responsibility',
  'objectives',
  'principles',
  'qualityStandards',
  'riskParameters',
  'ethics',
];

describe('domainTemplates', () => {
  it('offers product team, platform team, personal area and business unit at their levels', () => {
    const levels = Object.fromEntries(domainTemplates.map((template) => [template.id, template.level]));
    expect(levels).toMatchObject({
      'product-team': 'team',
      'platform-team': 'team',
      'personal-area': 'individual',
      'business-unit': 'domain',
    });
    expect(new Set(domainTemplates.map((template) => template.level))).toEqual(new Set(domainLevels));
  });

  it('has unique ids and names', () => {
    expect(new Set(domainTemplates.map((template) => template.id)).size).toBe(domainTemplates.length);
    expect(new Set(domainTemplates.map((template) => template.name)).size).toBe(domainTemplates.length);
  });

  for (const template of domainTemplates) {
    describe(template.name, () => {
      it('has limits that pass the policy form’s checks', () => {
        expect(validateLimits(template.policy)).toEqual({ ok: true, limits: template.policy });
      });

      it('fills in every guideline and clarity field', () => {
        expect(template.name.trim()).not.toBe('');
        expect(template.description.trim()).not.toBe('');
        expect(Object.keys(template.fields).sort()).toEqual([...writtenFields].sort());
        for (const field of writtenFields) {
          expect(template.fields[field].trim().length, field).toBeGreaterThan(20);
        }
      });

      it('has a valid budget, metrics and support resources', () => {
        if (template.budget !== null) {
          expect(template.budget.amount).toBeGreaterThan(0);
          expect(template.budget.unit.trim()).not.toBe('');
          expect(budgetPeriods).toContain(template.budget.period);
          // At least one decision someone may take alone must fit in the budget.
          expect(template.budget.amount).toBeGreaterThanOrEqual(template.policy.autonomousCostLimit);
        }
        expect(template.metrics.length).toBeGreaterThanOrEqual(3);
        for (const metric of template.metrics) {
          expect(metric.name.trim()).not.toBe('');
          expect(metric.unit.trim()).not.toBe('');
          expect(Number.isFinite(metric.target)).toBe(true);
          expect(['higher', 'lower']).toContain(metric.direction);
        }
        expect(template.resources.length).toBeGreaterThanOrEqual(3);
        for (const resource of template.resources) {
          expect(resourceKinds).toContain(resource.kind);
          expect(resource.title.trim()).not.toBe('');
          expect(resource.note.trim()).not.toBe('');
        }
      });
    });
  }

  it('gives broader levels at least the autonomy of the levels they can hold', () => {
    for (const inner of domainTemplates) {
      for (const outer of domainTemplates) {
        if (inner.level === outer.level || !allowedParentLevels[inner.level].includes(outer.level)) continue;
        expect(outer.policy.autonomousCostLimit).toBeGreaterThanOrEqual(inner.policy.autonomousCostLimit);
        expect(outer.policy.consultativeCostLimit).toBeGreaterThanOrEqual(inner.policy.consultativeCostLimit);
      }
    }
  });
});
