/**
 * A board from imported JSON text (a file or a paste), checked exactly as the API checks a PUT
 * (checkBoard). The file's own id is dropped: the board is stored under `id` (the board being
 * edited, or a new id), so an export of one board can be re-imported as another.
 */
import { checkBoard, type Checked } from '$lib/boards/validate';
import type { Board } from '$lib/contract/boards';

export type Imported = Checked<Board> | { ok: false; notJson: string };

export function importBoard(text: string, id: (name: string) => string): Imported {
	let input: unknown;
	try {
		input = JSON.parse(text);
	} catch (err) {
		return { ok: false, notJson: err instanceof Error ? err.message : String(err) };
	}
	if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
		const { id: _drop, ...rest } = input as Record<string, unknown>;
		void _drop;
		input = rest;
	}
	const name =
		typeof (input as { name?: unknown })?.name === 'string' ? (input as { name: string }).name : '';
	return checkBoard(input, id(name));
}
