import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

/**
 * docs/contract.md §2: POST a JSON array, {"events": [...]} or NDJSON of events. Sources
 * authenticate with a bearer token (INGEST_TOKEN or a named source's token) and, where the source
 * has signing secrets, a Standard Webhooks signature (src/lib/server/ingest/http.ts).
 */
export const POST: RequestHandler = withApp((app, { request }) => app.ingestRequest(request));
