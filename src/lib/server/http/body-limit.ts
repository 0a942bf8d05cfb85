/**
 * Request hook step: forms and JSON endpoints take small bodies, refused by their declared length
 * before anything reads them (413). Only the ingest route (`source`) sets its own, larger limit;
 * adapter-node's BODY_SIZE_LIMIT stays the backstop for bodies sent without a length.
 */
import { routeAccess } from '../auth/policy';
import { problem } from './problem';
import { withApp } from './refuse';

/** Largest body a page form or a JSON endpoint other than ingest accepts. */
export const FORM_BODY_LIMIT_BYTES = 256 * 1024;

export const bodyLimit = withApp((_app, { event, resolve }) => {
	if (routeAccess(event.route.id, event.request.method) !== 'source') {
		const length = Number(event.request.headers.get('content-length') ?? 0);
		if (length > FORM_BODY_LIMIT_BYTES) {
			return problem(413, `request body is larger than ${FORM_BODY_LIMIT_BYTES} bytes`);
		}
	}
	return resolve(event);
});
