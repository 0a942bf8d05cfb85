/**
 * Zod schemas of the REST API's response shapes, for the OpenAPI document
 * (src/lib/server/http/openapi.ts) and its example checks. The TypeScript types in snapshot.ts,
 * history.ts, supervision.ts and thresholds.ts stay the source the code uses; the `Same<…>`
 * checks at the bottom fail `npm run check` as soon as a schema and its type disagree. One file
 * (~400 lines) so the checks see every schema at once.
 */
import { z } from 'zod';
import { CATEGORIES, EVENT_SCHEMAS, FEEDBACK_OUTCOMES, TICKET_KINDS } from './events';
import type {
	CallTotals,
	HistoryDaily,
	HistoryIntraday,
	HistorySummary,
	TicketTotals
} from './history';
import type {
	AssessmentUnit,
	AssessmentWeights,
	HistoryAssessment,
	TopicTrend
} from './assessment';
import {
	BOARD_MAX_CELLS,
	PLAYLIST_MIN_SECONDS,
	type Board,
	type BoardSummary,
	type Playlist,
	type PlaylistSummary
} from './boards';
import type { Snapshot } from './snapshot';
import type { Alert, AlertList, TicketTimeline } from './supervision';
import { QUEUE_THRESHOLD_METRICS, THRESHOLD_METRICS, type Thresholds } from './thresholds';

const rate = z.number().min(0).max(1).nullable();
const isoTime = z.string().describe('ISO-8601 date-time');
const day = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.describe('business day YYYY-MM-DD');
const count = z.number().int().min(0);
const byCategory = <T extends z.ZodType>(t: T) =>
	z.object({ emergency: t, livelihood: t, general: t });

export const problemSchema = z
	.object({ message: z.string() })
	.catchall(z.unknown())
	.describe('The one error shape: {message, ...details}');

/** One event of any type (contract §2), as a source sends it. */
export const eventSchema = z.union(Object.values(EVENT_SCHEMAS));
/** POST /api/v1/events as JSON: an array, or `{events: [...]}`. */
export const eventsBodySchema = z.union([
	z.array(eventSchema),
	z.object({ events: z.array(eventSchema) })
]);

/** The outline of an OpenAPI 3.1 document (what GET /api/v1/openapi.json promises). */
export const openApiDocumentSchema = z.looseObject({
	openapi: z.literal('3.1.0'),
	info: z.looseObject({ title: z.string(), version: z.string() }),
	paths: z.record(z.string(), z.record(z.string(), z.unknown()))
});

export const ingestResultSchema = z.object({
	accepted: count,
	duplicates: count,
	rejected: z.array(
		z.object({ index: z.number().int(), id: z.string().nullable(), errors: z.array(z.string()) })
	)
});

/** `POST /api/v1/adapters/asterisk/queue-log` (docs/contract.md §8); `line` is 1-based. */
export const queueLogResultSchema = z.object({
	accepted: count,
	duplicates: count,
	ignored: count,
	rejected: z.array(z.object({ line: z.number().int().min(1), errors: z.array(z.string()) }))
});
/** The body: Asterisk queue_log lines. */
export const queueLogBodySchema = z.string().min(1);

const queueStats = z.object({
	waiting: count,
	longestWaitSeconds: z.number().min(0),
	offeredToday: count,
	answeredToday: count,
	abandonedToday: count,
	answeredWithinTargetToday: count,
	serviceLevelToday: rate,
	asaSecondsToday: z.number().min(0).nullable(),
	abandonRateToday: rate,
	answered24h: count,
	abandoned24h: count,
	answerRate24h: rate,
	abandonedAwaitingCallback: count,
	oldestAwaitingCallbackAt: isoTime.nullable(),
	calledBack24h: count,
	answerRate24hIn1h: rate,
	staffing: z.object({
		offered30m: count,
		ahtSeconds30m: z.number().min(0).nullable(),
		agentsNeeded: count.nullable(),
		agentsOnDuty: count,
		gap: z.number().int().nullable()
	})
});
const surveyStats = z.object({
	surveyed: count,
	responseRate: rate,
	resolutionRate: rate,
	satisfactionRate: rate
});
const minuteStats = z.object({
	waiting: count,
	answeredWithinTarget: count,
	answeredAfterTarget: count,
	abandoned: count
});
const overdueTicket = z.object({
	ticketId: z.string(),
	category: z.enum(CATEGORIES),
	kind: z.string(),
	district: z.string(),
	createdAt: isoTime,
	deadlineAt: isoTime,
	overdueSeconds: z.number()
});

export const snapshotSchema = z.object({
	seq: z.number().int(),
	at: isoTime,
	timezone: z.string(),
	businessDay: day,
	calls: z.object({
		all: queueStats,
		byQueue: z.record(z.string(), queueStats),
		series: z.record(z.string(), minuteStats).optional()
	}),
	agents: z.object({ available: count, busy: count, wrapup: count, break: count, offline: count }),
	tickets: z.object({
		pending: byCategory(count),
		overdue: byCategory(count),
		overdueList: z.array(overdueTicket),
		dispatchedToday: count,
		dispatchedOnTimeToday: count,
		survey30d: surveyStats,
		nextDeadlineAt: z
			.object({
				emergency: isoTime.optional(),
				livelihood: isoTime.optional(),
				general: isoTime.optional()
			})
			.optional(),
		byDistrict: z.record(
			z.string(),
			z.object({
				createdToday: count,
				createdLastHour: count,
				pending: count,
				overdue: count,
				survey30d: surveyStats
			})
		),
		topicsToday: z.array(z.object({ topic: z.string(), count, lastHour: count })),
		surges: z
			.array(
				z.object({
					district: z.string(),
					topic: z.string().optional(),
					count,
					expected: z.number().min(0)
				})
			)
			.optional(),
		topicsYesterday: z.record(z.string(), count).optional()
	})
});

const band = z.object({ good: z.number(), warn: z.number() });
const metricKeys = Object.keys(THRESHOLD_METRICS) as (keyof typeof THRESHOLD_METRICS)[];
export const thresholdsSchema = z.object({
	metrics: z.object(
		Object.fromEntries(metricKeys.map((m) => [m, band])) as Record<
			(typeof metricKeys)[number],
			typeof band
		>
	),
	byQueue: z.record(
		z.string(),
		z.object(
			Object.fromEntries(QUEUE_THRESHOLD_METRICS.map((m) => [m, band.optional()])) as Record<
				(typeof QUEUE_THRESHOLD_METRICS)[number],
				z.ZodOptional<typeof band>
			>
		)
	)
});

export const alertSchema = z.object({
	id: z.number().int().positive(),
	key: z.string(),
	metric: z.string(),
	scope: z.string(),
	level: z.enum(['warn', 'bad']),
	value: z.number(),
	raisedAt: isoTime,
	clearedAt: isoTime.nullable(),
	ackedAt: isoTime.nullable(),
	ackedBy: z.string().nullable(),
	escalatedAt: isoTime.nullable().optional()
});
export const alertListSchema = z.object({
	active: z.array(alertSchema),
	recent: z.array(alertSchema)
});

const timelineEntry = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('created'),
		at: isoTime,
		category: z.enum(CATEGORIES),
		kind: z.enum(TICKET_KINDS),
		district: z.string(),
		callerNameMasked: z.string().nullable(),
		callerPhoneMasked: z.string().nullable(),
		summary: z.string().nullable(),
		deadlineAt: isoTime
	}),
	z.object({
		type: z.literal('dispatched'),
		at: isoTime,
		department: z.string(),
		onTime: z.boolean().nullable(),
		deadlineAt: isoTime.nullable()
	}),
	z.object({
		type: z.literal('feedback'),
		at: isoTime,
		outcome: z.enum(FEEDBACK_OUTCOMES),
		reason: z.string().nullable(),
		legalBasis: z.string().nullable()
	}),
	z.object({
		type: z.literal('survey'),
		at: isoTime,
		responded: z.boolean(),
		resolved: z.boolean(),
		satisfied: z.boolean()
	})
]);
export const ticketUrgeSchema = z.object({ at: isoTime, by: z.string(), note: z.string() });
/** The body of POST /api/v1/tickets/{id}/urge. */
export const URGE_NOTE_MAX = 500;
export const urgeInputSchema = z.strictObject({
	note: z
		.string()
		.trim()
		.min(1, 'must not be empty')
		.max(URGE_NOTE_MAX, `at most ${URGE_NOTE_MAX} characters`)
});

export const ticketTimelineSchema = z.object({
	ticketId: z.string(),
	status: z.enum(['pending', 'overdue', 'dispatched', 'closed', 'unknown']),
	entries: z.array(timelineEntry),
	urges: z.array(ticketUrgeSchema).optional()
});

export const callTotalsSchema = z.object({
	offered: count,
	answered: count,
	answeredWithinTarget: count,
	abandoned: count,
	waitSecondsSum: z.number().min(0),
	talkSecondsSum: z.number().min(0),
	ended: count,
	serviceLevel: rate,
	answerRate: rate,
	abandonRate: rate,
	asaSeconds: z.number().min(0).nullable(),
	ahtSeconds: z.number().min(0).nullable()
});
export const ticketTotalsSchema = z.object({
	created: count,
	dispatched: count,
	dispatchedOnTime: count,
	dispatchedLate: count,
	onTimeRate: rate,
	feedback: z.object({ resolved: count, unresolvable: count, unreasonable: count }),
	surveyed: count,
	responded: count,
	resolved: count,
	satisfied: count,
	responseRate: rate,
	resolutionRate: rate,
	satisfactionRate: rate,
	completion: z.object({
		closed: count,
		completionRate: z.number().min(0).nullable(),
		unresolvableShare: rate,
		unreasonableShare: rate
	})
});
export const historySummarySchema = z.object({
	from: day,
	to: day,
	timezone: z.string(),
	previous: z.object({ from: day, to: day, calls: callTotalsSchema, tickets: ticketTotalsSchema }),
	yearAgo: z.object({ from: day, to: day, calls: callTotalsSchema, tickets: ticketTotalsSchema }),
	queue: z.string().nullable(),
	calls: z.object({ all: callTotalsSchema, byQueue: z.record(z.string(), callTotalsSchema) }),
	tickets: z.object({
		all: ticketTotalsSchema,
		byCategory: byCategory(ticketTotalsSchema),
		byDistrict: z.record(z.string(), ticketTotalsSchema),
		byDepartment: z.record(z.string(), ticketTotalsSchema)
	}),
	targets: z.object({
		serviceLevelSeconds: z.number(),
		serviceLevel: z.number(),
		answerRate: z.number(),
		onTimeRate: z.number()
	}),
	queryMs: z.number().min(0)
});
export const historyIntradaySchema = z.object({
	timezone: z.string(),
	queue: z.string().nullable(),
	series: z.array(
		z.object({
			key: z.enum(['day', 'yesterday', 'lastWeek']),
			day,
			points: z.array(
				z.object({
					minute: z.number().int().min(0).max(1425),
					offered: count,
					answered: count,
					answeredWithinTarget: count,
					abandoned: count,
					waitSecondsSum: z.number().min(0)
				})
			)
		})
	),
	queryMs: z.number().min(0)
});
export const historyDailySchema = z.object({
	from: day,
	to: day,
	timezone: z.string(),
	queue: z.string().nullable(),
	days: z.array(z.object({ day, calls: callTotalsSchema, tickets: ticketTotalsSchema })),
	queryMs: z.number().min(0)
});

// ---- the 接诉即办 assessment ------------------------------------------------------------------
const score = z.number().min(0).max(100).nullable();
const rankOrNull = z.number().int().min(1).nullable();
export const assessmentWeightsBodySchema = z.object({
	responseRate: z.number().int().min(0).max(100),
	resolutionRate: z.number().int().min(0).max(100),
	satisfactionRate: z.number().int().min(0).max(100)
});
export const assessmentUnitSchema = z.object({
	name: z.string(),
	district: z.string().optional(),
	surveyed: count,
	responded: count,
	resolved: count,
	satisfied: count,
	responseRate: rate,
	resolutionRate: rate,
	satisfactionRate: rate,
	score,
	rank: rankOrNull,
	previousRank: rankOrNull,
	previousScore: score,
	rankChange: z.number().int().nullable(),
	scoreChange: z.number().nullable()
});
const rankingSchema = z.object({
	units: z.array(assessmentUnitSchema),
	red: z.array(assessmentUnitSchema),
	black: z.array(assessmentUnitSchema)
});
export const historyAssessmentSchema = z.object({
	from: day,
	to: day,
	timezone: z.string(),
	previous: z.object({ from: day, to: day }),
	weights: assessmentWeightsBodySchema,
	minSurveyed: count,
	all: assessmentUnitSchema,
	districts: rankingSchema,
	streets: rankingSchema,
	departments: rankingSchema,
	topics: z.array(z.object({ topic: z.string(), created: count, surveyed: count })),
	queryMs: z.number().min(0)
});
export const topicTrendSchema = z.object({
	topic: z.string(),
	months: z.array(
		z.object({
			month: z.string().regex(/^\d{4}-\d{2}$/),
			created: count,
			surveyed: count,
			responseRate: rate,
			resolutionRate: rate,
			satisfactionRate: rate
		})
	),
	queryMs: z.number().min(0)
});

// ---- boards and playlists (contract §9) --------------------------------------------------------
const boardCells = z.number().int().min(1).max(BOARD_MAX_CELLS);
export const boardTileSchema = z.object({
	type: z.string().describe('a tile type of the catalogue (src/lib/boards/catalogue.ts)'),
	x: z.number().int().min(0).describe('zero-based column'),
	y: z.number().int().min(0).describe('zero-based row'),
	w: z.number().int().min(1),
	h: z.number().int().min(1),
	options: z
		.object({ queue: z.string().optional(), metric: z.enum(['lastHour', 'today']).optional() })
		.optional()
});
export const boardSchema = z.object({
	id: z.string(),
	name: z.string(),
	columns: boardCells,
	rows: boardCells,
	tiles: z.array(boardTileSchema)
});
/** A PUT body: the board, its `id` optional (the URL's). */
export const boardInputSchema = boardSchema.extend({ id: z.string().optional() });
export const boardListSchema = z.array(
	z.object({ id: z.string(), name: z.string(), builtIn: z.boolean().optional() })
);
export const playlistSchema = z.object({
	id: z.string(),
	name: z.string(),
	items: z
		.array(z.object({ board: z.string(), seconds: z.number().int().min(PLAYLIST_MIN_SECONDS) }))
		.min(1),
	redAlertBoard: z.string().optional()
});
export const playlistInputSchema = playlistSchema.extend({ id: z.string().optional() });
export const playlistListSchema = z.array(z.object({ id: z.string(), name: z.string() }));

// ---- the schemas say what the types say (checked by svelte-check / tsc) ------------------------
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checks: [
	Same<z.infer<typeof snapshotSchema>, Snapshot>,
	Same<z.infer<typeof thresholdsSchema>, Thresholds>,
	Same<z.infer<typeof alertSchema>, Alert>,
	Same<z.infer<typeof alertListSchema>, AlertList>,
	Same<z.infer<typeof ticketTimelineSchema>, TicketTimeline>,
	Same<z.infer<typeof callTotalsSchema>, CallTotals>,
	Same<z.infer<typeof ticketTotalsSchema>, TicketTotals>,
	Same<z.infer<typeof historySummarySchema>, HistorySummary>,
	Same<z.infer<typeof historyIntradaySchema>, HistoryIntraday>,
	Same<z.infer<typeof historyDailySchema>, HistoryDaily>,
	Same<z.infer<typeof assessmentWeightsBodySchema>, AssessmentWeights>,
	Same<z.infer<typeof assessmentUnitSchema>, AssessmentUnit>,
	Same<z.infer<typeof historyAssessmentSchema>, HistoryAssessment>,
	Same<z.infer<typeof topicTrendSchema>, TopicTrend>,
	Same<z.infer<typeof boardSchema>, Board>,
	Same<z.infer<typeof boardListSchema>, BoardSummary[]>,
	Same<z.infer<typeof playlistSchema>, Playlist>,
	Same<z.infer<typeof playlistListSchema>, PlaylistSummary[]>
] = [
	true,
	true,
	true,
	true,
	true,
	true,
	true,
	true,
	true,
	true,
	true,
	true,
	true,
	true,
	true,
	true,
	true,
	true
];
void checks;
