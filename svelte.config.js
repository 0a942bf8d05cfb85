// @ts-check
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// SvelteKit's built-in check answers 403 to any form-typed POST without a same-origin Origin
		// header, which would hide the ingest API's 415 for a wrong content type (sources send no
		// Origin). The request guard (src/lib/server/auth/guard.ts) does the check instead, for every
		// state-changing request except the sources' bearer/signature-authenticated ingest.
		csrf: { trustedOrigins: ['*'] },
		// Nonces for SvelteKit's inline bootstrap script; nothing else inline may run.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Svelte renders style attributes (bar widths, chart positions) on the server.
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'media-src': ['self', 'blob:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
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
