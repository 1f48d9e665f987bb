import { describe, expect, it } from 'vitest';
import type { DecisionQuery } from '@shared/decisions/decision-log';
import { createDocumentStore, type DocumentStore } from '../../data/document-store';
import { createTestDoc, createTestRepository } from '../../data/test-support';
import type { WorkspaceRepository } from '../../data/repository';
import { changedDecisions, DecisionLogIndex, searchLog, type LogSources } from './log-index';

function setup(): { repo: WorkspaceRepository; store: DocumentStore; sources: () => LogSources } {
  const doc = createTestDoc(1);
  const { repo } = createTestRepository(doc);
  const store = createDocumentStore(doc);
  const sources = (): LogSources => {
    const { decisions, domains, policies } = store.getState().entities;
    return { decisions, domains, policies };
  };
  return { repo, store, sources };
}

const all: DecisionQuery = { text: '', sort: 'title' };
const titles = (index: DecisionLogIndex, sources: LogSources, query: DecisionQuery = all) =>
  searchLog(index.sync(sources), query).map((entry) => entry.decision.title);

describe('DecisionLogIndex', () => {
  it('indexes the live decisions and follows edits, trash and restore', () => {
    const { repo, sources } = setup();
    const a = repo.create('decisions', { title: 'Adopt Café payments', domainId: null, status: 'draft' });
    repo.create('decisions', { title: 'Hire a designer', domainId: null, status: 'decided' });
    const index = new DecisionLogIndex();
    expect(titles(index, sources())).toEqual(['Adopt Café payments', 'Hire a designer']);
    expect(titles(index, sources(), { text: 'cafe', sort: 'title' })).toEqual(['Adopt Café payments']);

    repo.update('decisions', a.id, { title: 'Adopt card payments' });
    expect(titles(index, sources(), { text: 'cafe', sort: 'title' })).toEqual([]);
    expect(titles(index, sources(), { text: 'card', sort: 'title' })).toEqual(['Adopt card payments']);

    repo.softDelete('decisions', a.id);
    expect(titles(index, sources())).toEqual(['Hire a designer']);
    repo.restore('decisions', a.id);
    expect(titles(index, sources())).toEqual(['Adopt card payments', 'Hire a designer']);
  });

  it('returns the same snapshot while nothing the log reads changed', () => {
    const { repo, sources } = setup();
    repo.create('decisions', { title: 'One', domainId: null, status: 'draft' });
    const index = new DecisionLogIndex();
    const first = index.sync(sources());
    expect(index.sync(sources())).toBe(first);
    // A new domain changes no decision's tier.
    repo.create('domains', { name: 'Sales', level: 'domain', parentId: null, purpose: '' });
    expect(index.sync(sources())).toBe(first);
    repo.create('decisions', { title: 'Two', domainId: null, status: 'draft' });
    expect(index.sync(sources())).not.toBe(first);
  });

  it('classifies with the domain policy, re-tiers when the policy changes and marks overrides', () => {
    const { repo, sources } = setup();
    const domain = repo.create('domains', { name: 'Sales', level: 'domain', parentId: null, purpose: '' });
    const big = repo.create('decisions', { title: 'Big', domainId: domain.id, status: 'draft', cost: 5_000 });
    repo.create('decisions', {
      title: 'Chosen lower',
      domainId: null,
      status: 'draft',
      horizon: 'long',
      chosenTier: 'autonomous',
      overrideReason: 'Small team',
    });
    const index = new DecisionLogIndex();
    const entries = () => index.sync(sources()).entries;
    expect(entries().get(big.id)).toMatchObject({ tier: 'consultative', override: false });
    expect(titles(index, sources(), { text: '', tiers: ['autonomous'], sort: 'title' })).toEqual(['Chosen lower']);
    expect([...entries().values()].find((entry) => entry.decision.title === 'Chosen lower')?.override).toBe(true);

    repo.create('policies', { domainId: domain.id, autonomousCostLimit: 10_000, consultativeCostLimit: 50_000 });
    expect(entries().get(big.id)).toMatchObject({ tier: 'autonomous' });
    expect(titles(index, sources(), { text: '', tiers: ['autonomous'], sort: 'title' })).toEqual([
      'Big',
      'Chosen lower',
    ]);
  });

  it('gives the same results as a fresh index after many edits', () => {
    const { repo, sources } = setup();
    const index = new DecisionLogIndex();
    const ids: string[] = [];
    const words = ['alpha', 'beta', 'gamma', 'delta'];
    for (let step = 0; step < 60; step += 1) {
      const word = words[step % words.length] ?? 'alpha';
      if (step % 5 === 4 && ids.length > 0) repo.softDelete('decisions', ids[step % ids.length] ?? '');
      else if (step % 3 === 2 && ids.length > 0) {
        repo.update('decisions', ids[(step * 7) % ids.length] ?? '', { title: `${word} edited ${step}`, cost: step });
      } else {
        ids.push(repo.create('decisions', { title: `${word} ${step}`, domainId: null, status: 'draft' }).id);
      }
      index.sync(sources());
    }
    for (const query of [
      all,
      { text: 'alpha', sort: 'newest' },
      { text: 'edit', sort: 'cost' },
      { text: '', sort: 'oldest' },
    ] satisfies DecisionQuery[]) {
      expect(titles(index, sources(), query)).toEqual(titles(new DecisionLogIndex(), sources(), query));
    }
  });
});

describe('changedDecisions', () => {
  it('compares two maps by reference', () => {
    const { repo, store } = setup();
    const a = repo.create('decisions', { title: 'A', domainId: null, status: 'draft' });
    const b = repo.create('decisions', { title: 'B', domainId: null, status: 'draft' });
    const before = store.getState().entities.decisions;
    repo.update('decisions', a.id, { title: 'A2' });
    const after = store.getState().entities.decisions;
    expect(after.get(b.id)).toBe(before.get(b.id));
    const { changed, removed } = changedDecisions(before, after);
    expect(changed.map((decision) => decision.title)).toEqual(['A2']);
    expect(removed).toEqual([]);
    expect(changedDecisions(after, new Map([[b.id, after.get(b.id)!]])).removed).toEqual([a.id]);
  });
});
