// A minimal HTTP forward proxy on 127.0.0.1 for tests: CONNECT tunnels and absolute-form
// requests, recording each target so a test can prove traffic went through it. It can also
// misbehave on CONNECT the way real proxies do: hang up, never answer, or refuse with a status.
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export type ProxyBehaviour =
  | { kind: 'tunnel' }
  /** Accept the connection, read the CONNECT, close without a word (a proxy that does not tunnel). */
  | { kind: 'hang-up' }
  /** Accept the connection and the CONNECT, then say nothing, ever. */
  | { kind: 'silent' }
  /** Answer CONNECT with this status (407 adds Proxy-Authenticate) and close. */
  | { kind: 'status'; status: number };

export class ForwardProxy {
  /** "CONNECT host:port" or "GET http://host:port/path" for every request seen. */
  readonly seen: string[] = [];
  /** The Proxy-Authorization header of each CONNECT ('' when absent). */
  readonly authorizations: string[] = [];
  url = '';
  behaviour: ProxyBehaviour = { kind: 'tunnel' };
  /** Host names the proxy resolves itself (to 127.0.0.1, say), as a DNS server would: tests need https URLs with DNS names. */
  hosts: Record<string, string> = {};
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      this.seen.push(`${req.method} ${req.url}`);
      const target = new URL(req.url ?? '');
      const upstream = httpRequest(target, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    this.server.on('connect', (req, client: Socket, head: Buffer) => {
      this.seen.push(`CONNECT ${req.url}`);
      this.authorizations.push(req.headers['proxy-authorization'] ?? '');
      client.on('error', () => {});
      const behaviour = this.behaviour;
      if (behaviour.kind === 'hang-up') return void client.destroy();
      if (behaviour.kind === 'silent') return;
      if (behaviour.kind === 'status') {
        const challenge = behaviour.status === 407 ? 'Proxy-Authenticate: Basic realm="corp"\r\n' : '';
        client.end(`HTTP/1.1 ${behaviour.status} Nope\r\n${challenge}Content-Length: 0\r\nConnection: close\r\n\r\n`);
        return;
      }
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), this.hosts[host.toLowerCase()] ?? host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      this.sockets.add(upstream);
    });
    this.server.on('connection', (socket) => this.sockets.add(socket));
  }

  static async start(behaviour: ProxyBehaviour = { kind: 'tunnel' }): Promise<ForwardProxy> {
    const proxy = new ForwardProxy();
    proxy.behaviour = behaviour;
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', () => resolve()));
    proxy.url = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
    return proxy;
  }

  /** CONNECT requests seen so far. */
  get connects(): number {
    return this.seen.filter((line) => line.startsWith('CONNECT ')).length;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
