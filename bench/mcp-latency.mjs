// MCP round-trip latency of `jit mcp`, through the official TypeScript SDK client.
// Usage: node bench/mcp-latency.mjs [CALLS]   (build first; needs npm ci --prefix jit-cli/src/test/mcp-client)
// Starts `packaging/target/bin/jit mcp` in a fresh store, times initialize + tools/list, then CALLS calls
// each of issue_create, query_ready and issue_show, and prints median and p95 per tool.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Client } from "../jit-cli/src/test/mcp-client/node_modules/@modelcontextprotocol/sdk/dist/esm/client/index.js";
import { StdioClientTransport } from "../jit-cli/src/test/mcp-client/node_modules/@modelcontextprotocol/sdk/dist/esm/client/stdio.js";

const calls = Number(process.argv[2] ?? 200);
const jit = join(dirname(fileURLToPath(import.meta.url)), "..", "packaging", "target", "bin", "jit");
const store = mkdtempSync(join(tmpdir(), "jit-mcp-bench-"));
execFileSync(jit, ["init"], { cwd: store });

const started = performance.now();
const client = new Client({ name: "bench", version: "1" });
await client.connect(new StdioClientTransport({ command: jit, args: ["mcp"], cwd: store, stderr: "inherit" }));
const { tools } = await client.listTools();
console.log(`initialize + tools/list: ${(performance.now() - started).toFixed(0)} ms (${tools.length} tools)`);

async function time(label, makeCall) {
  const samples = [];
  for (let i = 0; i < calls; i++) {
    const t = performance.now();
    const result = await makeCall(i);
    if (result.isError) throw new Error(`${label}: ${result.content[0].text}`);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(2);
  console.log(`${label.padEnd(14)} ${calls} calls  median ${at(0.5)} ms  p95 ${at(0.95)} ms`);
}

let lastId;
await time("issue_create", async (i) => {
  const r = await client.callTool({ name: "issue_create", arguments: { title: `bench ${i}`, label: ["bench:mcp"] } });
  lastId = r.structuredContent?.data?.id;
  return r;
});
await time("query_ready", () => client.callTool({ name: "query_ready", arguments: {} }));
await time("issue_show", () => client.callTool({ name: "issue_show", arguments: { id: lastId } }));
await client.close();
