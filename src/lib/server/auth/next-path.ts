/** Only a path on this site (`/manager?from=…`), never `//evil.example` or `https://…`. */
export function safeNext(next: string | null | undefined): string | null {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
		return null;
	return next.slice(0, 500);
}
