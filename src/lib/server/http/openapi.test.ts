/**
 * The OpenAPI document: every `/api/v1/*` route of the access policy with each of its methods,
 * every example accepted by its zod schema, the security of each operation taken from the policy,
 * and the whole document valid OpenAPI 3.1 (@seriousme/openapi-schema-validator).
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { API_DOCS } from '../auth/policy-docs';
import { ROUTE_POLICY } from '../auth/policy';
import { apiOperations, buildOpenApiDocument, openApiPath } from './openapi';

type Operation = {
	security: unknown[];
	'x-access': unknown;
	responses: Record<string, { content?: Record<string, { example?: unknown }> }>;
	requestBody?: { content: Record<string, { example?: unknown }> };
};
const doc = buildOpenApiDocument('1') as {
	openapi: string;
	info: { title: string; version: string };
	paths: Record<string, Record<string, Operation>>;
	components: { schemas: Record<string, unknown> };
};

describe('OpenAPI document', () => {
	it('lists every API route of the access policy with each method, and nothing else', () => {
		const fromPolicy = Object.entries(ROUTE_POLICY)
			.filter(([id]) => id.startsWith('/api/v1/'))
			.flatMap(([id, methods]) => Object.keys(methods).map((m) => `${m} ${openApiPath(id)}`))
			.sort();
		const inDoc = Object.entries(doc.paths)
			.flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
			.sort();
		expect(inDoc).toEqual(fromPolicy);
		expect(inDoc).toContain('GET /api/v1/openapi.json');
		expect(inDoc).toContain('POST /api/v1/alerts/{id}/ack');
	});

	it('takes who may call an operation from the policy', () => {
		expect(doc.paths['/api/v1/openapi.json']!.get!.security).toEqual([]);
		expect(doc.paths['/api/v1/snapshot']!.get!['x-access']).toBe('live');
		expect(doc.paths['/api/v1/history/summary']!.get!['x-access']).toEqual(['admin', 'manager']);
		expect(doc.paths['/api/v1/events']!.post!.security).toEqual([
			{ ingestToken: [] },
			{ ingestToken: [], sourceSignature: [] }
		]);
	});

	const examples = apiOperations().flatMap(({ routeId, method }) => {
		const op = API_DOCS[routeId]![method]!;
		return [
			...(op.request ? [{ at: `${method} ${routeId} request`, body: op.request }] : []),
			...Object.entries(op.responses).flatMap(([status, r]) =>
				r.body ? [{ at: `${method} ${routeId} ${status}`, body: r.body }] : []
			),
			...(op.parameters ?? []).map((p) => ({
				at: `${method} ${routeId} ${p.in} ${p.name}`,
				body: { name: p.name, schema: p.schema, example: p.example }
			}))
		];
	});

	it.each(examples)('$at: the example validates against its zod schema', ({ body }) => {
		const result = body.schema.safeParse(body.example);
		expect(result.success ? [] : result.error.issues).toEqual([]);
	});

	it('carries the examples it was built from', () => {
		const op = doc.paths['/api/v1/snapshot']!.get!;
		expect(op.responses['200']!.content!['application/json']!.example).toBe(
			API_DOCS['/api/v1/snapshot']!.GET!.responses[200]!.body!.example
		);
		expect(Object.keys(doc.components.schemas)).toEqual(
			expect.arrayContaining(['Snapshot', 'EventsBody', 'HistorySummary', 'Problem'])
		);
	});

	it('is valid OpenAPI 3.1', async () => {
		expect(doc).toMatchObject({ openapi: '3.1.0', info: { title: 'Hotline Wallboard API' } });
		const validator = new Validator();
		const result = await validator.validate(structuredClone(doc));
		expect(result.errors ?? []).toEqual([]);
		expect(result.valid).toBe(true);
		expect(validator.version).toBe('3.1');
	});
});
