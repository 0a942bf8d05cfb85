// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'data/',
			'drizzle/',
			'test-results/',
			'playwright-report/',
			'tests/artifacts/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: true,
				tsconfigRootDir: import.meta.dirname,
				extraFileExtensions: ['.svelte']
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }
			],
			'no-undef': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { parser: ts.parser, svelteConfig }
		}
	},
	{
		files: ['eslint.config.js', 'svelte.config.js'],
		...ts.configs.disableTypeChecked
	},
	{
		// The pure engine: no I/O, no server or browser code, no framework.
		files: ['src/lib/metrics/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '^(?!\\.\\.?/|\\.\\./contract|\\$lib/contract|vitest$|fast-check$).*',
							message: 'src/lib/metrics imports only src/lib/contract and itself.'
						},
						{
							group: ['../server/*', '../client/*', '../components/*', '$lib/server/*'],
							message: 'src/lib/metrics imports only src/lib/contract and itself.'
						}
					]
				}
			],
			'no-restricted-globals': [
				'error',
				{ name: 'fetch', message: 'No I/O in the engine.' },
				{ name: 'setTimeout', message: 'No timers in the engine: time is an argument.' },
				{ name: 'setInterval', message: 'No timers in the engine: time is an argument.' }
			],
			'no-restricted-properties': [
				'error',
				{ object: 'Date', property: 'now', message: 'Pass `now` in: snapshot(state, now).' },
				{ object: 'Math', property: 'random', message: 'Randomness is an argument.' }
			]
		}
	}
);
