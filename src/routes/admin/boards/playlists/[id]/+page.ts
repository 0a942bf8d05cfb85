/**
 * A playlist to edit, with the boards it may rotate through. A new playlist (no such id yet, a
 * `name` in the query from the list page) starts as a draft of one board; saving creates it.
 */
import { ApiError } from '$lib/client/api';
import type { Playlist } from '$lib/contract/boards';
import { getPlaylist, listBoards, messageOf } from '../../api';
import type { PageLoad } from './$types';

export const ssr = false;

export const load: PageLoad = async ({ fetch, params, url }) => {
	try {
		const boards = await listBoards(fetch);
		let playlist: Playlist;
		let isNew = false;
		try {
			playlist = await getPlaylist(params.id, fetch);
		} catch (err) {
			const name = url.searchParams.get('name');
			if (!(err instanceof ApiError && err.status === 404 && name)) throw err;
			playlist = { id: params.id, name, items: [{ board: boards[0]?.id ?? 'hall', seconds: 30 }] };
			isNew = true;
		}
		return { id: params.id, playlist, boards, isNew, error: null };
	} catch (err) {
		return { id: params.id, playlist: null, boards: [], isNew: false, error: messageOf(err) };
	}
};
