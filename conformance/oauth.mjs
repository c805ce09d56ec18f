// Drives a running Rapport with the dynamics-web-api client authenticated by an OAuth2 client-credentials token:
// token from /oauth2/token, WhoAmI, create/retrieve/update/query/delete, then a revoked and a tampered token must
// be refused with 401. Environment: RAPPORT_URL (ending in /), CLIENT_ID, CLIENT_SECRET, EXPECTED_USER_ID.
import { DynamicsWebApi } from "dynamics-web-api";

const base = process.env.RAPPORT_URL;
const clientId = process.env.CLIENT_ID;
const secret = process.env.CLIENT_SECRET;
const basic = "Basic " + Buffer.from(clientId + ":" + secret).toString("base64");
const form = { Authorization: basic, "Content-Type": "application/x-www-form-urlencoded" };

function check(condition, message) {
  if (!condition) {
    throw new Error("conformance: " + message);
  }
}

async function token() {
  const r = await fetch(base + "oauth2/token", { method: "POST", headers: form, body: "grant_type=client_credentials" });
  check(r.status === 200, "token endpoint answered " + r.status);
  const body = await r.json();
  check(body.token_type === "Bearer" && body.expires_in > 0, "token response " + JSON.stringify(body));
  return body.access_token;
}

function client(accessToken) {
  return new DynamicsWebApi({ serverUrl: base, dataApi: { version: "9.2" }, onTokenRefresh: async () => accessToken });
}

async function refused(api, what) {
  try {
    await api.callFunction("WhoAmI");
  } catch (e) {
    check(e.status === 401, what + " got " + e.status + " instead of 401");
    return;
  }
  throw new Error("conformance: " + what + " was accepted");
}

const accessToken = await token();
const api = client(accessToken);
const me = await api.callFunction("WhoAmI");
check(me.UserId === process.env.EXPECTED_USER_ID, "WhoAmI answered " + JSON.stringify(me));

const name = "Conformance " + Date.now();
const id = await api.create({ collection: "accounts", data: { name } });
check(typeof id === "string" && id.length === 36, "create returned " + id);
const read = await api.retrieve({ collection: "accounts", key: id, select: ["name"] });
check(read.name === name, "retrieve returned " + JSON.stringify(read));
await api.update({ collection: "accounts", key: id, data: { telephone1: "555 0100" } });
const found = await api.retrieveMultiple({ collection: "accounts", select: ["name", "telephone1"],
  filter: `name eq '${name}'` });
check(found.value.length === 1 && found.value[0].telephone1 === "555 0100", "query returned " + JSON.stringify(found));
await api.deleteRecord({ collection: "accounts", key: id });

await refused(client(accessToken.slice(0, -6) + "AAAAAA"), "a tampered token");
const revoke = await fetch(base + "oauth2/revoke", { method: "POST", headers: form, body: "token=" + accessToken });
check(revoke.status === 200, "revocation answered " + revoke.status);
await refused(api, "a revoked token");
console.log("conformance: OAuth2 client credentials ok");
