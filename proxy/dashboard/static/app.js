// ChatVeil dashboard. Everything shown comes from the local proxy; nothing is fetched from
// anywhere else. Data is only ever put in the page with textContent, never as HTML: hints keep
// the punctuation of what people typed.
"use strict";

const TOKEN = new URLSearchParams(location.search).get("token") || "";
const CHOICE_LABELS = { redact: "Send redacted", send: "Send as is", block: "Block" };
const TIMEOUT_LABELS = { redact: "sent redacted", block: "blocked" };

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("data-")) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

async function api(path, options = {}) {
  const headers = { "X-ChatVeil-Token": TOKEN, ...(options.body ? { "Content-Type": "application/json" } : {}) };
  const response = await fetch(path, { ...options, headers, credentials: "omit", cache: "no-store" });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

function hintsText(findings) {
  return findings.map((f) => `${f.type || f.entity_type} ${f.hint}`).join(", ");
}

// ---- held messages ------------------------------------------------------------------------

const asks = new Map();

function renderAsks() {
  const box = document.getElementById("asks");
  box.replaceChildren();
  if (asks.size === 0) {
    box.append(el("p", { class: "empty", text: "Nothing is waiting." }));
    return;
  }
  for (const q of asks.values()) {
    const buttons = el("div", { class: "buttons" });
    for (const choice of ["redact", "send", "block"]) {
      const button = el("button", { type: "button", "data-choice": choice, text: CHOICE_LABELS[choice] });
      button.addEventListener("click", () => answer(q.id, choice, buttons));
      buttons.append(button);
    }
    const list = el("ul");
    for (const f of q.findings) list.append(el("li", { text: `${f.entity_type} ${f.hint}` }));
    box.append(el("article", { class: "ask", "data-id": q.id },
      el("h3", { text: `A message to ${q.host}${q.path} contains:` }),
      list,
      el("p", { class: "countdown", "data-deadline": String(q.deadline), "data-on-timeout": q.on_timeout }),
      buttons));
  }
  tickCountdowns();
}

function tickCountdowns() {
  for (const node of document.querySelectorAll(".countdown")) {
    const left = Math.max(0, Math.round(Number(node.dataset.deadline) - Date.now() / 1000));
    node.textContent = `If you do not choose, it is ${TIMEOUT_LABELS[node.dataset.onTimeout]} in ${left} s.`;
  }
}

async function answer(id, choice, buttons) {
  for (const b of buttons.querySelectorAll("button")) b.disabled = true;
  try {
    await api(`/api/asks/${encodeURIComponent(id)}`, { method: "POST", body: JSON.stringify({ choice }) });
  } catch (error) {
    buttons.append(el("span", { class: "help", text: ` ${error.message}` }));
  }
}

async function loadAsks() {
  const data = await api("/api/asks");
  asks.clear();
  for (const q of data.asks) asks.set(q.id, q);
  renderAsks();
}

// ---- live feed ----------------------------------------------------------------------------

function addToFeed(action, title, findings, note) {
  const feed = document.getElementById("feed");
  feed.querySelector(".empty")?.remove();
  const time = new Date().toLocaleTimeString();
  const item = el("li", { "data-action": action },
    el("span", { class: "time", text: time }),
    el("span", { class: `badge ${action}`, text: action }),
    el("span", { text: title + (note ? ` (${note})` : "") }),
    findings.length ? el("span", { class: "hints", text: hintsText(findings) }) : null);
  feed.prepend(item);
  while (feed.children.length > 200) feed.lastChild.remove();
}

function connect() {
  const status = document.getElementById("status");
  const source = new EventSource(`/api/events?token=${encodeURIComponent(TOKEN)}`);
  source.addEventListener("open", () => {
    status.textContent = "live";
    status.className = "status live";
    loadAsks();
  });
  source.addEventListener("error", () => {
    status.textContent = "offline";
    status.className = "status offline";
  });
  source.addEventListener("decision", (event) => {
    const d = JSON.parse(event.data);
    addToFeed(d.action, `${d.host}${d.path}`, d.findings, d.note);
    refreshStats();
    if (!document.getElementById("log-find").value) searchLog();
  });
  source.addEventListener("ask", (event) => {
    const q = JSON.parse(event.data);
    asks.set(q.id, q);
    renderAsks();
    addToFeed("ask", `${q.host}${q.path}: held for your answer`, q.findings.map((f) => ({ type: f.entity_type, hint: f.hint })), "");
  });
  for (const kind of ["answered", "withdrawn"]) {
    source.addEventListener(kind, (event) => {
      asks.delete(JSON.parse(event.data).id);
      renderAsks();
    });
  }
}

// ---- stats --------------------------------------------------------------------------------

const SVG = "http://www.w3.org/2000/svg";

function svgNode(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function barChart(svg, rows) {
  const shown = rows.slice(0, 8);
  // Drawn in the element's own pixels, so that labels keep their size whatever the layout.
  const rowHeight = 22, width = Math.max(240, svg.clientWidth || 420), labelWidth = Math.min(150, width * 0.4);
  const height = Math.max(1, shown.length) * rowHeight + 4;
  svg.replaceChildren();
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("height", String(height));
  if (shown.length === 0) {
    svg.append(svgNode("text", { x: 0, y: 16 }, "nothing logged yet"));
    return;
  }
  const max = Math.max(...shown.map((r) => r.count));
  shown.forEach((row, i) => {
    const y = i * rowHeight + 2;
    const barWidth = Math.max(2, ((width - labelWidth - 40) * row.count) / max);
    const label = row.label.length > 20 ? row.label.slice(0, 19) + "…" : row.label;
    svg.append(svgNode("text", { x: 0, y: y + 14 }, label));
    svg.append(svgNode("rect", { x: labelWidth, y, width: barWidth, height: rowHeight - 6, rx: 3 }));
    svg.append(svgNode("text", { x: labelWidth + barWidth + 6, y: y + 14 }, row.count));
  });
}

let statsTimer = null;
function refreshStats() {
  clearTimeout(statsTimer);
  statsTimer = setTimeout(loadStats, 300); // a burst of decisions redraws once
}

async function loadStats() {
  const since = document.getElementById("stats-since").value;
  const data = await api(`/api/stats?since=${encodeURIComponent(since)}`);
  document.getElementById("stats-totals").textContent =
    `${data.requests} requests logged with ${data.findings} findings.`;
  barChart(document.getElementById("chart-hosts"), data.by_host.map((r) => ({ label: r.host, count: r.count })));
  barChart(document.getElementById("chart-types"), data.by_type.map((r) => ({ label: r.type, count: r.count })));
}

// ---- log search ---------------------------------------------------------------------------

async function searchLog(event) {
  event?.preventDefault();
  const filters = {
    host: document.getElementById("log-host").value.trim(),
    type: document.getElementById("log-type").value.trim(),
    action: document.getElementById("log-action").value,
    since: document.getElementById("log-since").value.trim(),
  };
  const value = document.getElementById("log-find").value;
  const summary = document.getElementById("log-summary");
  let data;
  try {
    // A value to look for is POSTed, so that it never sits in a URL or the browser's history.
    data = value
      ? await api("/api/log/find", { method: "POST", body: JSON.stringify({ ...filters, value }) })
      : await api(`/api/log?${new URLSearchParams(filters)}`);
  } catch (error) {
    summary.textContent = error.message;
    return;
  }
  const body = document.querySelector("#log-table tbody");
  body.replaceChildren();
  for (const e of data.entries) {
    body.append(el("tr", {},
      el("td", { text: e.time.slice(0, 19).replace("T", " ") }),
      el("td", { text: e.host }),
      el("td", { text: e.path }),
      el("td", { text: e.entity_type || "-" }),
      el("td", {}, el("span", { class: `badge ${e.action}`, text: e.action, title: e.note || "" })),
      el("td", { class: "hint", text: e.hint || e.note }),
      el("td", { text: e.score === null ? "" : e.score.toFixed(2) })));
  }
  summary.textContent = value
    ? (data.entries.length ? `Yes: caught ${data.entries.length} time(s).` : "Not in the log.")
    : `${data.entries.length} entries.`;
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("log-form").addEventListener("submit", searchLog);
  document.getElementById("stats-since").addEventListener("change", loadStats);
  setInterval(tickCountdowns, 1000);
  connect();
  loadAsks();
  loadStats();
  searchLog();
});
