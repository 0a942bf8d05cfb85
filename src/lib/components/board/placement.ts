/**
 * Where a tile sits on its board: BoardView gives every tile its cell through the component
 * context, and the tile frame (tiles/Tile.svelte) places itself there and carries `data-tile`.
 * Plain get/setContext (not createContext): a Tile outside a board simply has no placement.
 */
import { getContext, setContext } from 'svelte';

export type TilePlacement = {
	/** The tile type (catalogue key), as `data-tile` on the tile's root. */
	type: string;
	/** Zero-based cell of the top-left corner, and the span, as on the board. */
	x: number;
	y: number;
	w: number;
	h: number;
	/** The queue the tile is narrowed to (`options.queue`), already translated for the title. */
	queueName?: string;
};

const KEY = Symbol('tile-placement');

/** A getter, so that a tile moved or resized in place (the editor) follows. */
export const setTilePlacement = (placement: () => TilePlacement) => setContext(KEY, placement);
export const getTilePlacement = (): (() => TilePlacement) | undefined => getContext(KEY);

/** CSS grid lines (1-based, `start / span n`) for a placement. */
export const gridLines = (p: TilePlacement) => ({
	column: `${p.x + 1} / span ${p.w}`,
	row: `${p.y + 1} / span ${p.h}`
});
