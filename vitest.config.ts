import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const lib = fileURLToPath(new URL('./src/lib', import.meta.url));

// Vitest runs plain TypeScript modules: the pure engine, the contract, server modules and the
// integration tests that start the built server as a child process. No SvelteKit plugin needed.
export default defineConfig({
	resolve: { alias: { $lib: lib } },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					// Servers start on copies of one migrated PGlite folder (tests/helpers/data-dir.ts).
					env: { HW_PGLITE_TEMPLATE: '1' },
					testTimeout: 60_000,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			}
		]
	}
});
