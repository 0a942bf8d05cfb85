/**
 * The assessment as CSV for a meeting's spreadsheet: UTF-8 with BOM (Excel reads the Chinese),
 * readable headers in zh-CN or English, rates and scores as percentages / points with one
 * decimal. Sections: the range and weights, then districts, streets and departments, each in
 * rank order (unranked units last, rank left empty).
 */
import type {
	AssessmentRanking,
	AssessmentUnit,
	HistoryAssessment
} from '../../contract/assessment';

const BOM = '\uFEFF';

export type CsvLocale = 'zh-CN' | 'en';

const WORDS = {
	'zh-CN': {
		title: '接诉即办考核',
		range: '统计区间',
		previous: '对比区间',
		weights: '权重',
		weightsValue: (w: HistoryAssessment['weights']) =>
			`响应率 ${w.responseRate}% / 解决率 ${w.resolutionRate}% / 满意率 ${w.satisfactionRate}%`,
		minimum: '参与排名最少回访量',
		districts: '各区排名',
		streets: '街道（乡镇）排名',
		departments: '承办部门排名',
		columns: [
			'排名',
			'名称',
			'所属区',
			'回访量',
			'响应率',
			'解决率',
			'满意率',
			'综合得分',
			'上期排名',
			'名次变化',
			'得分变化'
		]
	},
	en: {
		title: 'Assessment (接诉即办)',
		range: 'Range',
		previous: 'Compared with',
		weights: 'Weights',
		weightsValue: (w: HistoryAssessment['weights']) =>
			`response ${w.responseRate}% / resolution ${w.resolutionRate}% / satisfaction ${w.satisfactionRate}%`,
		minimum: 'Minimum surveyed to be ranked',
		districts: 'Districts',
		streets: 'Streets',
		departments: 'Departments',
		columns: [
			'Rank',
			'Name',
			'District',
			'Surveyed',
			'Response rate',
			'Resolution rate',
			'Satisfaction rate',
			'Score',
			'Previous rank',
			'Rank change',
			'Score change'
		]
	}
} as const;

type Cell = string | number | null;

function cell(v: Cell): string {
	if (v === null) return '';
	const s = String(v);
	// Text a spreadsheet would run as a formula gets an apostrophe (a negative number stays one).
	const safe = typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const line = (cells: readonly Cell[]) => cells.map(cell).join(',');
const percent = (r: number | null) => (r === null ? null : `${(r * 100).toFixed(1)}%`);
const points = (n: number | null) => (n === null ? null : n.toFixed(1));
/** A change as a plain number (a spreadsheet sorts it), one decimal. */
const change = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

function unitLine(u: AssessmentUnit): string {
	return line([
		u.rank,
		u.name,
		u.district ?? '',
		u.surveyed,
		percent(u.responseRate),
		percent(u.resolutionRate),
		percent(u.satisfactionRate),
		points(u.score),
		u.previousRank,
		u.rankChange,
		change(u.scoreChange)
	]);
}

export function assessmentCsv(a: HistoryAssessment, locale: CsvLocale): string {
	const w = WORDS[locale];
	const out: string[] = [
		line([w.title]),
		line([w.range, `${a.from} – ${a.to}`]),
		line([w.previous, `${a.previous.from} – ${a.previous.to}`]),
		line([w.weights, w.weightsValue(a.weights)]),
		line([w.minimum, a.minSurveyed])
	];
	const section = (title: string, ranking: AssessmentRanking) => {
		out.push('', line([title]), line(w.columns));
		for (const u of ranking.units) out.push(unitLine(u));
	};
	section(w.districts, a.districts);
	section(w.streets, a.streets);
	section(w.departments, a.departments);
	return BOM + out.join('\r\n') + '\r\n';
}

export const assessmentFileName = (from: string, to: string) => `assessment-${from}-${to}.csv`;
