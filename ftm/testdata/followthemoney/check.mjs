// Validates FollowTheMoney entities (JSON lines) against the model of the
// @opensanctions/followthemoney package: every schema known and concrete, every property known
// for its schema, and every value of the form its property's type names (the type checks are
// this script's own). Prints a JSON summary; exits 1 on any error.
import { readFileSync } from "node:fs";
import ftm from "@opensanctions/followthemoney";

const model = new ftm.Model(ftm.defaultModel);
const lines = readFileSync(process.argv[2], "utf8").split("\n").filter((l) => l.trim());
const entities = lines.map((l) => JSON.parse(l));
const ids = new Set(entities.map((e) => e.id));
const errors = [];
const schemas = {};
const checks = {
  date: (v) => /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v),
  country: (v) => /^[a-z]{2}$/.test(v),
  entity: (v) => ids.has(v),
  url: (v) => { try { const u = new URL(v); return u.protocol === "http:" || u.protocol === "https:"; } catch { return false; } },
};
for (const e of entities) {
  let schema;
  try { schema = model.getSchema(e.schema); } catch { schema = undefined; }
  if (!schema) { errors.push(`${e.id}: unknown schema ${e.schema}`); continue; }
  if (schema.abstract) errors.push(`${e.id}: abstract schema ${e.schema}`);
  if (!e.id) errors.push(`an entity without id`);
  schemas[e.schema] = (schemas[e.schema] || 0) + 1;
  for (const [name, values] of Object.entries(e.properties || {})) {
    if (!schema.hasProperty(name)) { errors.push(`${e.id}: ${e.schema} has no property ${name}`); continue; }
    const type = schema.getProperty(name).type.name;
    if (!Array.isArray(values) || values.length === 0) errors.push(`${e.id}: ${name} is not a list of values`);
    for (const v of values) {
      if (typeof v !== "string" || v.trim() === "") errors.push(`${e.id}: ${name} has an empty or non-string value`);
      else if (checks[type] && !checks[type](v)) errors.push(`${e.id}: ${name} (${type}) = ${JSON.stringify(v)}`);
    }
  }
}
console.log(JSON.stringify({ entities: entities.length, schemas, errors }));
process.exit(errors.length ? 1 : 0);
