/** Live-only like the wall: every figure arrives over the socket. */
export const ssr = false;
