// Rapport offline web app. Keeps the records of the offline profile in IndexedDB through the Web API's change
// tracking (delta links), lets the user read, search, create and edit them without a connection, queues every change
// in an outbox and replays it in order with If-Match when the connection is back. No build step, no inline code.
"use strict";

const API = "/api/data/v9.2/";
const body = document.body;
const text = (key) => body.dataset["text" + key] || key;
let session = null;
let current = null;

// ---- IndexedDB -------------------------------------------------------------------------------------------------
const dbReady = new Promise((resolve, reject) => {
  const open = indexedDB.open("rapport-offline", 1);
  open.onupgradeneeded = () => {
    const db = open.result;
    db.createObjectStore("records", { keyPath: "key" }).createIndex("set", "set");
    db.createObjectStore("meta", { keyPath: "k" });
    db.createObjectStore("outbox", { keyPath: "seq", autoIncrement: true });
    db.createObjectStore("conflicts", { keyPath: "seq", autoIncrement: true });
  };
  open.onsuccess = () => resolve(open.result);
  open.onerror = () => reject(open.error);
});

async function tx(store, mode, work) {
  const db = await dbReady;
  return new Promise((resolve, reject) => {
    const t = db.transaction(store, mode);
    const result = work(t.objectStore(store));
    t.oncomplete = () => resolve(result && "result" in result ? result.result : result);
    t.onerror = () => reject(t.error);
  });
}
const all = (store, index, key) => tx(store, "readonly", (s) => index ? s.index(index).getAll(key) : s.getAll());
const get = (store, key) => tx(store, "readonly", (s) => s.get(key));
const put = (store, value) => tx(store, "readwrite", (s) => s.put(value));
const remove = (store, key) => tx(store, "readwrite", (s) => s.delete(key));
const meta = async (k) => (await get("meta", k))?.v;
const setMeta = (k, v) => put("meta", { k, v });

// ---- Web API ---------------------------------------------------------------------------------------------------
async function api(method, path, payload, headers = {}) {
  const h = { Accept: "application/json", Authorization: "Bearer " + session.token, ...headers };
  if (payload !== undefined) {
    h["Content-Type"] = "application/json";
  }
  const url = path.startsWith("http") ? path : API + path;
  const response = await fetch(url, { method, headers: h, body: payload === undefined ? undefined : JSON.stringify(payload) });
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  return { status: response.status, data, headers: response.headers };
}

async function ensureSession() {
  session = await meta("session");
  const fresh = session && session.expires > Date.now() + 86400000;
  if (!fresh && navigator.onLine) {
    const csrf = document.querySelector("meta[name=_csrf]");
    const header = document.querySelector("meta[name=_csrf_header]");
    const r = await fetch("/offline/session", { method: "POST", headers: csrf ? { [header.content]: csrf.content } : {} });
    if (r.ok) {
      const s = await r.json();
      session = { ...s, expires: Date.now() + s.tokenDays * 86400000 };
      await setMeta("session", session);
    }
  }
  return session;
}

// ---- Sync through delta links ----------------------------------------------------------------------------------
function select(set) {
  return [...new Set([set.name, ...set.columns.map((c) => c.property)])].join(",");
}

async function forget(entitySet) {
  for (const rec of await all("records", "set", entitySet)) {
    await remove("records", rec.key);
  }
  await setMeta("delta:" + entitySet, null);
}

async function syncSet(set) {
  // the administrator's offline profile chooses the records; under another choice the set starts again
  if ((await meta("profile:" + set.entitySet)) !== set.fingerprint) {
    await forget(set.entitySet);
    await setMeta("profile:" + set.entitySet, set.fingerprint);
  }
  let link = await meta("delta:" + set.entitySet);
  let url = link || set.entitySet + "?$select=" + select(set);
  for (;;) {
    const r = await api("GET", url, undefined,
      { Prefer: "odata.track-changes,odata.maxpagesize=500,rapport.offline-profile" });
    if (r.status === 400 && r.data?.error?.code === "0x80044352") {
      // the delta token expired: sync this set in full again
      await forget(set.entitySet);
      url = set.entitySet + "?$select=" + select(set);
      continue;
    }
    if (r.status !== 200) {
      throw new Error(r.data?.error?.message || "HTTP " + r.status);
    }
    for (const v of r.data.value) {
      if (v.reason === "deleted") {
        await remove("records", set.entitySet + "|" + v.id);
      } else {
        const id = v[set.id];
        await put("records", { key: set.entitySet + "|" + id, set: set.entitySet, id, etag: v["@odata.etag"], data: v });
      }
    }
    if (r.data["@odata.nextLink"]) {
      url = r.data["@odata.nextLink"];
    } else {
      await setMeta("delta:" + set.entitySet, r.data["@odata.deltaLink"]);
      return;
    }
  }
}

async function sync() {
  if (!navigator.onLine || !(await ensureSession())) {
    return;
  }
  const current = await fetch("/offline/profile", { headers: { Accept: "application/json" } }).catch(() => null);
  if (current && current.ok && (current.headers.get("Content-Type") || "").includes("json")) {
    const p = await current.json();
    session = { ...session, profile: p.profile, conflictPolicy: p.conflictPolicy };
    await setMeta("session", session);
  }
  await replay();
  for (const set of session.profile) {
    await syncSet(set);
  }
  const kept = new Set(session.profile.map((s) => s.entitySet));
  for (const rec of await all("records")) {
    if (!kept.has(rec.set)) {
      await remove("records", rec.key);
    }
  }
  await setMeta("lastSync", new Date().toISOString());
  await render();
}

// ---- Outbox ----------------------------------------------------------------------------------------------------
async function queue(change) {
  await put("outbox", change);
  const rec = { key: change.set + "|" + change.id, set: change.set, id: change.id, etag: change.etag,
    data: { ...(await get("records", change.set + "|" + change.id))?.data, ...change.local } };
  await put("records", rec);
  await render();
}

async function replay() {
  for (const change of await all("outbox")) {
    const set = session.profile.find((s) => s.entitySet === change.set);
    let r;
    if (change.op === "create") {
      r = await api("POST", change.set, { ...change.payload, [set.id]: change.id });
    } else {
      r = await api("PATCH", change.set + "(" + change.id + ")", change.payload, { "If-Match": change.etag || "*" });
      if (r.status === 412) {
        const server = await api("GET", change.set + "(" + change.id + ")?$select=" + select(set));
        await put("conflicts", { set: change.set, id: change.id, policy: session.conflictPolicy,
          device: change.local, server: server.data, at: new Date().toISOString() });
        r = session.conflictPolicy === "device-wins"
          ? await api("PATCH", change.set + "(" + change.id + ")", change.payload, { "If-Match": "*" })
          : { status: 204 };
      }
    }
    if (r.status >= 200 && r.status < 300) {
      await remove("outbox", change.seq);
    } else {
      change.error = r.data?.error?.message || "HTTP " + r.status;
      await put("outbox", change);
    }
  }
}

// ---- Screen ----------------------------------------------------------------------------------------------------
const el = (id) => document.getElementById(id);
function item(textContent, onClick) {
  const li = document.createElement("li");
  li.textContent = textContent;
  if (onClick) {
    li.addEventListener("click", onClick);
  }
  return li;
}
const label = (set, data) => data[set.name] || [data.firstname, data.lastname].filter(Boolean).join(" ")
  || data.description || data[set.id] || "";

async function render() {
  const online = navigator.onLine;
  el("network-status").textContent = online ? text("Online") : text("Offline");
  el("offline-banner").classList.toggle("hidden", online);
  const outbox = await all("outbox");
  el("outbox-count").textContent = outbox.length === 1 ? text("WaitingOne")
    : outbox.length ? text("Waiting").replace("{0}", outbox.length) : text("NothingWaiting");
  const last = await meta("lastSync");
  el("last-sync").textContent = text("LastSync").replace("{0}", last ? new Date(last).toLocaleString() : text("Never"));
  if (!session) {
    return;
  }
  const choose = el("entity-set");
  if (!choose.options.length) {
    for (const s of session.profile) {
      choose.add(new Option(s.label, s.entitySet));
    }
  }
  const set = session.profile.find((s) => s.entitySet === choose.value);
  const term = el("search").value.trim().toLowerCase();
  const list = el("records");
  list.replaceChildren();
  const records = (await all("records", "set", set.entitySet))
    .filter((r) => !term || JSON.stringify(r.data).toLowerCase().includes(term))
    .sort((a, b) => String(label(set, a.data)).localeCompare(String(label(set, b.data))));
  records.forEach((r) => list.append(item(label(set, r.data), () => openForm(set, r))));
  if (!records.length) {
    list.append(item(text("None")));
  }
  el("outbox").replaceChildren(...outbox.map((c) => {
    const li = item(c.op + " " + c.set + ": " + c.title);
    if (c.error) {
      const e = document.createElement("div");
      e.className = "error";
      e.textContent = text("Error").replace("{0}", c.error);
      li.append(e);
    }
    return li;
  }));
  el("conflicts").replaceChildren(...(await all("conflicts")).map((c) => {
    const li = item(text("Conflict").replace("{0}", c.set).replace("{1}", c.policy));
    for (const [name, version] of [[text("Device"), c.device], [text("Server"), c.server]]) {
      const pre = document.createElement("pre");
      pre.textContent = name + ": " + JSON.stringify(version, null, 1);
      li.append(pre);
    }
    return li;
  }));
}

async function openForm(set, record) {
  current = { set, record };
  el("record-form").classList.remove("hidden");
  el("form-title").textContent = record ? label(set, record.data) : text("New") + " · " + set.label;
  const fields = el("form-fields");
  fields.replaceChildren();
  for (const c of set.columns) {
    const id = "field-" + c.attribute;
    const l = document.createElement("label");
    l.htmlFor = id;
    l.textContent = c.label;
    let input;
    if (c.navigation) {
      input = document.createElement("select");
      input.add(new Option(text("Choose"), ""));
      const target = session.profile.find((s) => s.entitySet === c.target);
      for (const r of await all("records", "set", c.target)) {
        input.add(new Option(label(target, r.data), r.id));
      }
      input.value = record?.data[c.property] || "";
    } else {
      input = document.createElement("input");
      input.value = record?.data[c.attribute] ?? "";
    }
    input.id = id;
    fields.append(l, input);
  }
}

async function save(event) {
  event.preventDefault();
  const { set, record } = current;
  const payload = {};
  const local = {};
  for (const c of set.columns) {
    const value = el("field-" + c.attribute).value;
    const before = record ? (c.navigation ? record.data[c.property] : record.data[c.attribute]) ?? "" : "";
    if (record && String(before) === value) {
      continue;
    }
    if (c.navigation) {
      if (value) {
        payload[c.navigation + "@odata.bind"] = "/" + c.target + "(" + value + ")";
        local[c.property] = value;
      }
    } else if (value !== "" || record) {
      payload[c.attribute] = value === "" ? null : value;
      local[c.attribute] = value;
    }
  }
  const id = record ? record.id : crypto.randomUUID();
  const title = label(set, { ...record?.data, ...local, [set.id]: id });
  await queue({ op: record ? "update" : "create", set: set.entitySet, id, etag: record?.etag, payload, local, title });
  el("record-form").classList.add("hidden");
  if (navigator.onLine) {
    await sync();
  }
}

async function start() {
  if ("serviceWorker" in navigator) {
    // offline the update check of an installed worker fails; the installed one keeps serving the shell
    await navigator.serviceWorker.register("/offline/sw.js", { scope: "/offline/" }).catch(() => null);
  }
  el("entity-set").addEventListener("change", render);
  el("search").addEventListener("input", render);
  el("new-record").addEventListener("click", () => openForm(session.profile.find((s) => s.entitySet === el("entity-set").value)));
  el("record-form").addEventListener("submit", save);
  el("sync-now").addEventListener("click", () => sync().catch(showError));
  window.addEventListener("online", () => sync().catch(showError));
  window.addEventListener("offline", render);
  session = await meta("session");
  await render();
  await sync().catch(showError);
  await render();
  body.dataset.ready = "true";
}

function showError(e) {
  el("last-sync").textContent = String(e.message || e);
}

start();
