// @ts-check
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// SvelteKit's built-in check answers 403 to any form-typed POST without a same-origin
		// Origin header, which would hide the ingest API's 415 for a wrong content type. Nothing
		// here is authenticated by cookies yet (ingest uses a bearer token, reads are open), so
		// there is nothing for a cross-site form to ride on; cookie sessions must bring their own
		// origin check in hooks.server.ts.
		csrf: { trustedOrigins: ['*'] },
		typescript: {
			config(tsconfig) {
				// svelte-check also covers the production entry, tests, benchmarks and scripts.
				tsconfig.include.push(
					'../server.ts',
					'../tests/**/*.ts',
					'../bench/**/*.ts',
					'../scripts/**/*.ts',
					'../vite.config.ts',
					'../vitest.config.ts',
					'../playwright.config.ts',
					'../drizzle.config.ts'
				);
				return tsconfig;
			}
		}
	}
};

export default config;
