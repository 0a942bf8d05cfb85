/**
 * The simulated hall as data: one peak day of a Beijing 12345 hall. Long (~600 lines) because it
 * is tables (hourly arrivals, queues, topics, districts, calibration), not logic.
 *
 * Calibration from the real bank call center in /work/shared/data (Feb 1999; run in that dir):
 * - Talk time of calls served by a real agent: n 26,586, median 109 s, mean 180 s, log-normal
 *   fit μ 4.61, σ 1.22. We keep the shape (σ) and move the scale to a 12345 mean of ~240 s:
 *   median = 240 / e^(σ²/2) ≈ 114 s.
 *     tr -d '\r' < anonymous_bank_1999_02.tsv | awk -F'\t' 'NR>1 && $13=="AGENT" &&
 *       $17!="NO_SERVER" && $16>0 {n++; s+=$16; l+=log($16); q+=log($16)^2}
 *       END {m=l/n; print n, s/n, m, sqrt(q/n-m*m)}'
 * - Patience: Kaplan–Meier over queued calls (time q_time, event HANG, served = censored):
 *   S(30 s) 0.90, S(60 s) 0.82, S(120 s) 0.71, S(300 s) 0.49. A log-normal with median 280 s
 *   and σ 1.76 gives 0.90, 0.81, 0.69, 0.48.
 *     tr -d '\r' < anonymous_bank_1999_02.tsv | awk -F'\t' 'NR>1 && $10!="0:00:00" &&
 *       $13!="PHANTOM" {print $12, $13=="HANG"}' | sort -n | awk '{t[NR]=$1; d[NR]=$2}
 *       END {S=1; r=NR; for (i=1; i<=NR;) {x=t[i]; e=0; c=0; while (i<=NR && t[i]==x)
 *       {e+=d[i]; c++; i++} S*=1-e/r; r-=c; print x, S}}'
 * - The bank abandoned 12.6% of offered calls (3,963 of 31,403; offered = queued or served) and
 *   answered 49% within 15 s. A 12345 hall must answer ≥ 95% (接通率), so it is staffed better.
 *
 * Staffing: Erlang C per queue and hour (AHT ≈ 240 s talk + 23 s wrap-up + 3 s ring, target 80%
 * within 15 s) asks for ~335 agents at 10:00, when the offered load is ~305 Erlangs. Off-peak
 * hours get their Erlang C count plus room for breaks, which sit in the valleys of the curve.
 * The peaks get a little less than the load (~280 agents on the floor at 10:00): callers'
 * patience keeps the queue stable (Erlang A), and 09–11 and 14–16 show stress (20–60% within
 * 15 s, 5–10% abandoned in those hours). Measured over seeds 1–5 at scale 1: 71–79% within 15 s
 * overall, 2.3–3.3% abandoned.
 */
import type { Category, FeedbackOutcome, TicketKind } from '../../../contract/events';
import BEIJING_STREETS from './data/beijing-streets.json';

/** The real 街道 / 乡镇 of a Beijing district (data/README.md); throws on an unknown district. */
function streetsOf(district: string): readonly string[] {
	const streets = (BEIJING_STREETS as Record<string, string[]>)[district];
	if (streets === undefined || streets.length === 0) {
		throw new RangeError(`profile: no streets for district ${JSON.stringify(district)}`);
	}
	return streets;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** A log-normal duration, clamped to [min, max]; all in seconds. */
export type Duration = {
	medianSeconds: number;
	sigma: number;
	minSeconds: number;
	maxSeconds: number;
};

export type ShiftProfile = {
	id: string;
	/** Minutes after 00:00 of the business day. */
	startMinute: number;
	/** Minutes after 00:00; may exceed 1440 (the evening shift hands over after midnight). */
	endMinute: number;
	/**
	 * Breaks, placed in the valleys of the arrival curve: each agent's break starts within
	 * [fromMinute, toMinute − maxMinutes], staggered evenly over the shift's agents.
	 */
	breaks: readonly {
		fromMinute: number;
		toMinute: number;
		minMinutes: number;
		maxMinutes: number;
	}[];
};

export type QueueProfile = {
	/** Queue id as it appears in `call.offered.queue` and in the agents' `team`. */
	id: string;
	name: string;
	/** Share of the day's calls. */
	share: number;
	/** Agents per shift id at scale 1. */
	staffing: Readonly<Record<string, number>>;
};

export type TopicProfile = {
	/** The topic as it appears in `ticket.created.topic` (诉求主题). */
	name: string;
	category: Category;
	/** In season from `from` to `to` ('MM-DD', inclusive, may wrap the year); weight × `outside` otherwise. */
	season?: { from: string; to: string; outside: number };
	/** Weight multipliers by district (1 when absent). */
	districtFactors?: Readonly<Record<string, number>>;
	/** Relative weight within its category. */
	weight: number;
	kinds: readonly { kind: TicketKind; weight: number }[];
	/** `{district}` → 朝阳区, `{d}` → 朝阳, `{street}` → a street of the district. */
	departments: readonly string[];
	/** What the caller said; `{place}` is replaced by an address. */
	texts: readonly string[];
};

export type HallProfile = {
	/** Calls offered per hour of the day (00–01 … 23–24), at scale 1. Sums to the day. */
	callsPerHour: readonly number[];
	queues: readonly QueueProfile[];
	shifts: readonly ShiftProfile[];
	ringSeconds: { min: number; max: number };
	talk: Duration;
	wrapup: Duration;
	patience: Duration;
	/** Share of answered calls that register a ticket (≈ 60% of offered calls). */
	ticketShareOfAnswered: number;
	categoryWeights: Readonly<Record<Category, number>>;
	topics: readonly TopicProfile[];
	districts: readonly { name: string; short: string; weight: number; streets: readonly string[] }[];
	dispatch: {
		deadlineMs: Readonly<Record<Category, number>>;
		/** On-time dispatch delay per category (drawn again when it would miss the deadline). */
		onTime: Readonly<Record<Category, Duration>>;
		/** Share dispatched after the deadline; lateness is exponential, mean × deadline. */
		lateShare: number;
		meanLatenessOfDeadline: number;
	};
	feedback: {
		delay: Readonly<Record<Category, Duration>>;
		outcomeWeights: Readonly<Record<FeedbackOutcome, number>>;
		reasons: readonly string[];
		legalBases: readonly string[];
	};
	survey: {
		delay: Duration;
		/** Callbacks are placed between these local hours. */
		fromHour: number;
		toHour: number;
		responseRate: number;
		/** P(resolved | responded) by feedback outcome. */
		resolvedGiven: Readonly<Record<FeedbackOutcome, number>>;
		/** P(satisfied | responded) when resolved / not resolved. */
		satisfiedIfResolved: number;
		satisfiedIfNotResolved: number;
	};
	names: { surnames: readonly string[]; given: readonly string[]; communities: readonly string[] };
};

const HM = (h: number, m = 0) => h * 60 + m;
/** A break of `min`–`max` minutes starting, staggered over the agents, within [from, to]. */
const brk = (from: number, to: number, minMinutes: number, maxMinutes: number) => ({
	fromMinute: from,
	toMinute: to,
	minMinutes,
	maxMinutes
});

/** The peak-day profile: 56,000 calls, 655 agents on the roster, ~280 on the floor at 10:00. */
export const PEAK_DAY_PROFILE: HallProfile = {
	// Low at night, a ramp from 07:00, peaks 09–11 and 14–16, a long evening tail.
	// prettier-ignore
	callsPerHour: [
		582, 407, 291, 233, 233, 349, 815, 1863, 3493, 4017, 4134, 3784,
		3376, 3609, 3958, 4075, 3726, 3493, 3027, 2794, 2561, 2212, 1746, 1222
	],
	queues: [
		{
			id: 'general',
			name: '综合',
			share: 0.7,
			staffing: { night: 50, early: 65, day: 104, am: 19, mid: 50, late: 35, pm: 5, evening: 105 }
		},
		{
			id: 'enterprise',
			name: '企业',
			share: 0.12,
			staffing: { night: 12, early: 13, day: 20, am: 4, mid: 10, late: 7, pm: 1, evening: 21 }
		},
		{
			id: 'elderly',
			name: '老年人',
			share: 0.13,
			staffing: { night: 13, early: 14, day: 22, am: 4, mid: 10, late: 7, pm: 1, evening: 22 }
		},
		{
			id: 'foreign',
			name: '外语',
			share: 0.05,
			staffing: { night: 6, early: 6, day: 8, am: 2, mid: 5, late: 3, pm: 1, evening: 10 }
		}
	],
	shifts: [
		{
			id: 'night',
			startMinute: 0,
			endMinute: HM(8),
			breaks: [brk(HM(1), HM(3), 10, 15), brk(HM(3), HM(5, 30), 25, 35)]
		},
		{
			id: 'early',
			startMinute: HM(6, 30),
			endMinute: HM(14, 30),
			breaks: [brk(HM(11, 30), HM(13, 30), 25, 35)]
		},
		{
			id: 'day',
			startMinute: HM(8),
			endMinute: HM(17),
			breaks: [brk(HM(11, 45), HM(13, 45), 25, 35), brk(HM(13, 15), HM(14, 15), 8, 12)]
		},
		{
			id: 'am',
			startMinute: HM(8),
			endMinute: HM(12, 30),
			breaks: [brk(HM(11, 30), HM(12, 30), 8, 12)]
		},
		{
			id: 'mid',
			startMinute: HM(12),
			endMinute: HM(21),
			breaks: [brk(HM(13), HM(14), 10, 15), brk(HM(17, 30), HM(19, 30), 25, 35)]
		},
		{
			id: 'late',
			startMinute: HM(13),
			endMinute: HM(22),
			breaks: [brk(HM(16, 15), HM(17, 15), 10, 15), brk(HM(18), HM(20), 25, 35)]
		},
		{
			id: 'pm',
			startMinute: HM(14),
			endMinute: HM(18),
			breaks: [brk(HM(16, 30), HM(17, 30), 8, 12)]
		},
		{
			id: 'evening',
			startMinute: HM(17),
			endMinute: HM(24, 30),
			breaks: [brk(HM(18, 45), HM(20, 45), 25, 35), brk(HM(20, 45), HM(22, 15), 10, 15)]
		}
	],
	ringSeconds: { min: 1, max: 5 },
	talk: { medianSeconds: 114, sigma: 1.22, minSeconds: 8, maxSeconds: 3600 },
	wrapup: { medianSeconds: 20, sigma: 0.5, minSeconds: 3, maxSeconds: 300 },
	patience: { medianSeconds: 280, sigma: 1.76, minSeconds: 2, maxSeconds: 1800 },
	ticketShareOfAnswered: 0.63,
	categoryWeights: { emergency: 0.03, livelihood: 0.25, general: 0.72 },
	topics: [
		// emergency: threats to life or property
		{
			category: 'emergency',
			name: '燃气泄漏',
			weight: 3,
			kinds: [
				{ kind: 'report', weight: 3 },
				{ kind: 'help', weight: 2 }
			],
			departments: ['北京市燃气集团', '{district}应急管理局'],
			texts: ['{place}楼道内燃气味很重，怀疑燃气泄漏，请求立即派人处置。']
		},
		{
			category: 'emergency',
			name: '电梯困人',
			weight: 2,
			kinds: [{ kind: 'help', weight: 1 }],
			departments: ['{district}市场监管局'],
			texts: ['{place}电梯突然停在两层之间，有老人被困，物业电话无人接听。']
		},
		{
			category: 'emergency',
			name: '井盖缺失',
			weight: 2,
			kinds: [{ kind: 'report', weight: 1 }],
			departments: ['{district}城管委', '{district}水务局'],
			texts: [
				'{place}门口路面井盖缺失，已有行人险些踏空，请尽快处置。',
				'{place}附近路面出现塌陷，坑洞逐渐扩大。'
			]
		},
		{
			category: 'emergency',
			name: '建筑安全',
			weight: 1,
			kinds: [{ kind: 'report', weight: 1 }],
			departments: ['{district}住建委'],
			texts: ['{place}外墙保温层大面积脱落，楼下是人行道，存在坠落伤人风险。']
		},
		// livelihood: water, power, gas, heating, extreme weather
		{
			category: 'livelihood',
			name: '停水',
			weight: 5,
			kinds: [
				{ kind: 'complaint', weight: 3 },
				{ kind: 'help', weight: 2 },
				{ kind: 'inquiry', weight: 1 }
			],
			departments: ['北京市自来水集团', '{district}水务局'],
			texts: [
				'{place}从早上开始停水，未见任何停水通知，家中有老人孩子。',
				'{place}自来水水压很低，高层基本无水。'
			]
		},
		{
			category: 'livelihood',
			name: '停电',
			season: { from: '06-15', to: '09-15', outside: 0.7 },
			weight: 4,
			kinds: [
				{ kind: 'complaint', weight: 2 },
				{ kind: 'help', weight: 2 },
				{ kind: 'inquiry', weight: 1 }
			],
			departments: ['国网北京{d}供电公司'],
			texts: [
				'{place}整栋楼停电已超过三小时，冰箱里的药品需要冷藏。',
				'{place}近一周频繁跳闸停电，希望查明原因。'
			]
		},
		{
			category: 'livelihood',
			name: '燃气',
			weight: 3,
			kinds: [
				{ kind: 'complaint', weight: 2 },
				{ kind: 'inquiry', weight: 1 }
			],
			departments: ['北京市燃气集团'],
			texts: ['{place}燃气表显示正常但灶具打不着火，燃气公司热线一直占线。']
		},
		{
			category: 'livelihood',
			name: '供暖',
			season: { from: '11-15', to: '03-15', outside: 0.05 },
			districtFactors: { 东城区: 1.6, 西城区: 1.6, 石景山区: 1.3 },
			weight: 4,
			kinds: [
				{ kind: 'complaint', weight: 3 },
				{ kind: 'help', weight: 1 }
			],
			departments: ['北京市热力集团', '{district}城管委'],
			texts: [
				'{place}暖气不热，室温只有十四度，家中有婴儿。',
				'{place}暖气管道漏水，楼下住户屋顶被泡。'
			]
		},
		{
			category: 'livelihood',
			name: '排水',
			season: { from: '06-15', to: '09-15', outside: 0.4 },
			weight: 2,
			kinds: [
				{ kind: 'report', weight: 2 },
				{ kind: 'help', weight: 1 }
			],
			departments: ['{district}水务局', '{district}{street}办事处'],
			texts: [
				'{place}小区下水道堵塞，污水外溢到楼道。',
				'{place}暴雨后地下车库严重积水，请求抽排。'
			]
		},
		// general
		{
			category: 'general',
			name: '噪音扰民',
			districtFactors: { 朝阳区: 1.5, 海淀区: 1.3, 通州区: 1.3 },
			weight: 6,
			kinds: [
				{ kind: 'complaint', weight: 4 },
				{ kind: 'report', weight: 1 }
			],
			departments: ['{district}{street}办事处', '{district}生态环境局'],
			texts: [
				'{place}附近工地夜间施工，噪音严重影响休息。',
				'{place}楼下商铺音响声音过大，多次沟通无果。'
			]
		},
		{
			category: 'general',
			name: '私搭乱建',
			districtFactors: { 昌平区: 1.5, 房山区: 1.4, 大兴区: 1.3 },
			weight: 4,
			kinds: [{ kind: 'report', weight: 1 }],
			departments: ['{district}城管执法局', '{district}{street}办事处'],
			texts: ['{place}有住户在楼顶私搭乱建，占用公共空间。', '{place}一层住户私自破墙开店。']
		},
		{
			category: 'general',
			name: '物业管理',
			weight: 6,
			kinds: [
				{ kind: 'complaint', weight: 3 },
				{ kind: 'help', weight: 1 },
				{ kind: 'suggestion', weight: 1 }
			],
			departments: ['{district}住建委', '{district}{street}办事处'],
			texts: [
				'{place}物业服务不到位，楼道灯坏了一个月没人修。',
				'{place}物业擅自上调停车费，业主不认可。'
			]
		},
		{
			category: 'general',
			name: '消费维权',
			weight: 5,
			kinds: [
				{ kind: 'complaint', weight: 3 },
				{ kind: 'inquiry', weight: 1 }
			],
			departments: ['{district}市场监管局'],
			texts: [
				'来电人在{place}附近一家健身房办卡后门店关闭，要求退费。',
				'来电人在{place}附近超市购买的食品已过保质期。'
			]
		},
		{
			category: 'general',
			name: '劳动纠纷',
			districtFactors: { 大兴区: 1.5, 通州区: 1.4, 顺义区: 1.3 },
			weight: 3,
			kinds: [
				{ kind: 'help', weight: 3 },
				{ kind: 'complaint', weight: 1 }
			],
			departments: ['{district}人力社保局'],
			texts: ['来电人在{place}附近工地务工，被拖欠工资三个月。']
		},
		{
			category: 'general',
			name: '社会保障',
			weight: 7,
			kinds: [
				{ kind: 'inquiry', weight: 5 },
				{ kind: 'suggestion', weight: 1 }
			],
			departments: ['{district}人力社保局', '{district}医保局'],
			texts: [
				'来电人住{place}，咨询灵活就业人员社保缴费标准。',
				'来电人住{place}，咨询异地就医备案办理流程。'
			]
		},
		{
			category: 'general',
			name: '户籍',
			weight: 4,
			kinds: [{ kind: 'inquiry', weight: 1 }],
			departments: ['北京市公安局{d}分局'],
			texts: ['来电人住{place}，咨询子女落户需要准备的材料。']
		},
		{
			category: 'general',
			name: '交通出行',
			weight: 4,
			kinds: [
				{ kind: 'suggestion', weight: 2 },
				{ kind: 'complaint', weight: 2 },
				{ kind: 'inquiry', weight: 1 }
			],
			departments: ['{district}交通委', '{district}{street}办事处'],
			texts: [
				'{place}附近公交站台距离过远，建议增设站点。',
				'{place}周边路口早高峰拥堵，建议优化信号灯配时。'
			]
		},
		{
			category: 'general',
			name: '市容环境',
			weight: 3,
			kinds: [
				{ kind: 'complaint', weight: 2 },
				{ kind: 'suggestion', weight: 1 }
			],
			departments: ['{district}城管委', '{district}{street}办事处'],
			texts: ['{place}垃圾桶满溢两天未清运，气味很大。']
		},
		{
			category: 'general',
			name: '表扬',
			weight: 1.5,
			kinds: [{ kind: 'praise', weight: 1 }],
			departments: ['{district}{street}办事处', '国网北京{d}供电公司'],
			texts: ['来电人表扬{place}所在社区工作人员上门帮助独居老人，服务热情。']
		},
		{
			name: '暴雨积水',
			category: 'livelihood',
			weight: 3,
			season: { from: '06-20', to: '08-31', outside: 0 },
			districtFactors: { 房山区: 1.6, 门头沟区: 1.6, 丰台区: 1.3 },
			kinds: [
				{ kind: 'help', weight: 3 },
				{ kind: 'report', weight: 2 }
			],
			departments: ['{district}水务局', '{street}办事处'],
			texts: ['暴雨后{place}附近道路积水没过膝盖，车辆无法通行，请求排水。']
		},
		{
			name: '教育',
			category: 'general',
			weight: 3,
			kinds: [
				{ kind: 'inquiry', weight: 3 },
				{ kind: 'complaint', weight: 1 }
			],
			departments: ['{district}教委'],
			texts: ['来电人住{place}，咨询孩子入学划片和报名时间。']
		},
		{
			name: '医疗卫生',
			category: 'general',
			weight: 3,
			kinds: [
				{ kind: 'complaint', weight: 2 },
				{ kind: 'inquiry', weight: 2 }
			],
			departments: ['{district}卫健委'],
			texts: ['来电人反映{place}附近社区卫生服务中心挂号难，药品不全。']
		},
		{
			name: '房屋租赁',
			category: 'general',
			weight: 3,
			districtFactors: { 朝阳区: 1.4, 海淀区: 1.3, 昌平区: 1.3 },
			kinds: [
				{ kind: 'complaint', weight: 3 },
				{ kind: 'inquiry', weight: 1 }
			],
			departments: ['{district}住建委'],
			texts: ['来电人租住{place}，退租时中介拒不退还押金。']
		}
	],
	// Weights: resident population (10k, 2020 census), rounded.
	districts: [
		{ name: '东城区', short: '东城', weight: 71, streets: streetsOf('东城区') },
		{ name: '西城区', short: '西城', weight: 111, streets: streetsOf('西城区') },
		{ name: '朝阳区', short: '朝阳', weight: 345, streets: streetsOf('朝阳区') },
		{ name: '海淀区', short: '海淀', weight: 313, streets: streetsOf('海淀区') },
		{ name: '丰台区', short: '丰台', weight: 202, streets: streetsOf('丰台区') },
		{ name: '石景山区', short: '石景山', weight: 57, streets: streetsOf('石景山区') },
		{ name: '门头沟区', short: '门头沟', weight: 39, streets: streetsOf('门头沟区') },
		{ name: '房山区', short: '房山', weight: 131, streets: streetsOf('房山区') },
		{ name: '通州区', short: '通州', weight: 184, streets: streetsOf('通州区') },
		{ name: '顺义区', short: '顺义', weight: 132, streets: streetsOf('顺义区') },
		{ name: '昌平区', short: '昌平', weight: 227, streets: streetsOf('昌平区') },
		{ name: '大兴区', short: '大兴', weight: 199, streets: streetsOf('大兴区') },
		{ name: '怀柔区', short: '怀柔', weight: 44, streets: streetsOf('怀柔区') },
		{ name: '平谷区', short: '平谷', weight: 46, streets: streetsOf('平谷区') },
		{ name: '密云区', short: '密云', weight: 53, streets: streetsOf('密云区') },
		{ name: '延庆区', short: '延庆', weight: 35, streets: streetsOf('延庆区') }
	],
	dispatch: {
		deadlineMs: { emergency: HOUR_MS, livelihood: 2 * HOUR_MS, general: DAY_MS },
		onTime: {
			emergency: { medianSeconds: 12 * 60, sigma: 0.6, minSeconds: 60, maxSeconds: 3600 },
			livelihood: { medianSeconds: 25 * 60, sigma: 0.7, minSeconds: 120, maxSeconds: 7200 },
			general: { medianSeconds: 3 * 3600, sigma: 1, minSeconds: 300, maxSeconds: 86_400 }
		},
		lateShare: 0.04,
		meanLatenessOfDeadline: 0.3
	},
	feedback: {
		delay: {
			emergency: { medianSeconds: 3 * 3600, sigma: 0.7, minSeconds: 1800, maxSeconds: 3 * 86_400 },
			livelihood: {
				medianSeconds: 20 * 3600,
				sigma: 0.7,
				minSeconds: 3600,
				maxSeconds: 7 * 86_400
			},
			general: {
				medianSeconds: 3 * 86_400,
				sigma: 0.6,
				minSeconds: 4 * 3600,
				maxSeconds: 15 * 86_400
			}
		},
		outcomeWeights: { resolved: 0.88, unresolvable: 0.08, unreasonable: 0.04 },
		reasons: [
			'该问题属于历史遗留问题，需市级层面统筹解决，已报上级部门。',
			'所涉区域已列入规划拆迁范围，暂不具备改造条件。',
			'诉求涉及房屋产权纠纷，需通过司法途径解决，已告知来电人。',
			'改造资金尚未落实，已纳入明年工作计划。',
			'涉事企业已注销，无法联系责任主体。'
		],
		legalBases: [
			'《中华人民共和国民法典》第九百四十四条：物业服务人已按约定提供服务的，业主不得以未接受或者无需接受相关物业服务为由拒绝支付物业费。',
			'《中华人民共和国民法典》第二百八十八条：不动产的相邻权利人应当按照有利生产、方便生活、团结互助、公平合理的原则，正确处理相邻关系；属民事纠纷，建议协商或诉讼解决。',
			'《中华人民共和国民法典》第五百七十七条：违约责任由合同当事人依约承担，属合同纠纷，不属于行政管理职责范围。',
			'《中华人民共和国消费者权益保护法》第二十五条：消费者定作的商品不适用七日无理由退货。',
			'《中华人民共和国劳动争议调解仲裁法》第二十七条：劳动争议申请仲裁的时效期间为一年，诉求已超过仲裁时效。'
		]
	},
	survey: {
		delay: { medianSeconds: 86_400, sigma: 0.5, minSeconds: 3 * 3600, maxSeconds: 5 * 86_400 },
		fromHour: 9,
		toHour: 20,
		responseRate: 0.98,
		resolvedGiven: { resolved: 0.84, unresolvable: 0.15, unreasonable: 0.05 },
		satisfiedIfResolved: 0.96,
		satisfiedIfNotResolved: 0.6
	},
	// prettier-ignore
	names: {
		surnames: [
			'王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴',
			'徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗'
		],
		given: [
			'伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋',
			'勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '桂兰', '建国',
			'淑珍', '志强', '海燕', '立新'
		],
		communities: [
			'幸福', '和平里', '阳光', '金隅', '融泽嘉园', '望京西园', '芍药居', '天通东苑',
			'枣园', '新源里', '石榴园', '莲花池'
		]
	}
};
