/**
 * Lint rules, zero warnings allowed (`npm run lint`). Besides the usual TypeScript and
 * React checks, they hold the architecture in place:
 * - shared/ is pure: it imports nothing of the app, no UI, storage, sync or Electron
 *   library and no Node module;
 * - renderer/ and electron/ never import each other (they talk through the IPC contract
 *   in shared/);
 * - no import cycles anywhere.
 */
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const layerMessage =
  'Layers: shared/ imports nothing of the app; renderer/ and electron/ talk only through shared/ipc.';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      // import-x must parse TypeScript dependencies itself to follow cycles through them.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['*/tsconfig.json', 'tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './shared', from: ['./renderer', './electron', './test', './build'], message: layerMessage },
            { target: './renderer', from: ['./electron'], message: layerMessage },
            { target: './electron', from: ['./renderer'], message: layerMessage },
          ],
        },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'react',
                'react-*',
                'react/*',
                '@mantine/*',
                'zustand',
                'zustand/*',
                'dexie',
                'y-*',
                'yjs',
                'electron',
                'node:*',
                'lucide-react',
              ],
              message:
                'shared/ is pure TypeScript: no UI, storage, sync, Electron or Node imports. Pass data in instead.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Only React Compiler is hurt by libraries whose hooks return unmemoisable functions
      // (e.g. @tanstack/react-virtual); this project does not run the compiler.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'node:*'],
              message: 'The renderer runs sandboxed: reach the machine through the Platform interface.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts', 'test/**/*.ts', '*.config.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'test/**/*.ts'],
    // Fakes implement async interfaces without awaiting anything.
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['**/*.{js,mjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
);
