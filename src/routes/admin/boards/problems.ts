/**
 * Problems (validate.ts, or a 400's `problems`) sorted to the tile or item they name, so the editor
 * shows each one at its tile; those naming none stay for the board as a whole.
 */
import type { BoardProblem } from '$lib/boards/validate';

export type ProblemKind = 'overlap' | 'outside' | 'small' | 'other';

export type ByIndex = {
	at: Map<number, { kind: ProblemKind; message: string }[]>;
	board: string[];
};

/** What a problem is about, from validate.ts's wording (for a short localized label). */
export function kindOf(message: string): ProblemKind {
	if (/ overlaps tile /.test(message)) return 'overlap';
	if (/ leaves the grid/.test(message)) return 'outside';
	if (/ is readable from /.test(message)) return 'small';
	return 'other';
}

/**
 * Problems by the index in `key` (`tile` or `item`). An overlap is shown at both tiles: validate
 * names the later one, and the earlier one gets the same message.
 */
export function byIndex(problems: readonly BoardProblem[], key: 'tile' | 'item' = 'tile'): ByIndex {
	const at: ByIndex['at'] = new Map();
	const board: string[] = [];
	const add = (i: number, kind: ProblemKind, message: string) => {
		const list = at.get(i) ?? [];
		if (!list.some((p) => p.message === message)) list.push({ kind, message });
		at.set(i, list);
	};
	for (const p of problems) {
		const i = p[key];
		if (typeof i !== 'number') {
			board.push(p.message);
			continue;
		}
		const kind = kindOf(p.message);
		add(i, kind, p.message);
		const other = kind === 'overlap' ? / overlaps tile (\d+) /.exec(p.message) : null;
		if (other) add(Number(other[1]), kind, p.message);
	}
	return { at, board };
}
