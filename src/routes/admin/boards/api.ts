/**
 * The editor's calls to the boards API (contract §9) through apiFetch: lists, one board or
 * playlist, store, delete. A refused change throws the ApiError (its `problems` name the tile or
 * item by index; a built-in's 409 carries the message to show).
 */
import { ApiError, apiFetch } from '$lib/client/api';
import type { BoardProblem } from '$lib/boards/validate';
import type { Board, BoardSummary, Playlist, PlaylistSummary } from '$lib/contract/boards';

type F = typeof fetch;
const enc = encodeURIComponent;

export const listBoards = (f?: F) => apiFetch<BoardSummary[]>('/api/v1/boards', {}, f);
export const listPlaylists = (f?: F) => apiFetch<PlaylistSummary[]>('/api/v1/playlists', {}, f);
export const getBoard = (id: string, f?: F) => apiFetch<Board>(`/api/v1/boards/${enc(id)}`, {}, f);
export const getPlaylist = (id: string, f?: F) =>
	apiFetch<Playlist>(`/api/v1/playlists/${enc(id)}`, {}, f);
export const putBoard = (board: Board) =>
	apiFetch<unknown>(`/api/v1/boards/${enc(board.id)}`, { method: 'PUT', json: board });
export const putPlaylist = (p: Playlist) =>
	apiFetch<unknown>(`/api/v1/playlists/${enc(p.id)}`, { method: 'PUT', json: p });
export const deleteBoard = (id: string) =>
	apiFetch<unknown>(`/api/v1/boards/${enc(id)}`, { method: 'DELETE' });
export const deletePlaylist = (id: string) =>
	apiFetch<unknown>(`/api/v1/playlists/${enc(id)}`, { method: 'DELETE' });

/** The problems of a refused change (a 400's `problems`), or none. */
export function problemsOf(err: unknown): BoardProblem[] {
	if (!(err instanceof ApiError)) return [];
	const list = err.details.problems;
	if (!Array.isArray(list)) return [];
	return list.filter(
		(p): p is BoardProblem =>
			typeof p === 'object' && p !== null && typeof (p as BoardProblem).message === 'string'
	);
}

export const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
