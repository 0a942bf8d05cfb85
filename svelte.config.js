// @ts-check
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * Where `vite build` writes the server (`npm start` loads it from the same variable), so that two
 * builds can sit side by side (tests/e2e/deploy.e2e.ts). Default `build/`.
 */
const buildDir = process.env.HW_BUILD_DIR || 'build';
/**
 * The build's name: SvelteKit compares it with `/_app/version.json` on the server, and a page
 * left open across a deploy learns of the new build within `pollInterval` and reloads
 * (src/lib/client/live.svelte.ts, reload.ts). HW_BUILD_VERSION names it (a release tag, a git
 * hash); otherwise the build time. Client and server must agree on it: it names the page's globals.
 */
// One build loads this file more than once (client, server, analysis): the name is fixed on the
// first load, through the environment the later loads (and child processes) inherit.
process.env.HW_BUILD_VERSION ||= new Date().toISOString();
const buildVersion = process.env.HW_BUILD_VERSION;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: buildDir }),
		version: { name: buildVersion, pollInterval: 30_000 },
		// SvelteKit's built-in check answers 403 to any form-typed POST without a same-origin Origin
		// header, which would hide the ingest API's 415 for a wrong content type (sources send no
		// Origin). The request hooks (src/lib/server/http/origin.ts) do the check instead, for every
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
