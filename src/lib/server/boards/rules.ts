/**
 * The rules of the boards feature that need no storage: what may be deleted, which boards a
 * playlist names that do not exist, a screen assignment from a form or JSON, the one message of a
 * 400. Pure, so they are tested by table (rules.test.ts); index.ts does the I/O around them.
 */
import { z } from 'zod';
import {
	BOARD_ID_PATTERN,
	type NightSchedule,
	type Playlist,
	type ScreenAssignment
} from '../../contract/boards';
import type { BoardProblem } from '../../boards/validate';

/** A 400, 404 or 409 of the feature; routes and form actions tell it by its name. */
export class BoardsError extends Error {
	override name = 'BoardsError';
	constructor(
		readonly status: 400 | 404 | 409,
		message: string,
		readonly problems?: BoardProblem[]
	) {
		super(message);
	}
}

/** One line for `message`: the first problem, and how many more there are. */
export function problemsMessage(problems: readonly BoardProblem[]): string {
	const [first] = problems;
	if (!first) return 'invalid';
	const more = problems.length - 1;
	return more > 0 ? `${first.message} (and ${more} more)` : first.message;
}

/** The items of a playlist (and its red-alert board) that name no board. */
export function missingBoards(
	playlist: Pick<Playlist, 'items' | 'redAlertBoard'>,
	exists: (id: string) => boolean
): BoardProblem[] {
	const problems: BoardProblem[] = playlist.items.flatMap((item, i) =>
		exists(item.board)
			? []
			: [{ item: i, field: 'board', message: `item ${i}: no board "${item.board}"` }]
	);
	if (playlist.redAlertBoard !== undefined && !exists(playlist.redAlertBoard))
		problems.push({
			field: 'redAlertBoard',
			message: `redAlertBoard: no board "${playlist.redAlertBoard}"`
		});
	return problems;
}

/** A screen as the usage check sees it. */
export type ScreenUse = { name: string; assignment: ScreenAssignment };

/** Who uses board `id`: playlists (as an item or the red-alert board) and screens (by name). */
export function boardUsers(
	id: string,
	playlists: readonly Playlist[],
	screens: readonly ScreenUse[]
): { playlists: string[]; screens: string[] } {
	return {
		playlists: playlists
			.filter((p) => p.redAlertBoard === id || p.items.some((item) => item.board === id))
			.map((p) => p.name),
		screens: screens
			.filter((s) => s.assignment.board === id || s.assignment.night?.board === id)
			.map((s) => s.name)
	};
}

/** The screens that rotate through playlist `id`. */
export function playlistUsers(id: string, screens: readonly ScreenUse[]): string[] {
	return screens.filter((s) => s.assignment.playlist === id).map((s) => s.name);
}

/** "in use by playlist “Day”, screens “Hall left”, “Hall right”" or null when unused. */
export function inUseMessage(users: { playlists?: string[]; screens?: string[] }): string | null {
	const q = (names: string[]) => names.map((n) => `“${n}”`).join(', ');
	const parts: string[] = [];
	if (users.playlists?.length)
		parts.push(`${users.playlists.length === 1 ? 'playlist' : 'playlists'} ${q(users.playlists)}`);
	if (users.screens?.length)
		parts.push(`${users.screens.length === 1 ? 'screen' : 'screens'} ${q(users.screens)}`);
	return parts.length > 0 ? `in use by ${parts.join(' and ')}` : null;
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const idSchema = z.string().regex(BOARD_ID_PATTERN, 'is not a valid id');
const nightSchema = z
	.strictObject({
		from: z.string().regex(HH_MM, 'must be HH:MM (00:00–23:59)'),
		to: z.string().regex(HH_MM, 'must be HH:MM (00:00–23:59)'),
		mode: z.enum(['dim', 'board']),
		board: idSchema.optional()
	})
	.refine((n) => n.from !== n.to, { message: 'from and to must differ', path: ['to'] })
	.refine((n) => (n.mode === 'board') === (n.board !== undefined), {
		message: 'a board is needed for mode "board", and only then',
		path: ['board']
	});
const assignmentSchema = z
	.strictObject({
		board: idSchema.optional(),
		playlist: idSchema.optional(),
		night: nightSchema.optional()
	})
	.refine((a) => a.board === undefined || a.playlist === undefined, {
		message: 'a board or a playlist, not both',
		path: ['playlist']
	});

/**
 * A screen assignment from untrusted input, with every board and playlist it names checked by
 * `exists`. Throws a BoardsError (400) naming the first bad field.
 */
export function parseAssignment(
	input: unknown,
	exists: { board(id: string): boolean; playlist(id: string): boolean }
): ScreenAssignment {
	const parsed = assignmentSchema.safeParse(input);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const path = issue?.path.map(String).join('.') ?? '';
		throw new BoardsError(400, `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}`);
	}
	const a = parsed.data;
	if (a.board !== undefined && !exists.board(a.board))
		throw new BoardsError(400, `board: no board "${a.board}"`);
	if (a.playlist !== undefined && !exists.playlist(a.playlist))
		throw new BoardsError(400, `playlist: no playlist "${a.playlist}"`);
	if (a.night?.board !== undefined && !exists.board(a.night.board))
		throw new BoardsError(400, `night.board: no board "${a.night.board}"`);
	const night: NightSchedule | undefined = a.night && {
		from: a.night.from,
		to: a.night.to,
		mode: a.night.mode,
		...(a.night.board !== undefined ? { board: a.night.board } : {})
	};
	return {
		...(a.board !== undefined ? { board: a.board } : {}),
		...(a.playlist !== undefined ? { playlist: a.playlist } : {}),
		...(night ? { night } : {})
	};
}

/**
 * The /admin/displays form: `show` is `board:<id>`, `playlist:<id>` or empty (the default board);
 * `night` is empty, `dim` or `board`, with `nightFrom`, `nightTo` and `nightBoard`.
 */
export function assignmentFromForm(get: (name: string) => string): unknown {
	const show = get('show');
	const night = get('night');
	const [kind, ...rest] = show.split(':');
	const id = rest.join(':');
	return {
		...(kind === 'board' && id ? { board: id } : {}),
		...(kind === 'playlist' && id ? { playlist: id } : {}),
		...(show !== '' && kind !== 'board' && kind !== 'playlist' ? { board: show } : {}),
		...(night === 'dim' || night === 'board'
			? {
					night: {
						from: get('nightFrom'),
						to: get('nightTo'),
						mode: night,
						...(night === 'board' && get('nightBoard') ? { board: get('nightBoard') } : {})
					}
				}
			: {})
	};
}

/** What a screen reports it shows, from an untrusted socket message. */
export const screenShowingSchema = z.strictObject({
	board: z.string().max(64),
	playlist: z.string().max(64).optional(),
	dimmed: z.boolean()
});
