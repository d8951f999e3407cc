// Reads a WARC file with warcio, the reference JavaScript WARC library, and checks every
// record: version, type, id, date, target and length, the block digest of every record and the
// payload digest of every response. Prints one JSON line a record; exits 1 on any mismatch.
import { createReadStream } from "node:fs";
import { createHash } from "node:crypto";
import { WARCParser } from "warcio";

const b32 = (buf) => {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0, value = 0, out = "";
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  while (out.length % 8) out += "=";
  return out;
};
const digest = (buf) => "sha256:" + b32(createHash("sha256").update(buf).digest());

const file = process.argv[2];
let bad = 0;
const parser = new WARCParser(createReadStream(file), { parseHttp: false });
for await (const record of parser) {
  const h = record.warcHeaders.headers;
  const block = await record.readFully(false);
  const out = {
    version: record.warcHeaders.protocol,
    type: record.warcType,
    id: h.get("WARC-Record-ID"),
    target: h.get("WARC-Target-URI"),
    length: Number(h.get("Content-Length")),
    blockOk: h.get("WARC-Block-Digest") === digest(block) && block.length === Number(h.get("Content-Length")),
  };
  if (record.warcType === "response") {
    const text = Buffer.from(block);
    const end = text.indexOf("\r\n\r\n");
    const payload = text.subarray(end + 4);
    out.status = Number(text.subarray(0, end).toString().split(" ")[1]);
    out.payloadOk = h.get("WARC-Payload-Digest") === digest(payload);
    out.payloadLength = payload.length;
    if (!out.payloadOk) bad++;
  }
  if (record.warcType === "metadata") {
    out.fields = Object.fromEntries(Buffer.from(block).toString().trim().split("\r\n").map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 2)]));
  }
  if (!out.blockOk || out.version !== "WARC/1.1" || !out.id || !h.get("WARC-Date")) bad++;
  console.log(JSON.stringify(out));
}
process.exit(bad ? 1 : 0);
