/**
 * The wall is a live-only screen: every figure arrives over the socket, so there is nothing
 * useful to render on the server (it would only show a clock at the server's time).
 */
export const ssr = false;
