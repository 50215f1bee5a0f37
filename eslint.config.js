import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import pluginQuery from '@tanstack/eslint-plugin-query';
import { defineConfig, globalIgnores } from 'eslint/config';

/** The import table of DESIGN.md, enforced: each folder lists what it may not reach. */
const forbid = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  ...pluginQuery.configs['flat/recommended'],
  globalIgnores(['.next/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts']),
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import/no-anonymous-default-export': 'off',
    },
  },
  {
    files: ['lib/**'],
    rules: forbid(
      ['@/server/*', '@/app/*', '@/components/*', '../server/*', '../app/*', '../components/*', 'node:*', 'react', 'next/*', '@kubernetes/*'],
      'lib/ is pure and isomorphic: no IO, no React, no Node APIs, nothing outside lib/.',
    ),
  },
  {
    files: ['lib/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['server/**'],
    rules: forbid(['@/app/*', '@/components/*', '../app/*', '../components/*', 'react', 'next/*'], 'server/ may import lib/ only.'),
  },
  {
    files: ['components/**'],
    rules: forbid(['@/server/*', '../server/*', '@kubernetes/*', 'node:*'], 'components/ run in the browser: lib/ and components/ only.'),
  },
]);
