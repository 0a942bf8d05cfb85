/**
 * What each API route of ROUTE_POLICY does, for the OpenAPI document (http/openapi.ts): keyed like
 * ROUTE_POLICY (route id → method), with the zod schemas and examples of its bodies. The document
 * is built from ROUTE_POLICY and refuses a route or method missing here (or listed here only), so
 * the two tables cannot drift; who may call a route comes from ROUTE_POLICY alone. It is long
 * because it is one table, a row per route, and splitting a table would let rows go missing.
 */
import { z } from 'zod';
import {
	alertListSchema,
	alertSchema,
	eventsBodySchema,
	historyDailySchema,
	historyIntradaySchema,
	historySummarySchema,
	ingestResultSchema,
	historyAssessmentSchema,
	queueLogBodySchema,
	queueLogResultSchema,
	openApiDocumentSchema,
	assessmentWeightsBodySchema,
	boardInputSchema,
	boardListSchema,
	boardSchema,
	playlistInputSchema,
	playlistListSchema,
	playlistSchema,
	topicTrendSchema,
	problemSchema,
	snapshotSchema,
	thresholdsSchema,
	ticketTimelineSchema,
	ticketUrgeSchema,
	urgeInputSchema
} from '../../contract/api-schemas';
import { thresholdsInputSchema } from '../../contract/thresholds';
import { EXAMPLES } from '../http/api-examples';
import type { Method } from './policy';

/** A body: its component name, zod schema and one example that the schema accepts. */
export type BodyDoc = { name: string; schema: z.ZodType; example: unknown; contentType?: string };
export type ParamDoc = {
	name: string;
	in: 'query' | 'path';
	required: boolean;
	description: string;
	schema: z.ZodType;
	example: unknown;
};
export type OperationDoc = {
	summary: string;
	description?: string;
	tag: 'ingest' | 'live' | 'supervision' | 'history' | 'boards' | 'meta';
	parameters?: ParamDoc[];
	request?: BodyDoc;
	/** Success and route-specific errors; 401/403/503 are added from the policy. */
	responses: Record<number, { description: string; body?: BodyDoc; contentType?: string }>;
};

const dayParam = (name: string, description: string, example: string): ParamDoc => ({
	name,
	in: 'query',
	required: true,
	description,
	schema: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
	example
});
const queueParam: ParamDoc = {
	name: 'queue',
	in: 'query',
	required: false,
	description: 'Only this queue (calls only).',
	schema: z.string().min(1).max(128),
	example: 'general'
};
const langParam: ParamDoc = {
	name: 'lang',
	in: 'query',
	required: false,
	description: 'Language of the headers: zh-CN (default) or en.',
	schema: z.enum(['zh-CN', 'en']),
	example: 'en'
};
const BAD_PARAMS = { description: 'A bad parameter, named in `message`.', body: problemBody() };

function problemBody(): BodyDoc {
	return { name: 'Problem', schema: problemSchema, example: EXAMPLES.problem };
}

const idParam = (what: 'board' | 'playlist', example: string): ParamDoc => ({
	name: 'id',
	in: 'path',
	required: true,
	description: `The ${what}'s id: 1–64 letters, digits, "-", "_" or ".".`,
	schema: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/),
	example
});
const boardBody = (): BodyDoc => ({ name: 'Board', schema: boardSchema, example: EXAMPLES.board });
const playlistBody = (): BodyDoc => ({
	name: 'Playlist',
	schema: playlistSchema,
	example: EXAMPLES.playlist
});
const boardProblemBody = (): BodyDoc => ({
	name: 'Problem',
	schema: problemSchema,
	example: EXAMPLES.boardProblem
});

export const API_DOCS: Readonly<Record<string, Partial<Record<Method, OperationDoc>>>> = {
	'/api/v1/events': {
		POST: {
			tag: 'ingest',
			summary: 'Send events (contract §2)',
			description:
				'A JSON array of events, `{"events": [...]}`, or NDJSON (one event a line). Idempotent by ' +
				'`id`: an event sent again counts as a duplicate. `at` is ISO-8601 with an offset or epoch ms.',
			request: { name: 'EventsBody', schema: eventsBodySchema, example: EXAMPLES.events },
			responses: {
				200: {
					description: 'What was stored, what was already there, what was refused and why.',
					body: { name: 'IngestResult', schema: ingestResultSchema, example: EXAMPLES.ingestResult }
				},
				400: { description: 'Malformed body.', body: problemBody() },
				413: { description: 'Body larger than INGEST_BODY_LIMIT_BYTES.', body: problemBody() },
				415: {
					description: 'A content type other than application/json or application/x-ndjson.',
					body: problemBody()
				},
				429: { description: 'Rate limited (`Retry-After`).', body: problemBody() }
			}
		}
	},
	'/api/v1/adapters/asterisk/queue-log': {
		POST: {
			tag: 'ingest',
			summary: 'Send Asterisk queue_log lines (contract §8)',
			description:
				'`text/plain`, one `epoch|callid|queuename|agent|event|data…` line each; a line sent twice is a ' +
				'duplicate (its id comes from its content).',
			request: {
				name: 'QueueLogLines',
				schema: queueLogBodySchema,
				example: EXAMPLES.queueLogBody,
				contentType: 'text/plain'
			},
			responses: {
				200: {
					description: 'Lines stored, already there, carrying nothing for the wallboard, refused.',
					body: {
						name: 'QueueLogResult',
						schema: queueLogResultSchema,
						example: EXAMPLES.queueLogResult
					}
				},
				400: { description: 'An empty or unreadable body.', body: problemBody() },
				413: { description: 'Body larger than INGEST_BODY_LIMIT_BYTES.', body: problemBody() },
				415: { description: 'A content type other than text/plain.', body: problemBody() },
				429: { description: 'Rate limited (`Retry-After`).', body: problemBody() }
			}
		}
	},
	'/api/v1/snapshot': {
		GET: {
			tag: 'live',
			summary: 'The live snapshot (contract §3)',
			responses: {
				200: {
					description: 'Every figure of the wall, PII-free.',
					body: { name: 'Snapshot', schema: snapshotSchema, example: EXAMPLES.snapshot }
				}
			}
		}
	},
	'/api/v1/thresholds': {
		GET: {
			tag: 'live',
			summary: 'The green / amber / red bands',
			responses: {
				200: {
					description: 'Hall-wide bands and per-queue overrides.',
					body: { name: 'Thresholds', schema: thresholdsSchema, example: EXAMPLES.thresholds }
				}
			}
		},
		PUT: {
			tag: 'live',
			summary: 'Change the bands',
			description:
				'Figures left out keep their defaults; `byQueue`, when given, replaces all overrides.',
			request: {
				name: 'ThresholdsInput',
				schema: thresholdsInputSchema,
				example: EXAMPLES.thresholdsInput
			},
			responses: {
				200: {
					description: 'The bands now in force.',
					body: { name: 'Thresholds', schema: thresholdsSchema, example: EXAMPLES.thresholds }
				},
				400: { description: 'Every bad field, in `errors`.', body: problemBody() },
				413: { description: 'Body larger than 64 KiB.', body: problemBody() }
			}
		}
	},
	'/api/v1/alerts': {
		GET: {
			tag: 'live',
			summary: 'Active alerts and those cleared within the last hour',
			responses: {
				200: {
					description: 'Alerts, newest first.',
					body: {
						name: 'AlertList',
						schema: alertListSchema,
						example: { active: [EXAMPLES.alert], recent: [] }
					}
				}
			}
		}
	},
	'/api/v1/alerts/[id]/ack': {
		POST: {
			tag: 'supervision',
			summary: 'Acknowledge an alert as the signed-in user',
			parameters: [
				{
					name: 'id',
					in: 'path',
					required: true,
					description: 'The alert id.',
					schema: z.string().regex(/^[1-9]\d*$/),
					example: '17'
				}
			],
			responses: {
				200: {
					description: 'The acknowledged alert.',
					body: { name: 'Alert', schema: alertSchema, example: EXAMPLES.alert }
				},
				400: BAD_PARAMS,
				404: { description: 'No such alert.', body: problemBody() },
				409: {
					description: 'Already acknowledged (by whom and when, in `alert`).',
					body: problemBody()
				}
			}
		}
	},
	'/api/v1/tickets/[ticketId]': {
		GET: {
			tag: 'supervision',
			summary: "A ticket's timeline (caller masked)",
			parameters: [
				{
					name: 'ticketId',
					in: 'path',
					required: true,
					description: 'The ticket id (at most 128 characters).',
					schema: z.string().min(1).max(128),
					example: 'T20260302-0042'
				}
			],
			responses: {
				200: {
					description: 'Created, dispatched, feedback and survey entries.',
					body: {
						name: 'TicketTimeline',
						schema: ticketTimelineSchema,
						example: EXAMPLES.ticketTimeline
					}
				},
				400: BAD_PARAMS,
				404: { description: 'No such ticket in the stored history.', body: problemBody() }
			}
		}
	},
	'/api/v1/tickets/[ticketId]/urge': {
		POST: {
			tag: 'supervision',
			summary: 'Urge (催办) an overdue ticket with a note, as the signed-in user',
			parameters: [
				{
					name: 'ticketId',
					in: 'path',
					required: true,
					description: 'The ticket id (at most 128 characters).',
					schema: z.string().min(1).max(128),
					example: 'T20260302-0042'
				}
			],
			request: {
				name: 'UrgeInput',
				schema: urgeInputSchema,
				example: { note: '请承办单位 30 分钟内派单并回复' }
			},
			responses: {
				201: {
					description: 'The urge, as the ticket timeline shows it.',
					body: {
						name: 'TicketUrge',
						schema: ticketUrgeSchema,
						example: { at: '2026-03-02T03:10:00.000Z', by: 'wang', note: '请尽快派单' }
					}
				},
				400: BAD_PARAMS,
				404: { description: 'No such ticket in the stored history.', body: problemBody() },
				409: { description: 'The ticket is not overdue.', body: problemBody() },
				413: { description: 'Body larger than 8 KiB.', body: problemBody() }
			}
		}
	},
	'/api/v1/history/summary': {
		GET: {
			tag: 'history',
			summary:
				'Totals of [from, to], of the same-length range before it (环比) and of the same dates a year before (同比)',
			parameters: [
				dayParam('from', 'First business day (inclusive).', '2026-02-01'),
				dayParam('to', 'Last business day (inclusive); at most 5 years after from.', '2026-02-28'),
				queueParam
			],
			responses: {
				200: {
					description: 'Calls per queue, tickets per category, district and department.',
					body: {
						name: 'HistorySummary',
						schema: historySummarySchema,
						example: EXAMPLES.historySummary
					}
				},
				400: BAD_PARAMS
			}
		}
	},
	'/api/v1/history/intraday': {
		GET: {
			tag: 'history',
			summary: '15-minute points of a day, the day before and the same weekday a week before',
			parameters: [dayParam('day', 'The business day.', '2026-03-02'), queueParam],
			responses: {
				200: {
					description: 'Three series of 15-minute points.',
					body: {
						name: 'HistoryIntraday',
						schema: historyIntradaySchema,
						example: EXAMPLES.historyIntraday
					}
				},
				400: BAD_PARAMS
			}
		}
	},
	'/api/v1/history/daily': {
		GET: {
			tag: 'history',
			summary: 'One row per business day of [from, to]',
			parameters: [
				dayParam('from', 'First business day (inclusive).', '2026-03-01'),
				dayParam('to', 'Last business day (inclusive).', '2026-03-01'),
				queueParam
			],
			responses: {
				200: {
					description: 'Calls and tickets per day.',
					body: { name: 'HistoryDaily', schema: historyDailySchema, example: EXAMPLES.historyDaily }
				},
				400: BAD_PARAMS
			}
		}
	},
	'/api/v1/history/export.csv': {
		GET: {
			tag: 'history',
			summary:
				'The report of [from, to] (summary with 环比 and 同比, breakdowns, daily rows) as one CSV: UTF-8 with BOM, human headers, rounded figures',
			parameters: [
				dayParam('from', 'First business day (inclusive).', '2026-02-01'),
				dayParam('to', 'Last business day (inclusive).', '2026-02-28'),
				queueParam,
				langParam
			],
			responses: {
				200: { description: 'A CSV attachment.', contentType: 'text/csv' },
				400: BAD_PARAMS
			}
		}
	},
	'/api/v1/history/export.xlsx': {
		GET: {
			tag: 'history',
			summary:
				'The same report as an Excel workbook: one sheet per section, headers, number formats',
			parameters: [
				dayParam('from', 'First business day (inclusive).', '2026-02-01'),
				dayParam('to', 'Last business day (inclusive).', '2026-02-28'),
				queueParam,
				langParam
			],
			responses: {
				200: {
					description: 'An .xlsx attachment.',
					contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
				},
				400: BAD_PARAMS
			}
		}
	},
	'/api/v1/history/assessment': {
		GET: {
			tag: 'history',
			summary: '接诉即办 assessment: 三率, score and ranking per district, street and department',
			parameters: [
				dayParam('from', 'First business day (inclusive).', '2026-11-01'),
				dayParam('to', 'Last business day (inclusive).', '2026-11-30')
			],
			responses: {
				200: {
					description: 'The ranking of [from, to] against the previous period.',
					body: {
						name: 'HistoryAssessment',
						schema: historyAssessmentSchema,
						example: EXAMPLES.historyAssessment
					}
				},
				400: BAD_PARAMS
			}
		}
	},
	'/api/v1/history/assessment.csv': {
		GET: {
			tag: 'history',
			summary:
				'The assessment of [from, to] as a CSV (UTF-8 with BOM; `lang=en` for English headers)',
			parameters: [
				dayParam('from', 'First business day (inclusive).', '2026-11-01'),
				dayParam('to', 'Last business day (inclusive).', '2026-11-30')
			],
			responses: {
				200: { description: 'A CSV attachment.', contentType: 'text/csv' },
				400: BAD_PARAMS
			}
		}
	},
	'/api/v1/history/topic-trend': {
		GET: {
			tag: 'history',
			summary: 'One topic per month (每月一题): tickets created and the three survey rates',
			parameters: [
				{
					name: 'topic',
					in: 'query',
					required: true,
					description: 'The topic (诉求主题), as on ticket.created.',
					schema: z.string().min(1).max(64),
					example: '供暖'
				},
				{
					name: 'months',
					in: 'query',
					required: false,
					description: 'How many months up to `to` (default 12).',
					schema: z.string().regex(/^\d+$/),
					example: '12'
				}
			],
			responses: {
				200: {
					description: 'One point per month, oldest first.',
					body: { name: 'TopicTrend', schema: topicTrendSchema, example: EXAMPLES.topicTrend }
				},
				400: BAD_PARAMS
			}
		}
	},
	'/api/v1/assessment-weights': {
		GET: {
			tag: 'history',
			summary: 'The weights of the assessment score (percent, summing to 100)',
			responses: {
				200: {
					description: 'The weights in force.',
					body: {
						name: 'AssessmentWeights',
						schema: assessmentWeightsBodySchema,
						example: EXAMPLES.assessmentWeights
					}
				}
			}
		},
		PUT: {
			tag: 'history',
			summary: 'Changes the weights (admins)',
			request: {
				name: 'AssessmentWeights',
				schema: assessmentWeightsBodySchema,
				example: EXAMPLES.assessmentWeights
			},
			responses: {
				200: {
					description: 'The weights now in force.',
					body: {
						name: 'AssessmentWeights',
						schema: assessmentWeightsBodySchema,
						example: EXAMPLES.assessmentWeights
					}
				},
				400: BAD_PARAMS
			}
		}
	},
	'/api/v1/boards': {
		GET: {
			tag: 'boards',
			summary: 'Every board (contract §9)',
			description:
				'The built-in boards first (`builtIn: true`: copy them, they cannot be changed).',
			responses: {
				200: {
					description: 'Id and name of each board.',
					body: { name: 'BoardList', schema: boardListSchema, example: EXAMPLES.boardList }
				}
			}
		}
	},
	'/api/v1/boards/[id]': {
		GET: {
			tag: 'boards',
			summary: 'One board',
			parameters: [idParam('board', 'dispatch-left')],
			responses: {
				200: { description: 'The board.', body: boardBody() },
				404: { description: 'No board by that id.', body: problemBody() }
			}
		},
		PUT: {
			tag: 'boards',
			summary: 'Store a board (new or replacing)',
			description:
				'Every tile inside the grid, none overlapping another, a known `type` and only the options ' +
				'it reads. Every screen is told (`boards.changed`).',
			parameters: [idParam('board', 'dispatch-left')],
			request: { name: 'BoardInput', schema: boardInputSchema, example: EXAMPLES.board },
			responses: {
				200: { description: 'The board as stored.', body: boardBody() },
				400: {
					description:
						'`message` names the first bad tile by its index; `problems` lists every problem.',
					body: boardProblemBody()
				},
				409: { description: 'A built-in board: copy it under a new id.', body: problemBody() },
				413: { description: 'Body larger than 256 KiB.', body: problemBody() }
			}
		},
		DELETE: {
			tag: 'boards',
			summary: 'Delete a board',
			parameters: [idParam('board', 'dispatch-left')],
			responses: {
				204: { description: 'Deleted.' },
				404: { description: 'No board by that id.', body: problemBody() },
				409: {
					description: 'A built-in board, or one a playlist or a screen uses (named).',
					body: problemBody()
				}
			}
		}
	},
	'/api/v1/playlists': {
		GET: {
			tag: 'boards',
			summary: 'Every playlist',
			responses: {
				200: {
					description: 'Id and name of each playlist.',
					body: {
						name: 'PlaylistList',
						schema: playlistListSchema,
						example: EXAMPLES.playlistList
					}
				}
			}
		}
	},
	'/api/v1/playlists/[id]': {
		GET: {
			tag: 'boards',
			summary: 'One playlist',
			parameters: [idParam('playlist', 'day')],
			responses: {
				200: { description: 'The playlist.', body: playlistBody() },
				404: { description: 'No playlist by that id.', body: problemBody() }
			}
		},
		PUT: {
			tag: 'boards',
			summary: 'Store a playlist (new or replacing)',
			description:
				'Boards that exist, each for at least 5 seconds; `redAlertBoard` is shown while a red alert is unacknowledged.',
			parameters: [idParam('playlist', 'day')],
			request: { name: 'PlaylistInput', schema: playlistInputSchema, example: EXAMPLES.playlist },
			responses: {
				200: { description: 'The playlist as stored.', body: playlistBody() },
				400: {
					description: '`message` names the first bad item by its index; `problems` lists all.',
					body: problemBody()
				},
				413: { description: 'Body larger than 256 KiB.', body: problemBody() }
			}
		},
		DELETE: {
			tag: 'boards',
			summary: 'Delete a playlist',
			parameters: [idParam('playlist', 'day')],
			responses: {
				204: { description: 'Deleted.' },
				404: { description: 'No playlist by that id.', body: problemBody() },
				409: { description: 'A screen rotates through it (named).', body: problemBody() }
			}
		}
	},
	'/api/v1/geo/districts': {
		GET: {
			tag: 'live',
			summary: 'The district boundaries the wall map draws (GeoJSON)',
			description:
				'The file `DISTRICTS_GEOJSON` names; without it a `307` to the bundled Beijing file. ' +
				"`properties.name` of each feature matches the tickets' `district`.",
			responses: {
				200: {
					description: 'A GeoJSON FeatureCollection.',
					body: {
						name: 'DistrictsGeoJson',
						schema: z.object({
							type: z.literal('FeatureCollection'),
							features: z.array(
								z.object({
									type: z.literal('Feature'),
									properties: z.object({ name: z.string() }).passthrough(),
									geometry: z.unknown()
								})
							)
						}),
						example: {
							type: 'FeatureCollection',
							features: [
								{
									type: 'Feature',
									properties: { name: '东城区' },
									geometry: { type: 'Polygon', coordinates: [] }
								}
							]
						}
					}
				},
				307: { description: 'No DISTRICTS_GEOJSON: the bundled file.' }
			}
		}
	},
	'/api/v1/targets': {
		GET: {
			tag: 'live',
			summary: 'The service-level targets (seconds) the engine counts against',
			description:
				'`SERVICE_LEVEL_TARGET_SECONDS` for the hall and `QUEUE_TARGETS` per queue; the wall ' +
				'names them in its labels.',
			responses: {
				200: {
					description: 'The hall target and the queues with their own.',
					body: {
						name: 'ServiceTargets',
						schema: z.object({
							serviceLevelSeconds: z.number().positive(),
							byQueue: z.record(z.string(), z.number().positive())
						}),
						example: { serviceLevelSeconds: 15, byQueue: { elderly: 10 } }
					}
				}
			}
		}
	},
	'/api/v1/openapi.json': {
		GET: {
			tag: 'meta',
			summary: 'This document (OpenAPI 3.1, generated from the zod schemas)',
			responses: {
				200: {
					description: 'The OpenAPI document.',
					body: {
						name: 'OpenApiDocument',
						schema: openApiDocumentSchema,
						example: {
							openapi: '3.1.0',
							info: { title: 'Hotline Wallboard API', version: '1' },
							paths: {}
						}
					}
				}
			}
		}
	}
};
