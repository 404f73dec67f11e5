// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'console/dist',
      'coverage',
      '**/*.d.ts',
      'models/data/**',
      'eval/disclosure/sealed/**',
      'api/openapi/docs/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'knip.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Rows from knex are \`any\` by design (the schema lives in migrations, not in types), so the
      // no-unsafe-* family reports every row access; the zod contract checks data at the edges instead.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Knex builders are generic over `any`; an assertion on their result is how a row gets a type.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // react-admin's hooks hand back bound functions (useNotify, useTranslate…) that this rule cannot tell apart.
      '@typescript-eslint/unbound-method': 'off',
      // Interfaces that return promises (knex's migration source, react-admin's auth provider) are met by async methods that need no await.
      '@typescript-eslint/require-await': 'off',
      // Rows and payloads are \`unknown\` until the contract checks them; String() on them is deliberate, and a
      // union like 'sponsorship' | string documents the known values without closing the set.
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      // A knex row is Record<string, any> until a schema types it; see the no-unsafe-* note above.
      '@typescript-eslint/no-explicit-any': 'off',
      // Express 5 and react-admin both accept promise-returning handlers.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['console/src/**/*.tsx', 'console/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    // The classic hook rules; the React Compiler's stricter ones (refs, set-state-in-effect) would need a compiler we do not use.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  prettier,
);
