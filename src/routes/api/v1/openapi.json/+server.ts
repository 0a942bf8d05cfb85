import { json } from '@sveltejs/kit';
import { buildOpenApiDocument } from '$lib/server/http/openapi';
import type { RequestHandler } from './$types';

/** The OpenAPI 3.1 document, generated from the access policy and the zod schemas (public). */
let document: Record<string, unknown> | undefined;

export const GET: RequestHandler = () => {
	document ??= buildOpenApiDocument('1');
	return json(document, { headers: { 'Cache-Control': 'public, max-age=300' } });
};
