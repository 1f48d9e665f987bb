/**
 * The layer rules and the cycle check are part of the architecture, so they are tested
 * like code: ESLint, with the project's own configuration, must refuse each violation.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

// Probe files do not belong to any tsconfig, so type-aware rules are switched off for them;
// the rules under test do not need types.
const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('layer boundaries', { timeout: 30_000 }, () => {
  it('keeps shared/ free of app code', async () => {
    const ids = await ruleIds(
      "import { routes } from '../renderer/app/routes';\nexport const x = routes;\n",
      'shared/probe.ts',
    );
    expect(ids).toContain('import-x/no-restricted-paths');
  });

  it('keeps shared/ free of UI, storage, sync, Electron and Node libraries', async () => {
    for (const library of ['react', 'zustand', 'dexie', 'yjs', 'electron', 'node:fs', '@mantine/core']) {
      const ids = await ruleIds(`import * as lib from '${library}';\nexport const x = lib;\n`, 'shared/probe.ts');
      expect({ library, ids }).toEqual({ library, ids: ['no-restricted-imports'] });
    }
  });

  it('keeps the renderer away from electron/ and Electron', async () => {
    const fromMain = await ruleIds(
      "import { APP_ORIGIN } from '../electron/main/security-policy';\nexport const x = APP_ORIGIN;\n",
      'renderer/probe.ts',
    );
    expect(fromMain).toContain('import-x/no-restricted-paths');
    const electron = await ruleIds(
      "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n",
      'renderer/probe.ts',
    );
    expect(electron).toEqual(['no-restricted-imports']);
  });

  it('keeps electron/ away from the renderer', async () => {
    const ids = await ruleIds(
      "import { routes } from '../../renderer/app/routes';\nexport const x = routes;\n",
      'electron/main/probe.ts',
    );
    expect(ids).toContain('import-x/no-restricted-paths');
  });

  it('lets every layer import shared/', async () => {
    const code = "import { ipcContract } from '@shared/ipc/contract';\nexport const x = ipcContract;\n";
    expect(await ruleIds(code, 'renderer/probe.ts')).toEqual([]);
    expect(await ruleIds(code, 'electron/main/probe.ts')).toEqual([]);
  });
});

describe('import cycles', { timeout: 30_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(root, 'renderer', 'cycle-probe-'));
    await writeFile(join(dir, 'a.ts'), "import { b } from './b';\nexport const a = (): unknown => b;\n");
    await writeFile(join(dir, 'b.ts'), "import { a } from './a';\nexport const b = (): unknown => a;\n");
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fails on a cycle between two modules', async () => {
    const results = await eslint.lintFiles([join(dir, 'a.ts')]);
    expect(results[0]?.messages.map((message) => message.ruleId)).toEqual(['import-x/no-cycle']);
  });
});
