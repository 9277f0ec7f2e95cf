// Lint rules beyond the type check (`npm run lint` runs both). ESLint rather than a native-binary
// linter: it is plain JavaScript, so `npm ci` installs it from the lock file on any platform.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // compiled-functions.js is generated (npm run orm:compile) and checked by its drift test.
  { ignores: ['node_modules/**', '.data/**', '.prof/**', 'coverage/**', 'dist/**', 'src/adapters/persistence/mikro-orm/compiled-functions.*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Erasable syntax only: use a union of literals.' },
        { selector: 'TSModuleDeclaration[kind!="global"]', message: 'Erasable syntax only: no namespaces.' },
        { selector: 'TSParameterProperty', message: 'Erasable syntax only: no parameter properties.' },
      ],
    },
  },
);
