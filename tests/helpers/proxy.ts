/** A TCP proxy on a free loopback port whose link can be cut and restored, to fake an outage. */
import net from 'node:net';

export type Proxy = {
	port: number;
	url(scheme: string): string;
	cut(): void;
	restore(): void;
	close(): Promise<void>;
};

export async function startProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<Proxy> {
	let blocked = false;
	const sockets = new Set<net.Socket>();
	const server = net.createServer((client) => {
		if (blocked) {
			client.destroy();
			return;
		}
		const upstream = net.connect(targetPort, targetHost);
		sockets.add(client);
		sockets.add(upstream);
		const drop = () => {
			client.destroy();
			upstream.destroy();
			sockets.delete(client);
			sockets.delete(upstream);
		};
		client.on('error', drop).on('close', drop);
		upstream.on('error', drop).on('close', drop);
		client.pipe(upstream).pipe(client);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as net.AddressInfo).port;
	return {
		port,
		url: (scheme) => `${scheme}://127.0.0.1:${port}`,
		cut() {
			blocked = true;
			for (const s of sockets) s.destroy();
			sockets.clear();
		},
		restore() {
			blocked = false;
		},
		close: () =>
			new Promise<void>((resolve) => {
				blocked = true;
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			})
	};
}
