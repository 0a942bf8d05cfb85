/**
 * The district boundaries the wall's map draws (a GeoJSON FeatureCollection, `properties.name`
 * matching the tickets' `district`): the file DISTRICTS_GEOJSON names, or else the bundled
 * Beijing file (static/geo/beijing.geojson, see its README), to which this redirects.
 */
import { readFile } from 'node:fs/promises';
import { problem } from '$lib/server/http/problem';
import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

const BUNDLED = '/geo/beijing.geojson';
let cached: { path: string; body: string } | undefined;

export const GET: RequestHandler = withApp(async (app) => {
	const path = app.config.districtsGeojson;
	if (path === undefined) {
		return new Response(null, { status: 307, headers: { location: BUNDLED } });
	}
	if (cached?.path !== path) {
		try {
			const body = await readFile(path, 'utf8');
			const parsed = JSON.parse(body) as { type?: unknown; features?: unknown };
			if (parsed.type !== 'FeatureCollection' || !Array.isArray(parsed.features)) {
				throw new Error('not a GeoJSON FeatureCollection');
			}
			cached = { path, body };
		} catch (err) {
			app.logger.error({ err, path }, 'DISTRICTS_GEOJSON cannot be served');
			return problem(500, `DISTRICTS_GEOJSON (${path}) cannot be served: ${String(err)}`);
		}
	}
	return new Response(cached.body, {
		headers: { 'content-type': 'application/geo+json', 'cache-control': 'max-age=3600' }
	});
});
