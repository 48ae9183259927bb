// ESLint (npm run lint): typescript-eslint's recommended rules, tuned so working code is not churned; formatting is Prettier's.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const nodeGlobals = {
  process: 'readonly',
  console: 'readonly',
  Buffer: 'readonly',
  URL: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
  setImmediate: 'readonly',
  setInterval: 'readonly',
  clearInterval: 'readonly',
  require: 'readonly',
  module: 'writable',
  __dirname: 'readonly',
};

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'standin/dist/', '.esbplay-local/', 'coverage/', '.scratch*/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: nodeGlobals },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_x` marks a value left unused on purpose (destructuring it out, an ignored parameter)
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // module definitions are generic over their argument types (ModuleDefinition<any, any> in registries)
      '@typescript-eslint/no-explicit-any': 'off',
      // terminal output and its tests match ANSI escapes on purpose
      'no-control-regex': 'off',
      // expected output is matched with its real spacing (`ok=0   changed=0`)
      'no-regex-spaces': 'off',
      // low-level errors become user messages (UserError, exit 5) on purpose: their stack would not help the user
      'preserve-caught-error': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: {
      globals: {
        describe: 'readonly',
        it: 'readonly',
        before: 'readonly',
        after: 'readonly',
        beforeEach: 'readonly',
        afterEach: 'readonly',
      },
    },
  },
);
