/**
 * A FreeSWITCH event socket of our own on 127.0.0.1:0, speaking the real framing of
 * mod_event_socket.c: `Content-Type: auth/request` on connect, `command/reply` with
 * `Reply-Text: +OK accepted` (or `-ERR invalid` and a disconnect notice for a wrong password),
 * `+OK event listener enabled plain` for `event plain …`, then each queued event body framed as
 * `Content-Length: <bytes>\nContent-Type: text/event-plain\n\n<body>`. A test decides what each
 * connection replays (`onSubscribed`) and can cut a connection in the middle of a frame.
 */
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type FakeEslConnection = {
	/** 1 for the first connection, 2 for the next… */
	number: number;
	/** Writes one event body, framed; `cutAfterBytes` writes only that much of the frame and drops. */
	send(body: string, options?: { cutAfterBytes?: number }): void;
	drop(): void;
};

export type FakeEsl = {
	address: string;
	/** Every command received (`auth …` with the password hidden), in order. */
	commands: string[];
	connections: number;
	close(): Promise<void>;
};

export function frameEvent(body: string): string {
	return `Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-plain\n\n${body}`;
}

export async function startFakeEsl(options: {
	password: string;
	/** Called once a connection has authenticated and subscribed. */
	onSubscribed(connection: FakeEslConnection): void;
}): Promise<FakeEsl> {
	const commands: string[] = [];
	const sockets = new Set<Socket>();
	let connections = 0;
	const server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => {});
		const number = ++connections;
		let buffer = '';
		const connection: FakeEslConnection = {
			number,
			send(body, opts = {}) {
				const frame = Buffer.from(frameEvent(body));
				if (opts.cutAfterBytes === undefined) {
					socket.write(frame);
					return;
				}
				socket.write(frame.subarray(0, opts.cutAfterBytes), () => socket.destroy());
			},
			drop: () => socket.destroy()
		};
		socket.write('Content-Type: auth/request\n\n');
		socket.on('data', (chunk: Buffer) => {
			buffer += chunk.toString('utf8');
			for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
				const command = buffer.slice(0, end).trim();
				buffer = buffer.slice(end + 2);
				if (command.startsWith('auth ')) {
					commands.push('auth ***');
					if (command.slice(5) === options.password) {
						socket.write('Content-Type: command/reply\nReply-Text: +OK accepted\n\n');
					} else {
						const notice = 'Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n';
						socket.write('Content-Type: command/reply\nReply-Text: -ERR invalid\n\n');
						socket.end(
							`Content-Type: text/disconnect-notice\nContent-Length: ${Buffer.byteLength(notice)}\n\n${notice}`
						);
					}
				} else if (command.startsWith('event plain ')) {
					commands.push(command);
					socket.write(
						'Content-Type: command/reply\nReply-Text: +OK event listener enabled plain\n\n'
					);
					options.onSubscribed(connection);
				} else {
					commands.push(command);
					socket.write('Content-Type: command/reply\nReply-Text: -ERR command not found\n\n');
				}
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		address: `127.0.0.1:${port}`,
		commands,
		get connections() {
			return connections;
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			})
	};
}
