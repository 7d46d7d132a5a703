// A line-oriented driver around the official MCP TypeScript SDK client, used by McpClientIT.
// Each line on stdin is one request {"op": ..., ...}; each answer is one JSON line on stdout:
// {"ok": true, "result": ...} or {"ok": false, "error": {"code", "message", "data"}} (protocol errors).
import { createInterface } from "node:readline";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

let client;
let transport;

const ops = {
  async connect({ command, args, cwd, env }) {
    transport = new StdioClientTransport({ command, args, cwd, env, stderr: "inherit" });
    client = new Client({ name: "jit-mcp-it", version: "1.0.0" });
    await client.connect(transport);
    return { serverVersion: client.getServerVersion(), capabilities: client.getServerCapabilities(),
             instructions: client.getInstructions() };
  },
  async listTools() {
    const tools = [];
    let cursor;
    do {
      const page = await client.listTools(cursor ? { cursor } : {});
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor);
    return tools;
  },
  callTool: ({ name, arguments: args }) => client.callTool({ name, arguments: args }),
  listResources: () => client.listResources(),
  listResourceTemplates: () => client.listResourceTemplates(),
  readResource: ({ uri }) => client.readResource({ uri }),
  async close() {
    await client.close();
    return {};
  },
};

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  const request = JSON.parse(line);
  let answer;
  try {
    answer = { ok: true, result: await ops[request.op](request) };
  } catch (e) {
    answer = { ok: false, error: { code: e.code ?? null, message: String(e.message ?? e), data: e.data ?? null } };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
  if (request.op === "close") break;
}
