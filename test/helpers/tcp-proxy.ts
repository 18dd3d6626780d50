// A TCP proxy on 127.0.0.1 that a test can cut or black-hole, as a network partition would: used to make
// the database unreachable from a running PromptForge without touching the shared PostgreSQL server.
import { connect, createServer, type Socket } from "node:net";

export interface TcpProxy {
  port: number;
  /** Closes the listener and every open connection; later connections are refused. */
  cut: () => void;
  /**
   * A silent partition: connections stay open and new ones are accepted, but every byte in either
   * direction is dropped — nobody is told, so only time-outs notice.
   */
  blackhole: () => void;
  /** Ends the partition: bytes flow again (those dropped meanwhile are lost for good). */
  heal: () => void;
}

/** Forwards 127.0.0.1:`listenPort` (default: any free port) to `host`:`port`. */
export async function startTcpProxy(host: string, port: number, listenPort = 0): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let dropping = false;
  const forward = (from: Socket, to: Socket) => {
    from.on("data", (chunk) => {
      if (!dropping) to.write(chunk);
    });
  };
  const server = createServer((client) => {
    const upstream = connect(port, host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    forward(client, upstream);
    forward(upstream, client);
    client.on("end", () => upstream.end());
    upstream.on("end", () => client.end());
  });
  await new Promise<void>((r) => server.listen(listenPort, "127.0.0.1", r));
  const addr = server.address();
  return {
    port: typeof addr === "object" && addr ? addr.port : 0,
    cut: () => {
      server.close();
      for (const s of sockets) s.destroy();
    },
    blackhole: () => {
      dropping = true;
    },
    heal: () => {
      dropping = false;
    },
  };
}
