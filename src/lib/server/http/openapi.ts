/**
 * The OpenAPI 3.1 document of the REST API (GET /api/v1/openapi.json), generated, not written:
 * paths and methods from ROUTE_POLICY (every `/api/v1/*` route), who may call each from its
 * access there, summaries and bodies from API_DOCS beside it, JSON Schemas from the zod schemas
 * with zod 4's `z.toJSONSchema` (draft 2020-12, the dialect of OpenAPI 3.1).
 */
import { z } from 'zod';
import { problemSchema } from '../../contract/api-schemas';
import { API_DOCS, type BodyDoc, type OperationDoc } from '../auth/policy-docs';
import { ROUTE_POLICY, type Access, type Method } from '../auth/policy';

export const API_PREFIX = '/api/v1/';

type JsonObject = Record<string, unknown>;

/** `/api/v1/alerts/[id]/ack` → `/api/v1/alerts/{id}/ack` */
export function openApiPath(routeId: string): string {
	return routeId.replace(/\[([^\]]+)\]/g, '{$1}');
}

/** Every (route id, method) of the API in the access policy. */
export function apiOperations(): Array<{ routeId: string; method: Method; access: Access }> {
	return Object.entries(ROUTE_POLICY)
		.filter(([routeId]) => routeId.startsWith(API_PREFIX))
		.flatMap(([routeId, methods]) =>
			Object.entries(methods).map(([method, access]) => ({
				routeId,
				method: method as Method,
				access: access as Access
			}))
		);
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
	const out = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
	delete out.$schema;
	return out;
}

function security(access: Access): { security: JsonObject[]; roles?: readonly string[] } {
	if (access === 'public') return { security: [] };
	if (access === 'source') {
		return { security: [{ ingestToken: [] }, { ingestToken: [], sourceSignature: [] }] };
	}
	if (access === 'live') return { security: [{ session: [] }, { display: [] }, { readToken: [] }] };
	return {
		security: [{ session: [] }, ...(access.includes('reader') ? [{ readToken: [] }] : [])],
		roles: access
	};
}

export function buildOpenApiDocument(version: string): JsonObject {
	const schemas: Record<string, JsonObject> = {};
	const ref = (body: BodyDoc, io: 'input' | 'output') => {
		schemas[body.name] ??= jsonSchema(body.schema, io);
		return { $ref: `#/components/schemas/${body.name}` };
	};
	const paths: Record<string, Record<string, JsonObject>> = {};
	const listed = new Set<string>();

	for (const { routeId, method, access } of apiOperations()) {
		const doc: OperationDoc | undefined = API_DOCS[routeId]?.[method];
		if (!doc)
			throw new Error(`OpenAPI: ${method} ${routeId} is in ROUTE_POLICY but not in API_DOCS`);
		listed.add(`${method} ${routeId}`);
		const { security: sec, roles } = security(access);
		const responses: Record<string, JsonObject> = {};
		for (const [status, r] of Object.entries(doc.responses)) {
			responses[status] = {
				description: r.description,
				...(r.body
					? {
							content: {
								[r.body.contentType ?? 'application/json']: {
									schema: ref(r.body, 'output'),
									example: r.body.example
								}
							}
						}
					: r.contentType
						? { content: { [r.contentType]: { schema: { type: 'string' } } } }
						: {})
			};
		}
		const problem = (description: string) => ({
			description,
			content: { 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } }
		});
		if (access !== 'public' && access !== 'source') {
			responses['401'] ??= problem('Not signed in (no session, display or token).');
			if (access !== 'live')
				responses['403'] ??= problem(`Signed in, but not as ${access.join(' or ')}.`);
		}
		if (access === 'source') responses['401'] ??= problem('No valid ingest token or signature.');
		responses['503'] ??= problem('Starting, stopping or storage unavailable (`Retry-After`).');

		(paths[openApiPath(routeId)] ??= {})[method.toLowerCase()] = {
			operationId: `${method.toLowerCase()}${routeId
				.slice(API_PREFIX.length)
				.split(/[/.[\]-]+/)
				.filter(Boolean)
				.map((p) => p[0]!.toUpperCase() + p.slice(1))
				.join('')}`,
			summary: doc.summary,
			...(doc.description ? { description: doc.description } : {}),
			tags: [doc.tag],
			security: sec,
			'x-access': roles ?? access,
			...(doc.parameters
				? {
						parameters: doc.parameters.map((p) => ({
							name: p.name,
							in: p.in,
							required: p.required,
							description: p.description,
							schema: jsonSchema(p.schema, 'input'),
							example: p.example
						}))
					}
				: {}),
			...(doc.request
				? {
						requestBody: {
							required: true,
							content: {
								[doc.request.contentType ?? 'application/json']: {
									schema: ref(doc.request, 'input'),
									example: doc.request.example
								}
							}
						}
					}
				: {}),
			responses
		};
	}
	for (const [routeId, methods] of Object.entries(API_DOCS)) {
		for (const method of Object.keys(methods)) {
			if (!listed.has(`${method} ${routeId}`)) {
				throw new Error(`OpenAPI: ${method} ${routeId} is in API_DOCS but not in ROUTE_POLICY`);
			}
		}
	}
	schemas.Problem ??= jsonSchema(problemSchema, 'output');

	return {
		openapi: '3.1.0',
		info: {
			title: 'Hotline Wallboard API',
			version,
			description:
				'The REST API of the hotline wallboard (docs/contract.md). Errors are `{message, ...details}`. ' +
				'`x-access` is who may call an operation (src/lib/server/auth/policy.ts).'
		},
		servers: [{ url: '/' }],
		tags: [
			{ name: 'ingest', description: 'Data sources send events.' },
			{ name: 'live', description: 'The live figures of the wall.' },
			{ name: 'supervision', description: 'Supervisors: alerts and tickets.' },
			{ name: 'history', description: 'Managers: history from the rollups.' },
			{ name: 'boards', description: 'Boards, playlists (contract §9).' },
			{ name: 'meta', description: 'This description.' }
		],
		paths,
		components: {
			schemas,
			securitySchemes: {
				session: {
					type: 'apiKey',
					in: 'cookie',
					name: 'hw_session',
					description: 'A signed-in person (POST /login).'
				},
				display: {
					type: 'apiKey',
					in: 'cookie',
					name: 'hw_display',
					description: 'An enrolled display (/enrol).'
				},
				readToken: { type: 'http', scheme: 'bearer', description: 'READ_TOKEN.' },
				ingestToken: {
					type: 'http',
					scheme: 'bearer',
					description: "INGEST_TOKEN or a named source's token (/admin/sources)."
				},
				sourceSignature: {
					type: 'apiKey',
					in: 'header',
					name: 'webhook-signature',
					description: 'A Standard Webhooks signature, for sources with signing secrets.'
				}
			}
		}
	};
}
