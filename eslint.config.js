// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'test-results/**',
      'e2e/screenshots/**',
      'bench/out/**',
      'packages/server/migrations/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            '*.js',
            '*.mjs',
            'vitest.config.ts',
            'scripts/*.mjs',
            'scripts/lib/*.mjs',
            'packages/cli/bin/*.js',
            'packages/server/drizzle.config.ts',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['packages/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Mantine's DateInput rolls a day that does not exist over to a real one (2090-13-45 becomes
    // 2091-02-14) and the form saves it; its NumberInput clamps on blur and drops what it cannot
    // read ("1e9" becomes 19). DateField and NumberField keep the text for the form to refuse. This
    // is the core rule, apart from the layering's @typescript-eslint/no-restricted-imports below.
    files: ['packages/web/src/**/*.{ts,tsx}'],
    ignores: ['packages/web/src/components/fields/DateField.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@mantine/dates',
              importNames: ['DateInput'],
              message:
                'Use DateField (components/fields/DateField.tsx): DateInput rolls an impossible typed date over to another day.',
            },
            {
              name: '@mantine/core',
              importNames: ['NumberInput'],
              message:
                'Use NumberField (components/fields/NumberField.tsx): NumberInput clamps on blur and drops characters ("1e9" becomes 19) without a word.',
            },
          ],
        },
      ],
    },
  },
  {
    // Layering: routes -> services -> repositories, and all SQL in repositories. Outside them a
    // file may hold the `Database`/`Tx` handle (services open the transaction a repository runs
    // in) and classify a driver error (`db/pg-errors`), but it may not build a query: no
    // drizzle, no driver, no table of the schema.
    files: ['packages/*/src/**/*.{ts,tsx}'],
    ignores: [
      'packages/server/src/**/*.repository.ts',
      'packages/server/src/db/**',
      // The composition roots open the database, lock its folder and check its migrations.
      'packages/server/src/{main,server,index}.ts',
      // The database mover copies every table between PGlite and PostgreSQL through the drivers.
      'packages/server/src/data-move/**',
      // Tests read and plant rows to check what the code under test wrote.
      'packages/server/src/**/*.test.ts',
      'packages/server/src/test-support/**',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['drizzle-orm', 'drizzle-orm/*', 'pg', 'pg-pool', 'postgres', '@electric-sql/*'],
              message: 'SQL lives in repositories (*.repository.ts) and db/: call a repository.',
            },
            {
              group: ['**/db/*', '!**/db/pg-errors.js'],
              allowTypeImports: true,
              message:
                'Outside repositories and db/ only the Database/Tx types may come from db/: call a repository.',
            },
          ],
        },
      ],
    },
  },
  {
    // core is pure: it runs in the browser and in Node, and must not reach for I/O, a clock or
    // HTTP. Time comes in as an argument; errors are domain errors the server maps to HTTP.
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'path',
                'os',
                'child_process',
                'http',
                'https',
                'net',
                'sharp',
                'pg',
                '@electric-sql/*',
              ],
              message: 'core is pure: no I/O.',
            },
            {
              group: [
                '@stipple/server',
                '@stipple/server/*',
                '**/server/src/**',
                '**/app-error*',
                'fastify',
                '@fastify/*',
                'http-errors',
              ],
              message: 'core throws domain errors; the server turns them into HTTP answers.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'fetch', 'require', 'Buffer', 'performance'],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'core has no clock: take the time as an argument.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'core has no clock: take the date as an argument (new Date(value) is fine).',
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: 'core has no clock: take the date as an argument.',
        },
        {
          selector: "MemberExpression[property.name='performance']",
          message: 'core has no clock: take a clock as an argument.',
        },
        {
          selector: 'NewExpression[callee.name=/^(AppError|HttpError|HTTPError)$/]',
          message: 'core throws domain errors; the server turns them into HTTP answers.',
        },
        {
          selector:
            "ThrowStatement Property[key.name=/^(statusCode|status|httpStatus)$/][value.type='Literal']",
          message: 'core throws domain errors, never an HTTP status.',
        },
        {
          selector: 'PropertyDefinition[key.name=/^(statusCode|httpStatus)$/]',
          message: 'core throws domain errors, never an HTTP status.',
        },
        {
          selector: 'TSParameterProperty[parameter.name=/^(statusCode|httpStatus)$/]',
          message: 'core throws domain errors, never an HTTP status.',
        },
        {
          selector: 'AssignmentExpression[left.property.name=/^(statusCode|httpStatus)$/]',
          message: 'core throws domain errors, never an HTTP status.',
        },
      ],
    },
  },
);
