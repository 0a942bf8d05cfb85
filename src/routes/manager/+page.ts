/**
 * Rendered in the browser: every figure comes from the history API after the range is read from
 * the URL, so a server render would only show the loading state.
 */
export const ssr = false;
