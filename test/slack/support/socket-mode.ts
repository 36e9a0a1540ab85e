import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";

/**
 * A stand-in for Slack's Socket Mode WebSocket server: a minimal RFC 6455 server (text, ping, close
 * frames) that says hello, sends envelopes as Slack does and records the app's acks.
 */
export interface SocketModeStandIn {
  /** The wss URL apps.connections.open hands out (here ws://). */
  url: string;
  /** Sends one envelope; resolves with the app's ack payload for it. */
  send(
    type: "events_api" | "slash_commands" | "interactive",
    payload: object,
    options?: { retryAttempt?: number; envelopeId?: string },
  ): Promise<Record<string, unknown>>;
  /** Resolves when the app has closed its connection. */
  closed(): Promise<void>;
  close(): Promise<void>;
}

const websocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x80 | opcode, length])
      : length < 65536
        ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(length)]);
  return Buffer.concat([header, payload]);
}

function bigLength(length: number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64BE(BigInt(length));
  return buffer;
}

/** Reads complete client frames (always masked) from the buffer; returns them and the rest. */
function readFrames(buffer: Buffer): {
  frames: { opcode: number; payload: Buffer }[];
  rest: Buffer;
} {
  const frames: { opcode: number; payload: Buffer }[] = [];
  let offset = 0;
  for (;;) {
    if (buffer.length - offset < 2) break;
    const opcode = (buffer[offset] ?? 0) & 0x0f;
    let length = (buffer[offset + 1] ?? 0) & 0x7f;
    let cursor = offset + 2;
    if (length === 126) {
      if (buffer.length < cursor + 2) break;
      length = buffer.readUInt16BE(cursor);
      cursor += 2;
    } else if (length === 127) {
      if (buffer.length < cursor + 8) break;
      length = Number(buffer.readBigUInt64BE(cursor));
      cursor += 8;
    }
    if (buffer.length < cursor + 4 + length) break;
    const mask = buffer.subarray(cursor, cursor + 4);
    const payload = Buffer.from(buffer.subarray(cursor + 4, cursor + 4 + length));
    for (let i = 0; i < payload.length; i += 1) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
    frames.push({ opcode, payload });
    offset = cursor + 4 + length;
  }
  return { frames, rest: buffer.subarray(offset) };
}

export async function startSocketMode(): Promise<SocketModeStandIn> {
  let socket: Duplex | undefined;
  let connected: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    connected = resolve;
  });
  let onClose: () => void = () => {};
  const closedPromise = new Promise<void>((resolve) => {
    onClose = resolve;
  });
  const acks = new Map<string, (payload: Record<string, unknown>) => void>();

  const server = createServer((_req, res) => res.writeHead(426).end());
  server.on("upgrade", (req: IncomingMessage, upgraded: Duplex) => {
    const key = req.headers["sec-websocket-key"];
    const accept = createHash("sha1").update(`${key}${websocketGuid}`).digest("base64");
    upgraded.write(
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    socket = upgraded;
    let pending: Buffer = Buffer.alloc(0);
    upgraded.on("data", (chunk: Buffer) => {
      const { frames, rest } = readFrames(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const { opcode, payload } of frames) {
        if (opcode === 0x9) upgraded.write(frame(0xa, payload));
        else if (opcode === 0x8) {
          upgraded.end(frame(0x8, payload));
          onClose();
        } else if (opcode === 0x1) {
          const message = JSON.parse(payload.toString("utf8")) as {
            envelope_id: string;
            payload?: Record<string, unknown>;
          };
          acks.get(message.envelope_id)?.(message.payload ?? {});
        }
      }
    });
    upgraded.on("close", () => onClose());
    // An app process that ends without a close frame resets the connection.
    upgraded.on("error", () => onClose());
    const hello = {
      type: "hello",
      num_connections: 1,
      debug_info: { host: "applink-stand-in", approximate_connection_time: 18060 },
      connection_info: { app_id: "A0CREDITDESK" },
    };
    upgraded.write(frame(0x1, Buffer.from(JSON.stringify(hello))));
    connected();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `ws://127.0.0.1:${port}/link/?ticket=${randomUUID()}&app_id=A0CREDITDESK`,
    async send(type, payload, options = {}) {
      await ready;
      const envelopeId = options.envelopeId ?? randomUUID();
      const acked = new Promise<Record<string, unknown>>((resolve) =>
        acks.set(envelopeId, resolve),
      );
      const envelope = {
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== "events_api",
        ...(type === "events_api"
          ? {
              retry_attempt: options.retryAttempt ?? 0,
              retry_reason: options.retryAttempt ? "timeout" : "",
            }
          : {}),
      };
      socket?.write(frame(0x1, Buffer.from(JSON.stringify(envelope))));
      return acked;
    },
    closed: () => closedPromise,
    close: () =>
      new Promise((resolve) => {
        socket?.destroy();
        server.close(() => resolve());
      }),
  };
}
