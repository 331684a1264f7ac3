// ESLint flat config for the whole workspace. typescript-eslint's `recommended` set without type
// information, so `eslint .` stays fast; `tsc -b` does the type checking.
// The import rules at the end check the architecture the house style describes: web and server
// never import each other, and shared stays pure so both can use it.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const fromServer = {
  group: ['@tiendo/server', '@tiendo/server/*'],
  message: 'web and shared must not depend on the server; move what both need to shared/.',
};
const fromServerByPath = {
  regex: '^(\\.\\.?/)+(.*/)?server(/|$)',
  message: 'web and shared must not reach into server/ by path; move what both need to shared/.',
};
const fromWeb = {
  group: ['@tiendo/web', '@tiendo/web/*'],
  message: 'server and shared must not depend on the web app; move what both need to shared/.',
};
const fromWebByPath = {
  regex: '^(\\.\\.?/)+(.*/)?web(/|$)',
  message: 'server and shared must not reach into web/ by path; move what both need to shared/.',
};

export default defineConfig(
  globalIgnores([
    '**/dist/',
    '**/node_modules/',
    'migrations/',
    'tests/artifacts/',
    'data/',
    'bench/tmp/',
    '**/*.tsbuildinfo',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    files: ['**/*.{js,mjs,cjs,ts,tsx}'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },

  // The browser app.
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },

  // Architecture.
  {
    files: ['web/**/*.{js,mjs,cjs,ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [fromServer, fromServerByPath] }],
    },
  },
  {
    files: ['server/**/*.{js,mjs,cjs,ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [fromWeb, fromWebByPath] }],
    },
  },
  {
    // Shared code runs in the browser too: no Node built-ins, no database, no HTTP framework.
    files: ['shared/**/*.{js,mjs,cjs,ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            fromServer,
            fromServerByPath,
            fromWeb,
            fromWebByPath,
            {
              group: ['node:*'],
              message: 'shared/ is bundled for the browser as well; keep Node built-ins in server/ (Web APIs such as globalThis.crypto work in both).',
            },
            {
              group: ['fs', 'fs/*', 'path', 'child_process', 'net', 'http', 'https', 'os', 'crypto', 'stream', 'worker_threads'],
              message: 'shared/ is bundled for the browser as well; keep Node built-ins in server/.',
            },
            {
              group: ['better-sqlite3', 'drizzle-orm', 'drizzle-orm/*', 'fastify', 'fastify/*', '@fastify/*', 'fastify-plugin'],
              message: 'shared/ is pure code: the database and the HTTP framework belong to server/.',
            },
          ],
        },
      ],
    },
  },
);
