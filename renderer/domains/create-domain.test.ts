import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { domainTemplates, type DomainTemplate } from '@shared/domains/templates';
import type { Entity } from '@shared/model/entities';
import { ABORTED_INTENT } from '../data/repository';
import { createTestClock, createTestDoc, createTestRepository } from '../data/test-support';
import { createUndoManager } from '../data/undo';
import { LOCAL_ORIGIN, documentToPlain, getKindMap, readEntity } from '../data/workspace-document';
import { createDomain, templatePolicyReason, type DomainBasics } from './create-domain';

const author = { userId: 'user-1', name: 'Ana' };

function setup() {
  const doc = createTestDoc(1);
  const clock = createTestClock(1_000);
  const { repo } = createTestRepository(doc, { clock, userId: 'user-1' });
  return { doc, repo, clock };
}

function recordTransactions(doc: Y.Doc): Y.Transaction[] {
  const transactions: Y.Transaction[] = [];
  doc.on('afterTransaction', (transaction) => transactions.push(transaction));
  return transactions;
}

function live<K extends 'domains' | 'policies'>(doc: Y.Doc, kind: K): Entity<K>[] {
  const found: Entity<K>[] = [];
  getKindMap(doc, kind).forEach((value, id) => {
    const read = readEntity(kind, value, id);
    if (read.ok && read.entity.deletedAt === null) found.push(read.entity);
  });
  return found;
}

function templateById(id: string): DomainTemplate {
  const template = domainTemplates.find((candidate) => candidate.id === id);
  if (!template) throw new Error(`No template ${id}`);
  return template;
}

const productTeam = templateById('product-team');
const basics: DomainBasics = { name: 'Checkout', level: 'team', parentId: null, purpose: 'Make paying painless.' };

describe('createDomain', () => {
  it('creates a blank domain from its basics alone, with no policy', () => {
    const { doc, repo } = setup();
    const domain = createDomain(repo, [], { basics, template: null }, author, 5_000);
    expect(domain).toMatchObject({ ...basics, responsibility: '', budgetAmount: null });
    expect(domain.metrics).toEqual({});
    expect(live(doc, 'policies')).toEqual([]);
  });

  it('writes the charter, metrics, resources and policy of a template in ONE transaction', () => {
    const { doc, repo } = setup();
    const transactions = recordTransactions(doc);
    const domain = createDomain(repo, [], { basics, template: productTeam }, author, 5_000);

    expect(transactions).toHaveLength(1);
    expect(transactions[0]?.origin).toBe(LOCAL_ORIGIN);
    expect(transactions[0]?.meta.get(ABORTED_INTENT)).toBeUndefined();

    const stored = repo.get('domains', domain.id);
    expect(stored).toMatchObject({
      name: 'Checkout',
      level: 'team',
      purpose: 'Make paying painless.',
      responsibility: productTeam.fields.responsibility,
      objectives: productTeam.fields.objectives,
      principles: productTeam.fields.principles,
      qualityStandards: productTeam.fields.qualityStandards,
      riskParameters: productTeam.fields.riskParameters,
      ethics: productTeam.fields.ethics,
      budgetAmount: 15_000,
      budgetUnit: 'EUR',
      budgetPeriod: 'quarter',
    });
    expect(stored).toEqual(domain);
    expect(
      Object.values(stored?.metrics ?? {})
        .map(({ name, unit, target, direction }) => ({ name, unit, target, direction }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    ).toEqual([...productTeam.metrics].sort((a, b) => a.name.localeCompare(b.name)));
    expect(
      Object.values(stored?.resources ?? {})
        .map(({ kind, title, note, link }) => ({ kind, title, note, link }))
        .sort((a, b) => a.title.localeCompare(b.title)),
    ).toEqual(
      productTeam.resources.map((item) => ({ ...item, link: '' })).sort((a, b) => a.title.localeCompare(b.title)),
    );

    const policies = live(doc, 'policies');
    expect(policies).toHaveLength(1);
    expect(policies[0]).toMatchObject({
      domainId: domain.id,
      autonomousCostLimit: 2_000,
      consultativeCostLimit: 20_000,
    });
    expect(Object.values(policies[0]?.changes ?? {})).toEqual([
      expect.objectContaining({
        changedAt: 5_000,
        changedBy: 'user-1',
        changedByName: 'Ana',
        fromAutonomous: null,
        fromConsultative: null,
        toAutonomous: 2_000,
        toConsultative: 20_000,
        reason: 'Started from the Product team template',
      }),
    ]);
    expect(templatePolicyReason(productTeam)).toBe('Started from the Product team template');
  });

  it('is undone as one step: domain and policy go together', () => {
    const { doc, repo } = setup();
    const undo = createUndoManager(doc, { captureTimeout: 0, now: () => 9_000 });
    const domain = createDomain(repo, [], { basics, template: productTeam }, author, 5_000);
    expect(undo.undo()).toBe(true);
    expect(live(doc, 'domains')).toEqual([]);
    expect(live(doc, 'policies')).toEqual([]);
    expect(undo.canUndo()).toBe(false);
    expect(undo.redo()).toBe(true);
    expect(repo.get('domains', domain.id)?.deletedAt).toBeNull();
    expect(live(doc, 'policies')).toHaveLength(1);
  });

  it('rolls everything back when the last part (the policy) is refused, writing nothing', () => {
    const { doc, repo } = setup();
    const existing = repo.create('domains', { name: 'Existing', level: 'domain', parentId: null, purpose: '' });
    const before = documentToPlain(doc);
    const transactions = recordTransactions(doc);
    const broken: DomainTemplate = {
      ...productTeam,
      policy: { autonomousCostLimit: 50_000, consultativeCostLimit: 10 },
    };
    expect(() =>
      createDomain(repo, [existing], { basics: { ...basics, parentId: existing.id }, template: broken }, author, 5_000),
    ).toThrow('policies.autonomousCostLimit: must not be above the consultative limit');
    expect(documentToPlain(doc)).toEqual(before);
    expect(transactions).toHaveLength(1);
    expect(transactions[0]?.meta.get(ABORTED_INTENT)).toBe(true);
  });

  it('rolls back when a template resource is refused halfway', () => {
    const { doc, repo } = setup();
    const before = documentToPlain(doc);
    const broken: DomainTemplate = {
      ...productTeam,
      resources: [...productTeam.resources, { kind: 'tool', title: '', note: '' }],
    };
    expect(() => createDomain(repo, [], { basics, template: broken }, author, 5_000)).toThrow(
      /domains\.resources\..*title: must not be empty/,
    );
    expect(documentToPlain(doc)).toEqual(before);
  });

  it('refuses a parent that parentProblem refuses, before writing anything', () => {
    const { doc, repo } = setup();
    const team = repo.create('domains', { name: 'Team', level: 'team', parentId: null, purpose: '' });
    const before = documentToPlain(doc);
    const transactions = recordTransactions(doc);
    expect(() =>
      createDomain(
        repo,
        [team],
        { basics: { ...basics, level: 'domain', parentId: team.id }, template: templateById('business-unit') },
        author,
        5_000,
      ),
    ).toThrow('A domain cannot sit inside a team; its parent can be a domain.');
    expect(documentToPlain(doc)).toEqual(before);
    expect(transactions).toHaveLength(0);
  });
});
