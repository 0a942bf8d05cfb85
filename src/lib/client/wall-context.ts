/** What every tile of a screen can read without prop drilling: the age of the data. */
import { createContext } from 'svelte';
import type { Staleness } from './staleness';

/** A getter, so that tiles re-render when the age changes (it is read inside their templates). */
export const [getStaleness, setStaleness] = createContext<() => Staleness>();
