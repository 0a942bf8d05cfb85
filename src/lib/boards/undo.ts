/**
 * Undo and redo over immutable states, pure: `push` records a new state (dropping what could be
 * redone), `undo` and `redo` step through them. A state equal to the present is not recorded, so a
 * drag that ends where it began or a key that hits the grid's edge leaves no empty step.
 */

export type History<T> = {
	readonly past: readonly T[];
	readonly present: T;
	readonly future: readonly T[];
};

/** Steps kept; the oldest fall off beyond it. */
export const HISTORY_LIMIT = 200;

export const startHistory = <T>(present: T): History<T> => ({ past: [], present, future: [] });

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

export function push<T>(h: History<T>, next: T, limit = HISTORY_LIMIT): History<T> {
	if (same(h.present, next)) return h;
	const past = [...h.past, h.present];
	return { past: past.slice(Math.max(0, past.length - limit)), present: next, future: [] };
}

export function undo<T>(h: History<T>): History<T> {
	if (h.past.length === 0) return h;
	return {
		past: h.past.slice(0, -1),
		present: h.past[h.past.length - 1]!,
		future: [h.present, ...h.future]
	};
}

export function redo<T>(h: History<T>): History<T> {
	if (h.future.length === 0) return h;
	return { past: [...h.past, h.present], present: h.future[0]!, future: h.future.slice(1) };
}

export const canUndo = (h: History<unknown>) => h.past.length > 0;
export const canRedo = (h: History<unknown>) => h.future.length > 0;
