import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin, type ViteDevServer } from 'vite';
import type { Server as HttpServer } from 'node:http';

/**
 * In `npm run dev`, the same application (store, metrics, Socket.IO) runs on Vite's HTTP server.
 * It is loaded through Vite's SSR module graph, so it needs no separate build.
 */
function hotlineRealtime(): Plugin {
	return {
		name: 'hotline-realtime',
		async configureServer(server: ViteDevServer) {
			if (process.env.VITEST || !server.httpServer) return;
			const mod = (await server.ssrLoadModule(
				'/src/lib/server/start.ts'
			)) as typeof import('./src/lib/server/start');
			const app = await mod.startApp(mod.loadConfig(process.env), server.httpServer as HttpServer);
			server.httpServer.once('listening', () => app.startBackground());
			server.httpServer.once('close', () => void mod.stopApp(app));
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), hotlineRealtime()]
});
