import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

/**
 * docs/contract.md §8: POST Asterisk queue_log lines (text/plain), with the ingest credential of
 * §2; answered `{accepted, duplicates, ignored, rejected: [{line, errors}]}`
 * (src/lib/server/ingest/queue-log.ts).
 */
export const POST: RequestHandler = withApp((app, { request }) => app.queueLogRequest(request));
