/**
 * Boards and playlists (contract §9): the shapes the API stores and the wall shows. The checks
 * beyond shape (inside the grid, no overlap, a known tile type, its options) are in
 * src/lib/boards/validate.ts, so that the API, the import in the editor and the tests share them.
 */

export type BoardTile = {
	type: string;
	/** Zero-based column of the tile's left edge. */
	x: number;
	/** Zero-based row of the tile's top edge. */
	y: number;
	w: number;
	h: number;
	options?: { queue?: string; metric?: 'lastHour' | 'today' };
};

export type Board = {
	id: string;
	name: string;
	/** 1–24 */
	columns: number;
	/** 1–24 */
	rows: number;
	tiles: BoardTile[];
};

/** `GET /api/v1/boards`; `builtIn` boards can be copied, not changed or deleted. */
export type BoardSummary = { id: string; name: string; builtIn?: boolean };

export type PlaylistItem = { board: string; seconds: number };

export type Playlist = {
	id: string;
	name: string;
	items: PlaylistItem[];
	/** While a red alert is unacknowledged, show this board instead of the rotation. */
	redAlertBoard?: string;
};

export type PlaylistSummary = { id: string; name: string };

/** The most columns or rows a board may have. */
export const BOARD_MAX_CELLS = 24;
/** The shortest time a playlist item may stay on screen. */
export const PLAYLIST_MIN_SECONDS = 5;
/** Board and playlist ids: what a URL carries without escaping. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * What an enrolled screen shows (set per display in /admin/displays): a board or a playlist, and
 * optionally something else at night. Sent on the socket as `screen` to that display.
 */
export type ScreenAssignment = {
	/** Exactly one of `board` and `playlist`; neither: the default board (hall). */
	board?: string;
	playlist?: string;
	night?: NightSchedule;
};

/** Between `from` and `to` (HH:MM in the business zone; `from` > `to` spans midnight). */
export type NightSchedule = {
	from: string;
	to: string;
	/** `dim`: the same board, darkened; `board`: show `board` instead. */
	mode: 'dim' | 'board';
	board?: string;
};

/** A board or playlist was stored or deleted (to every socket; the wall refetches what it shows). */
export type BoardsChanged = { kind: 'board' | 'playlist'; id: string; deleted?: boolean };

/** From an enrolled screen: what it shows now (for the list in /admin/displays). */
export type ScreenShowing = {
	board: string;
	/** The playlist it rotates through, when it does. */
	playlist?: string;
	dimmed: boolean;
};
