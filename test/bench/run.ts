/**
 * `npm run bench`: runs every benchmark suite and prints one JSON document with the
 * figures, the targets the issues set, whether each is met, and the machine it ran on.
 * Run it on an otherwise idle machine; it needs the web build (npm run bench builds it).
 * Suite names as arguments run only those (`npm run bench -- sync`).
 */
import { cpus, totalmem } from 'node:os';
import type { SuiteResult } from './bench';
import { dashboardSuite } from './suites/dashboard';
import { dataSuite } from './suites/data';
import { decisionsSuite } from './suites/decisions';
import { metricsSuite } from './suites/metrics';
import { shellSuite } from './suites/shell';
import { syncSuite } from './suites/sync';

const suites = [shellSuite, dataSuite, decisionsSuite, metricsSuite, dashboardSuite, syncSuite];

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !suites.some((suite) => suite.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `No such suite: ${unknown.join(', ')} (there are ${suites.map((suite) => suite.name).join(', ')}).`,
    );
  }
  const selected = names.length === 0 ? suites : suites.filter((suite) => names.includes(suite.name));
  const results: (SuiteResult & { error?: string })[] = [];
  for (const suite of selected) {
    process.stderr.write(`bench: ${suite.name}…\n`);
    try {
      results.push(await suite.run());
    } catch (error) {
      results.push({ suite: suite.name, figures: [], error: error instanceof Error ? error.message : String(error) });
    }
  }
  const report = {
    date: new Date().toISOString(),
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 1024 ** 3),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    results: results.map((result) => ({
      ...result,
      figures: result.figures.map((figure) => ({
        ...figure,
        met: figure.target === null ? null : figure.value <= figure.target.max,
      })),
    })),
  };
  console.log(JSON.stringify(report, null, 2));
  if (results.some((result) => result.error !== undefined)) process.exitCode = 1;
}

await main();
