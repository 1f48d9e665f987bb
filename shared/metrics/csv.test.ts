import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMetrics, metricsTrend, type MetricsDecision, type MetricsSnapshot } from './compute';
import { csvField, formatMetricValue, metricsCsvColumns, metricsCsvFileName, metricsToCsv, toCsv } from './csv';
import { metricKeys } from './definitions';
import { metricsPeriod } from './period';

const berlin = 'Europe/Berlin';
const DAY = 86_400_000;
const march = metricsPeriod({ kind: 'month', at: Date.parse('2026-03-15T12:00:00Z') }, berlin);

function decision(index: number, days: number, changes: Partial<MetricsDecision> = {}): MetricsDecision {
  const decidedAt = Date.parse('2026-03-10T12:00:00Z') + index * 60_000;
  return {
    id: `d${index}`,
    domainId: 'sales',
    kind: 'decision',
    tier: 'autonomous',
    override: false,
    status: 'decided',
    proposedAt: decidedAt - days * DAY,
    decidedAt,
    cost: 100,
    escalationCount: 0,
    adviceFromOtherDomains: 0,
    jointWithOtherDomains: 0,
    reviewedAt: null,
    lessons: '',
    startOn: null,
    endOn: null,
    result: '',
    ...changes,
  };
}

const pulse = (stress: number) => ({
  periodStart: '2026-03-02',
  domainId: 'sales',
  satisfaction: 4,
  stress,
  collaboration: 4,
  trust: 4,
});

/** Five decisions of Sales (1–5 days), a budget, a success metric named like a formula, two pulse answers. */
const snapshot: MetricsSnapshot = {
  decisions: [1, 2, 3, 4, 5].map((days, index) => decision(index, days)),
  valueEntries: [],
  pulses: [pulse(2), pulse(3)],
  reviewLearnings: [],
  budgets: [{ domainId: 'sales', amount: 1000, period: 'month' }],
  successMetrics: [
    { id: 'm1', domainId: 'sales', name: '=HYPERLINK("x")', unit: 'ms, p95', target: 200, direction: 'lower' },
  ],
  metricValues: [{ id: 'v1', metricId: 'm1', value: -3.5, recordedOn: '2026-03-20' }],
  domains: [{ id: 'sales', parentId: null }],
};

/** Parses RFC 4180 text (quoted fields, doubled quotes, CRLF records) back into rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index += 1;
    } else field += char;
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

function records(text: string): Record<string, string>[] {
  const [header = [], ...rows] = parseCsv(text);
  return rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? ''])));
}

describe('metricsToCsv', () => {
  const trend = metricsTrend(snapshot, march, 3, { now: Date.parse('2026-04-02T00:00:00Z') });
  const result = trend.periods[trend.periods.length - 1];
  if (result === undefined) throw new Error('no result');
  const text = metricsToCsv(result, {
    scope: 'Sales, with "sub-domains"',
    trends: trend.trends,
    domainName: (id) => (id === 'sales' ? '@Sales' : id),
  });
  const rows = records(text);
  const row = (key: string) => rows.find((candidate) => candidate['Key'] === key) ?? {};

  it('writes a header and one CRLF-terminated record per figure, breakdown and success metric', () => {
    expect(text.startsWith(`${metricsCsvColumns.join(',')}\r\n`)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const keys = rows.map((candidate) => candidate['Key']);
    for (const key of metricKeys) expect(keys).toContain(key);
    // 18 figures, 3 tiers, 1 domain's utilisation, 1 success metric.
    expect(rows).toHaveLength(18 + 3 + 1 + 1);
    expect(keys.slice(0, 4)).toEqual([
      'decisionVelocity',
      'decisionVelocity.autonomous',
      'decisionVelocity.consultative',
      'decisionVelocity.collaborative',
    ]);
  });

  it('gives each figure its period, scope, group, raw and formatted value, unit, counts, light, trend and direction', () => {
    expect(row('decisionVelocity')).toEqual({
      Period: 'March 2026',
      'First day': '2026-03-01',
      'Last day': '2026-03-31',
      Scope: 'Sales, with "sub-domains"',
      Group: 'Autonomy',
      Key: 'decisionVelocity',
      Metric: 'Decision velocity',
      Domain: '',
      Value: '3',
      'Formatted value': '3 days',
      Unit: 'days',
      Count: '5',
      Minimum: '3',
      'Enough data': 'yes',
      Light: 'green',
      // The two months before had no decisions: no trend.
      Trend: '',
      Better: 'lower',
    });
    expect(row('autonomyShare')).toMatchObject({ Value: '1', 'Formatted value': '100%', Unit: 'share' });
    expect(row('deliverySpeed')).toMatchObject({
      Group: 'Value',
      Value: '',
      'Formatted value': 'Not enough data',
      Count: '0',
      'Enough data': 'no',
      Light: '',
    });
    expect(row('resourceUtilisation.domain')).toMatchObject({ Domain: "'@Sales", Value: '0.5', Count: '5' });
  });

  it('leaves hidden health figures without value or count', () => {
    for (const key of ['teamSatisfaction', 'stress', 'collaboration', 'trust']) {
      expect(row(key)).toMatchObject({
        Group: 'Health',
        Value: '',
        'Formatted value': 'Hidden',
        Count: '',
        Minimum: '3',
        'Enough data': 'no',
        Light: '',
      });
    }
  });

  it('neutralises text a spreadsheet would run as a formula, and quotes what needs quoting', () => {
    const metric = row('successMetric');
    expect(metric).toMatchObject({
      Group: 'Success metrics',
      Metric: `'=HYPERLINK("x")`,
      Domain: "'@Sales",
      // A computed number stays a number, even when negative.
      Value: '-3.5',
      'Formatted value': "'-3.5 ms, p95 on 2026-03-20 (target 200)",
      Unit: 'ms, p95',
      Light: 'green',
      Better: 'lower',
    });
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).toContain('"Sales, with ""sub-domains"""');
  });

  it('reports trends by direction when earlier periods had data', () => {
    const earlier = {
      ...snapshot,
      decisions: [
        ...snapshot.decisions,
        ...[9, 9, 9].map((days, index) =>
          decision(100 + index, days, {
            proposedAt: Date.parse('2026-02-10T12:00:00Z') - days * DAY,
            decidedAt: Date.parse('2026-02-10T12:00:00Z'),
          }),
        ),
      ],
    };
    const withTrend = metricsTrend(earlier, march, 2);
    const last = withTrend.periods[1];
    if (last === undefined) throw new Error('no result');
    const velocity = records(metricsToCsv(last, { scope: 'Whole workspace', trends: withTrend.trends })).find(
      (candidate) => candidate['Key'] === 'decisionVelocity',
    );
    expect(velocity).toMatchObject({ Trend: 'down', Better: 'lower' });
  });

  it('uses the formatter it is given, and leaves the trend empty without trends', () => {
    const plain = computeMetrics(snapshot, march);
    const rows2 = records(
      metricsToCsv(plain, { scope: 'Whole workspace', formatValue: (unit, value) => `${value} ${unit}` }),
    );
    expect(rows2.find((candidate) => candidate['Key'] === 'decisionVelocity')).toMatchObject({
      'Formatted value': '3 days',
      Trend: '',
    });
    expect(rows2.find((candidate) => candidate['Key'] === 'resourceUtilisation.domain')).toMatchObject({
      Domain: 'sales',
    });
  });

  it('says "No budget" for utilisation without a budget', () => {
    const noBudget = computeMetrics({ ...snapshot, budgets: [] }, march);
    const utilisation = records(metricsToCsv(noBudget, { scope: 'Whole workspace' })).find(
      (candidate) => candidate['Key'] === 'resourceUtilisation',
    );
    expect(utilisation).toMatchObject({ Value: '', 'Formatted value': 'No budget' });
  });
});

describe('csvField and toCsv', () => {
  it('quotes fields with commas, quotes, CR or LF, and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\ronly')).toBe('"cr\ronly"');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(-0.25)).toBe('-0.25');
  });

  it('prefixes text starting with = + - @ tab or CR with a quote', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) {
      expect(csvField(text).replace(/^"/, '')).toMatch(/^'/);
    }
    expect(csvField('a=1')).toBe('a=1');
  });

  it('round-trips any text through a RFC 4180 parser, formula prefix aside', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { maxLength: 5 }), (table) => {
        const parsed = table.length === 0 ? [] : parseCsv(toCsv(table));
        expect(parsed).toEqual(table.map((row) => row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell))));
      }),
    );
  });
});

describe('formatMetricValue', () => {
  it('words a value in its unit', () => {
    expect(formatMetricValue('days', 1)).toBe('1 day');
    expect(formatMetricValue('days', 4.25)).toBe('4.3 days');
    expect(formatMetricValue('share', 0.424)).toBe('42%');
    expect(formatMetricValue('ratio', 1.2)).toBe('120%');
    expect(formatMetricValue('per-30-days', 1.94)).toBe('1.9 per 30 days');
    expect(formatMetricValue('per-decision', 0.256)).toBe('0.26 per decision');
    expect(formatMetricValue('per-item', 2)).toBe('2 per item');
    expect(formatMetricValue('score', 3.84)).toBe('3.8 of 5');
  });
});

/** The UTF-8 length of `text` (shared/ has no TextEncoder type). */
const utf8Bytes = (text: string): number =>
  [...text].reduce((bytes, char) => {
    const code = char.codePointAt(0) ?? 0;
    return bytes + (code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4);
  }, 0);

describe('metricsCsvFileName', () => {
  const workspace = { domainName: null, includeSubdomains: false };
  const period = (kind: 'week' | 'month' | 'quarter' | 'custom', firstDay: string, lastDay: string) => ({
    kind,
    firstDay,
    lastDay,
  });

  it('names the period and the scope', () => {
    expect(metricsCsvFileName(period('month', '2026-11-01', '2026-11-30'), workspace)).toBe(
      'latitude-metrics-2026-11-workspace.csv',
    );
    expect(metricsCsvFileName(period('quarter', '2026-10-01', '2026-12-31'), workspace)).toBe(
      'latitude-metrics-2026-Q4-workspace.csv',
    );
    expect(metricsCsvFileName(period('week', '2026-11-23', '2026-11-29'), workspace)).toBe(
      'latitude-metrics-week-of-2026-11-23-workspace.csv',
    );
    expect(metricsCsvFileName(period('custom', '2026-11-01', '2026-11-15'), workspace)).toBe(
      'latitude-metrics-2026-11-01-to-2026-11-15-workspace.csv',
    );
    expect(
      metricsCsvFileName(period('month', '2026-01-01', '2026-01-31'), {
        domainName: 'Sales EU',
        includeSubdomains: true,
      }),
    ).toBe('latitude-metrics-2026-01-sales-eu-and-subdomains.csv');
  });

  it('keeps only letters, marks and digits of a domain name, safe on every file system', () => {
    const month = period('month', '2026-01-01', '2026-01-31');
    const name = (domainName: string) => metricsCsvFileName(month, { domainName, includeSubdomains: false });
    expect(name('R&D / Café ')).toBe('latitude-metrics-2026-01-r-d-café.csv');
    expect(name('CON')).toBe('latitude-metrics-2026-01-con.csv');
    expect(name('..\\..\\etc')).toBe('latitude-metrics-2026-01-etc.csv');
    expect(name('evil\u202Egnp.exe')).toBe('latitude-metrics-2026-01-evil-gnp-exe.csv');
    expect(name('***')).toBe('latitude-metrics-2026-01-domain.csv');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (domainName) => {
        const file = name(domainName);
        expect(file).toMatch(/^latitude-metrics-2026-01-[\p{L}\p{M}\p{N}-]+\.csv$/u);
        expect(file).not.toMatch(/--|-\.csv$/);
        expect(utf8Bytes(file)).toBeLessThanOrEqual(200);
      }),
    );
  });
});
