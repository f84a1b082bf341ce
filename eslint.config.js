import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const WEB_READS = 'pages read through a domain service (a named finder), never the database directly';

export default tseslint.config(
  { ignores: ['.cache/', 'dist/', 'node_modules/', 'data/', 'coverage/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Layer rule: domain rules and entities never reach into HTTP.
      'no-restricted-imports': 'off',
    },
  },
  {
    files: [
      'src/**/*.entity.ts',
      'src/**/*-state-machine.ts',
      'src/calendar/period.ts',
      'src/calendar/holiday-schedule.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['*.controller.js', '*.dto.js', '**/http/*'],
              message: 'entities and pure rules must not import HTTP layers',
            },
          ],
          paths: [{ name: '@nestjs/common', message: 'entities and pure rules must not import Nest HTTP types' }],
        },
      ],
    },
  },
  {
    // The pages read and write through the domain modules' services: no database access in src/web.
    files: ['src/web/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'typeorm',
              importNames: ['DataSource', 'EntityManager', 'Repository', 'SelectQueryBuilder'],
              message: WEB_READS,
            },
            { name: '@nestjs/typeorm', message: WEB_READS },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        ...['getRepository', 'createQueryBuilder', 'query', 'transaction'].map((name) => ({
          selector: `CallExpression[callee.property.name='${name}']`,
          message: `${name}(): ${WEB_READS}`,
        })),
      ],
    },
  },
);
