/**
 * The tile catalogue (contract §9): every tile type a board may hold, with its name in both
 * languages, the options it takes and the smallest cell span it stays readable in (12×6 grid at
 * 1080p, looked at in screenshots: a 2×2 cell is ~300×170 px). Pure data, shared by the server's
 * validation, the wall's renderer and the editor.
 */

/** Options a tile type may take. `queue` narrows a call tile to one queue. */
export type TileOptionName = 'queue' | 'metric';

export type TileTypeInfo = {
	name: { 'zh-CN': string; en: string };
	/** Options the tile reads; anything else in `options` is refused. */
	options: readonly TileOptionName[];
	/** The smallest span (cells of a 12×6 grid) the tile stays readable at 10 m in. */
	min: { w: number; h: number };
	/** The span the editor gives a new tile of this type. */
	size: { w: number; h: number };
};

export const TILE_TYPES = {
	waiting: {
		name: { 'zh-CN': '排队等待', en: 'Waiting' },
		options: ['queue'],
		min: { w: 2, h: 2 },
		size: { w: 3, h: 2 }
	},
	longestWait: {
		name: { 'zh-CN': '最长等待', en: 'Longest wait' },
		options: ['queue'],
		min: { w: 2, h: 2 },
		size: { w: 3, h: 2 }
	},
	serviceLevel: {
		name: { 'zh-CN': '今日服务水平', en: 'Service level today' },
		options: ['queue'],
		min: { w: 2, h: 2 },
		size: { w: 3, h: 2 }
	},
	answerRate24h: {
		name: { 'zh-CN': '24 小时接通率', en: '24 h answer rate' },
		options: ['queue'],
		min: { w: 2, h: 2 },
		size: { w: 3, h: 2 }
	},
	today: {
		name: { 'zh-CN': '今日话务', en: 'Calls today' },
		options: ['queue'],
		min: { w: 2, h: 2 },
		size: { w: 3, h: 2 }
	},
	series: {
		name: { 'zh-CN': '近两小时话务', en: 'Last two hours' },
		options: ['queue'],
		min: { w: 3, h: 2 },
		size: { w: 5, h: 2 }
	},
	queues: {
		name: { 'zh-CN': '各队列', en: 'Queues' },
		options: [],
		min: { w: 3, h: 2 },
		size: { w: 4, h: 2 }
	},
	agents: {
		name: { 'zh-CN': '坐席状态', en: 'Agents' },
		options: ['queue'],
		min: { w: 2, h: 2 },
		size: { w: 3, h: 2 }
	},
	tickets: {
		name: { 'zh-CN': '今日工单', en: 'Tickets today' },
		options: [],
		min: { w: 3, h: 2 },
		size: { w: 4, h: 2 }
	},
	overdue: {
		name: { 'zh-CN': '超时工单', en: 'Overdue tickets' },
		options: [],
		min: { w: 3, h: 2 },
		size: { w: 5, h: 2 }
	},
	alerts: {
		name: { 'zh-CN': '告警', en: 'Alerts' },
		options: [],
		min: { w: 3, h: 1 },
		size: { w: 6, h: 1 }
	},
	clock: {
		name: { 'zh-CN': '时钟', en: 'Clock' },
		options: [],
		min: { w: 2, h: 1 },
		size: { w: 2, h: 1 }
	},
	districtMap: {
		name: { 'zh-CN': '各区工单地图', en: 'District map' },
		options: ['metric'],
		min: { w: 4, h: 3 },
		size: { w: 7, h: 6 }
	},
	topics: {
		name: { 'zh-CN': '热点诉求', en: 'Hot topics' },
		options: [],
		min: { w: 3, h: 2 },
		size: { w: 5, h: 2 }
	},
	staffing: {
		name: { 'zh-CN': '在岗与所需坐席', en: 'Staffing' },
		options: ['queue'],
		min: { w: 3, h: 2 },
		size: { w: 5, h: 2 }
	},
	callbacks: {
		name: { 'zh-CN': '未接回拨', en: 'Callbacks' },
		options: ['queue'],
		min: { w: 2, h: 2 },
		size: { w: 2, h: 2 }
	},
	districtRanking: {
		name: { 'zh-CN': '各区排名', en: 'District ranking' },
		options: ['metric'],
		min: { w: 3, h: 2 },
		size: { w: 4, h: 3 }
	}
} as const satisfies Record<string, TileTypeInfo>;

export type TileType = keyof typeof TILE_TYPES;

export const TILE_TYPE_NAMES = Object.keys(TILE_TYPES) as TileType[];

export const isTileType = (s: string): s is TileType => Object.hasOwn(TILE_TYPES, s);

/** `options.metric` values: the map and the ranking colour or sort by the last hour or today. */
export const TILE_METRICS = ['lastHour', 'today'] as const;
export type TileMetric = (typeof TILE_METRICS)[number];
