/**
 * Examples for the OpenAPI document, one per request and response body. openapi.test.ts parses
 * every one with its zod schema, so an example that no longer matches the API fails the tests.
 * Data, one entry per body: long because the API is.
 */
import type { CallTotals, TicketTotals } from '../../contract/history';

const calls: CallTotals = {
	offered: 1200,
	answered: 1140,
	answeredWithinTarget: 1026,
	abandoned: 60,
	waitSecondsSum: 9120,
	talkSecondsSum: 205_200,
	ended: 1140,
	serviceLevel: 0.855,
	answerRate: 0.95,
	abandonRate: 0.05,
	asaSeconds: 8,
	ahtSeconds: 180
};
const tickets: TicketTotals = {
	created: 300,
	dispatched: 290,
	dispatchedOnTime: 280,
	dispatchedLate: 10,
	onTimeRate: 0.9655,
	feedback: { resolved: 250, unresolvable: 5, unreasonable: 2 },
	surveyed: 100,
	responded: 80,
	resolved: 70,
	satisfied: 75,
	responseRate: 0.8,
	resolutionRate: 0.7,
	satisfactionRate: 0.75,
	completion: {
		closed: 257,
		completionRate: 0.8567,
		unresolvableShare: 0.0195,
		unreasonableShare: 0.0078
	}
};
const queue = {
	waiting: 3,
	longestWaitSeconds: 42,
	offeredToday: 812,
	answeredToday: 780,
	abandonedToday: 29,
	answeredWithinTargetToday: 690,
	serviceLevelToday: 0.8537,
	asaSecondsToday: 9.4,
	abandonRateToday: 0.0358,
	answered24h: 1450,
	abandoned24h: 51,
	answerRate24h: 0.966,
	abandonedAwaitingCallback: 4,
	oldestAwaitingCallbackAt: '2026-03-02T01:58:10.000Z',
	calledBack24h: 37,
	answerRate24hIn1h: 0.962,
	staffing: { offered30m: 360, ahtSeconds30m: 240, agentsNeeded: 54, agentsOnDuty: 52, gap: 2 }
};

const chaoyang = {
	name: '朝阳区',
	surveyed: 120,
	responded: 114,
	resolved: 96,
	satisfied: 102,
	responseRate: 0.95,
	resolutionRate: 0.8,
	satisfactionRate: 0.85,
	score: 86.25,
	rank: 1,
	previousRank: 3,
	previousScore: 82.1,
	rankChange: 2,
	scoreChange: 4.15
};

export const EXAMPLES = {
	queueLogBody:
		'1733011200|1733011200.42|general|NONE|ENTERQUEUE||13800000000|1\n' +
		'1733011207|1733011200.42|general|PJSIP/1001|CONNECT|7|1733011203.43|4\n',
	queueLogResult: { accepted: 2, duplicates: 0, ignored: 0, rejected: [] },
	assessmentWeights: { responseRate: 30, resolutionRate: 35, satisfactionRate: 35 },
	historyAssessment: {
		from: '2026-11-01',
		to: '2026-11-30',
		timezone: 'Asia/Shanghai',
		previous: { from: '2026-10-01', to: '2026-10-31' },
		weights: { responseRate: 30, resolutionRate: 35, satisfactionRate: 35 },
		minSurveyed: 10,
		all: { ...chaoyang, name: '全市', rank: null, previousRank: null, rankChange: null },
		districts: { units: [chaoyang], red: [chaoyang], black: [] },
		streets: {
			units: [{ ...chaoyang, name: '望京街道', district: '朝阳区' }],
			red: [{ ...chaoyang, name: '望京街道', district: '朝阳区' }],
			black: []
		},
		departments: { units: [], red: [], black: [] },
		topics: [{ topic: '供暖', created: 420, surveyed: 120 }],
		queryMs: 4.2
	},
	topicTrend: {
		topic: '供暖',
		months: [
			{
				month: '2026-11',
				created: 420,
				surveyed: 120,
				responseRate: 0.95,
				resolutionRate: 0.8,
				satisfactionRate: 0.85
			}
		],
		queryMs: 1.3
	},
	events: [
		{
			id: 'acd-7f3a-offered',
			at: '2026-03-02T08:00:00+08:00',
			type: 'call.offered',
			callId: 'c-7f3a',
			queue: 'general',
			caller: '13800000000'
		},
		{
			id: 'acd-7f3a-answered',
			at: '2026-03-02T08:00:12+08:00',
			type: 'call.answered',
			callId: 'c-7f3a',
			agentId: 'a-1001'
		},
		{
			id: 'acd-1001-busy',
			at: 1772409612000,
			type: 'agent.state',
			agentId: 'a-1001',
			state: 'busy'
		}
	],
	ingestResult: {
		accepted: 2,
		duplicates: 1,
		rejected: [
			{ index: 3, id: 'x-1', errors: ['queue: Invalid input: expected string, received undefined'] }
		]
	},
	snapshot: {
		seq: 4812,
		at: '2026-03-02T02:15:30.000Z',
		timezone: 'Asia/Shanghai',
		businessDay: '2026-03-02',
		calls: {
			all: queue,
			byQueue: { general: queue },
			series: {
				'2026-03-02T02:15Z': {
					waiting: 3,
					answeredWithinTarget: 11,
					answeredAfterTarget: 2,
					abandoned: 0
				}
			}
		},
		agents: { available: 12, busy: 40, wrapup: 5, break: 3, offline: 20 },
		tickets: {
			pending: { emergency: 2, livelihood: 15, general: 60 },
			overdue: { emergency: 1, livelihood: 0, general: 3 },
			overdueList: [
				{
					ticketId: 'T20260302-0042',
					category: 'emergency',
					kind: 'help',
					district: '朝阳区',
					createdAt: '2026-03-02T00:50:00.000Z',
					deadlineAt: '2026-03-02T01:50:00.000Z',
					overdueSeconds: 1530
				}
			],
			dispatchedToday: 210,
			dispatchedOnTimeToday: 201,
			survey30d: {
				surveyed: 900,
				responseRate: 0.82,
				resolutionRate: 0.74,
				satisfactionRate: 0.88
			},
			nextDeadlineAt: { livelihood: '2026-03-02T03:05:00.000Z' },
			byDistrict: {
				朝阳区: {
					createdToday: 118,
					createdLastHour: 23,
					pending: 14,
					overdue: 1,
					survey30d: {
						surveyed: 120,
						responseRate: 0.95,
						resolutionRate: 0.8,
						satisfactionRate: 0.85
					}
				}
			},
			topicsToday: [{ topic: '供暖', count: 64, lastHour: 23 }],
			surges: [{ district: '朝阳区', topic: '供暖', count: 23, expected: 6 }],
			topicsYesterday: { 供暖: 41 }
		}
	},
	thresholds: {
		metrics: {
			serviceLevelToday: { good: 0.8, warn: 0.7 },
			answerRate24h: { good: 0.95, warn: 0.9 },
			longestWaitSeconds: { good: 30, warn: 60 },
			overdueEmergency: { good: 0, warn: 0 },
			overdueLivelihood: { good: 0, warn: 3 },
			overdueGeneral: { good: 5, warn: 20 },
			staffingGap: { good: 0, warn: 2 },
			longCallSeconds: { good: 900, warn: 1200 },
			longWrapupSeconds: { good: 120, warn: 180 },
			longBreakSeconds: { good: 1200, warn: 1800 }
		},
		byQueue: {
			elderly: {
				longestWaitSeconds: { good: 10, warn: 20 },
				longCallSeconds: { good: 1200, warn: 1800 }
			}
		}
	},
	thresholdsInput: { metrics: { answerRate24h: { good: 0.96, warn: 0.9 } } },
	alert: {
		id: 17,
		key: 'serviceLevelToday:all',
		metric: 'serviceLevelToday',
		scope: 'all',
		level: 'bad',
		value: 0.64,
		raisedAt: '2026-03-02T01:40:00.000Z',
		clearedAt: null,
		ackedAt: '2026-03-02T01:41:10.000Z',
		ackedBy: 'wang.supervisor'
	},
	ticketTimeline: {
		ticketId: 'T20260302-0042',
		status: 'dispatched',
		entries: [
			{
				type: 'created',
				at: '2026-03-02T00:50:00.000Z',
				category: 'emergency',
				kind: 'help',
				district: '朝阳区',
				callerNameMasked: '张*',
				callerPhoneMasked: '138****0000',
				summary: '小区停水两天',
				deadlineAt: '2026-03-02T01:50:00.000Z'
			},
			{
				type: 'dispatched',
				at: '2026-03-02T01:20:00.000Z',
				department: '区水务局',
				onTime: true,
				deadlineAt: '2026-03-02T01:50:00.000Z'
			}
		]
	},
	historySummary: {
		from: '2026-02-01',
		to: '2026-02-28',
		timezone: 'Asia/Shanghai',
		previous: { from: '2026-01-04', to: '2026-01-31', calls, tickets },
		yearAgo: { from: '2025-02-01', to: '2025-02-28', calls, tickets },
		queue: null,
		calls: { all: calls, byQueue: { general: calls } },
		tickets: {
			all: tickets,
			byCategory: { emergency: tickets, livelihood: tickets, general: tickets },
			byDistrict: { 朝阳区: tickets },
			byDepartment: { 区水务局: tickets }
		},
		targets: { serviceLevelSeconds: 15, serviceLevel: 0.8, answerRate: 0.95, onTimeRate: 0.95 },
		queryMs: 12.4
	},
	historyIntraday: {
		timezone: 'Asia/Shanghai',
		queue: null,
		series: [
			{
				key: 'day',
				day: '2026-03-02',
				points: [
					{
						minute: 480,
						offered: 95,
						answered: 90,
						answeredWithinTarget: 80,
						abandoned: 4,
						waitSecondsSum: 610
					}
				]
			}
		],
		queryMs: 3.1
	},
	historyDaily: {
		from: '2026-03-01',
		to: '2026-03-01',
		timezone: 'Asia/Shanghai',
		queue: 'general',
		days: [{ day: '2026-03-01', calls, tickets }],
		queryMs: 2.2
	},
	problem: { message: 'from: must be a calendar date YYYY-MM-DD, got "2026-02-30"' },
	board: {
		id: 'dispatch-left',
		name: '派单左屏 Dispatch left',
		columns: 12,
		rows: 6,
		tiles: [
			{ type: 'waiting', x: 0, y: 0, w: 3, h: 2 },
			{ type: 'serviceLevel', x: 3, y: 0, w: 3, h: 2, options: { queue: 'elderly' } },
			{ type: 'tickets', x: 0, y: 2, w: 8, h: 4 },
			{ type: 'overdue', x: 8, y: 0, w: 4, h: 6 }
		]
	},
	boardList: [
		{ id: 'hall', name: '全场 Hall', builtIn: true },
		{ id: 'dispatch-left', name: '派单左屏 Dispatch left' }
	],
	boardProblem: {
		message: 'tile 2 (agents) overlaps tile 0 (waiting)',
		problems: [{ tile: 2, message: 'tile 2 (agents) overlaps tile 0 (waiting)' }]
	},
	playlist: {
		id: 'day',
		name: '白天轮播 Day rotation',
		items: [
			{ board: 'hall', seconds: 60 },
			{ board: 'dispatch-left', seconds: 30 }
		],
		redAlertBoard: 'queues'
	},
	playlistList: [{ id: 'day', name: '白天轮播 Day rotation' }]
};
