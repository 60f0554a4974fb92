// newsdesk web UI: plain JS, no build step. Everything that comes from
// articles is put on the page as text nodes (textContent), never as HTML,
// and links to the outside are limited to http(s) URLs.
"use strict";

const main = document.getElementById("main");
const qInput = document.getElementById("q");

// ---------- DOM helpers ----------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k === "onclick") node.addEventListener("click", v);
    else node.setAttribute(k, v);
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return node;
}

const SVGNS = "http://www.w3.org/2000/svg";
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "text") node.textContent = v;
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) if (c) node.appendChild(c);
  return node;
}

function safeUrl(u) {
  try {
    const url = new URL(u);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (_) {
    return null;
  }
}

function hashFor(route, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") qs.set(k, v);
  const s = qs.toString();
  return "#/" + route + (s ? "?" + s : "");
}
const articleHref = (id) => "#/article/" + encodeURIComponent(id);
const entityHref = (id) => "#/entity/" + encodeURIComponent(id);
const storyHref = (id) => "#/story/" + encodeURIComponent(id);

async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") qs.set(k, v);
  const s = qs.toString();
  const res = await fetch("/api/" + path + (s ? "?" + s : ""));
  let body;
  try { body = await res.json(); } catch (_) { body = null; }
  if (!res.ok) {
    const msg = body && body.error ? body.error.message : res.status + " " + res.statusText;
    throw new Error(msg);
  }
  return body;
}

function show(...nodes) {
  main.replaceChildren(...nodes.flat().filter(Boolean));
  window.scrollTo(0, 0);
}

function showError(e) {
  show(el("div", { class: "error", role: "alert" }, "Something went wrong: ", String(e.message || e)));
}

function kindBadge(kind) {
  return el("span", { class: "kind " + kind, text: kind === "organization" ? "org" : kind });
}

function meta(...parts) {
  return el("div", { class: "meta" }, parts.filter(Boolean).map((p) => (typeof p === "string" ? el("span", { text: p }) : p)));
}

function articleMeta(a) {
  return meta(
    a.published ? el("span", { class: "day", text: a.published.slice(0, 10) }) : null,
    a.source || null,
    a.story !== null && a.story !== undefined ? el("a", { href: storyHref(a.story), text: "story #" + a.story }) : null,
  );
}

/// Text with code point spans marked.
function marked(text, spans) {
  const cps = Array.from(text);
  const out = [];
  let pos = 0;
  for (const [s, e] of (spans || []).slice().sort((a, b) => a[0] - b[0])) {
    if (s < pos || e <= s) continue;
    out.push(cps.slice(pos, s).join(""));
    out.push(el("mark", { text: cps.slice(s, e).join("") }));
    pos = e;
  }
  out.push(cps.slice(pos).join(""));
  return out;
}

// ---------- plots (inline SVG) ----------

const DAY = 86400000;
const toMs = (day) => Date.parse(day.slice(0, 10) + "T00:00:00Z");
const fmtDay = (ms) => new Date(ms).toISOString().slice(0, 10);

function timeTicks(min, max) {
  const span = max - min;
  const ticks = [];
  const d = new Date(min);
  const monthly = span < 800 * DAY;
  const step = span < 100 * DAY ? 1 : span < 400 * DAY ? 2 : monthly ? 3 : 12;
  let y = d.getUTCFullYear(), m = monthly ? d.getUTCMonth() + 1 : 12;
  if (!monthly) { m = 0; y += 1; }
  for (let i = 0; i < 200; i++) {
    const t = Date.UTC(y, m, 1);
    if (t > max) break;
    if (t >= min) ticks.push([t, monthly ? new Date(t).toISOString().slice(0, 7) : String(y)]);
    if (monthly) { m += step; while (m > 11) { m -= 12; y += 1; } } else { y += 1; }
  }
  return ticks;
}

/// Bar chart of counts per day; clicking a bar calls onDay(day).
function dayChart(perDay, label, onDay) {
  const W = 900, H = 170, L = 34, R = 10, T = 10, B = 24;
  if (!perDay.length) return el("p", { class: "muted", text: "No dated articles." });
  const min = toMs(perDay[0].day), max = toMs(perDay[perDay.length - 1].day) + DAY;
  const span = Math.max(max - min, DAY);
  const top = Math.max(...perDay.map((d) => d.count));
  const x = (ms) => L + ((ms - min) / span) * (W - L - R);
  const y = (n) => H - B - (n / top) * (H - T - B);
  const bw = Math.max(1.5, (W - L - R) / (span / DAY) - 0.5);
  const g = svg("svg", { class: "plot", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": label });
  g.appendChild(svg("line", { class: "axis", x1: L, y1: H - B, x2: W - R, y2: H - B }));
  g.appendChild(svg("text", { x: 2, y: T + 8, text: String(top) }));
  g.appendChild(svg("text", { x: 2, y: H - B, text: "0" }));
  for (const [t, lab] of timeTicks(min, max)) {
    g.appendChild(svg("line", { class: "axis", x1: x(t), y1: H - B, x2: x(t), y2: H - B + 4 }));
    g.appendChild(svg("text", { x: x(t) + 2, y: H - 6, text: lab }));
  }
  for (const d of perDay) {
    const ms = toMs(d.day);
    const bar = svg("rect", { class: "bar", x: x(ms), y: y(d.count), width: bw, height: Math.max(1, H - B - y(d.count)) },
      svg("title", { text: `${d.day}: ${d.count}` }));
    if (onDay) { bar.style.cursor = "pointer"; bar.addEventListener("click", () => onDay(d.day)); }
    g.appendChild(bar);
  }
  return g;
}

/// Story timeline: articles on one lane, dated events on another.
function storyTimeline(articles, events) {
  const days = articles.map((a) => a.day).filter(Boolean).map(toMs);
  if (!days.length) return el("p", { class: "muted", text: "No dated articles." });
  const first = Math.min(...days), last = Math.max(...days);
  // Events far before the story (background history) would squash the plot.
  const near = events.filter((e) => toMs(e.day) >= first - 120 * DAY && toMs(e.day) <= last + 60 * DAY);
  const all = days.concat(near.map((e) => toMs(e.day)));
  const min = Math.min(...all) - 2 * DAY, max = Math.max(...all) + 3 * DAY;
  const W = 900, H = 150, L = 80, R = 16;
  const x = (ms) => L + ((ms - min) / (max - min)) * (W - L - R);
  const g = svg("svg", { class: "plot", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Story timeline" });
  g.appendChild(svg("rect", { class: "lane", x: L, y: 18, width: W - L - R, height: 34 }));
  g.appendChild(svg("rect", { class: "lane", x: L, y: 70, width: W - L - R, height: 34 }));
  g.appendChild(svg("text", { x: 4, y: 40, text: "articles" }));
  g.appendChild(svg("text", { x: 4, y: 92, text: "events" }));
  g.appendChild(svg("line", { class: "axis", x1: L, y1: 118, x2: W - R, y2: 118 }));
  for (const [t, lab] of timeTicks(min, max)) {
    g.appendChild(svg("line", { class: "axis", x1: x(t), y1: 118, x2: x(t), y2: 122 }));
    g.appendChild(svg("text", { x: x(t) + 2, y: 134, text: lab }));
  }
  const stack = {};
  for (const a of articles) {
    if (!a.day) continue;
    const k = a.day;
    stack[k] = (stack[k] || 0) + 1;
    const c = svg("circle", { class: "art", cx: x(toMs(a.day)), cy: 35 - (stack[k] - 1) * 7, r: 6 },
      svg("title", { text: `${a.day} — ${a.title}` }));
    c.style.cursor = "pointer";
    c.addEventListener("click", () => { location.hash = articleHref(a.id); });
    g.appendChild(c);
  }
  const estack = {};
  for (const e of near) {
    estack[e.day] = (estack[e.day] || 0) + 1;
    const cx = x(toMs(e.day)), cy = 87 - ((estack[e.day] - 1) % 3) * 6;
    g.appendChild(svg("path", { class: "evt", d: `M${cx} ${cy - 6} L${cx + 6} ${cy} L${cx} ${cy + 6} L${cx - 6} ${cy} Z` },
      svg("title", { text: `${e.day} — ${e.text}: ${e.context}` })));
  }
  return g;
}

// ---------- search page ----------

const FILTERS = ["person", "organization", "place", "source", "story", "from", "to"];
const FILTER_LABEL = { person: "person", organization: "organisation", place: "place", source: "source", story: "story", from: "from", to: "to" };

async function searchPage(params) {
  qInput.value = params.q || "";
  const query = { q: params.q, limit: 20, offset: params.offset, sort: params.sort, facets: 10 };
  for (const f of FILTERS) query[f] = params[f];
  const browsing = !params.q && FILTERS.every((f) => !params[f]);
  const [res, stories] = await Promise.all([api("search", query), browsing ? api("stories", { limit: 8 }) : null]);
  const withParam = (changes) => {
    const p = Object.assign({}, params, changes);
    delete p.offset;
    if (changes.offset) p.offset = changes.offset;
    return hashFor("search", p);
  };

  const side = el("aside", { class: "facets" });
  const facetList = (title, items, param, kind) => {
    if (!items.length) return;
    side.appendChild(el("h3", { text: title }));
    side.appendChild(el("ul", {}, items.map((f) => el("li", {},
      el("a", { href: withParam({ [param]: param === "source" ? f.value : f.value }), title: f.value },
        kind ? el("span", { class: "dot " + kind }) : null, f.value),
      el("span", { class: "count", text: String(f.count) })))));
  };
  facetList("People", res.facets.people, "person", "person");
  facetList("Organisations", res.facets.organizations, "organization", "organization");
  facetList("Places", res.facets.places, "place", "place");
  facetList("Sources", res.facets.sources, "source");
  if (res.facets.months.length) {
    side.appendChild(el("h3", { text: "Dates" }));
    const months = res.facets.months.slice().reverse().slice(0, 24);
    side.appendChild(el("ul", {}, months.map((m) => {
      const [y, mo] = m.key.split("-").map(Number);
      const lastDay = new Date(Date.UTC(y, mo, 0)).getUTCDate();
      return el("li", {},
        el("a", { href: withParam({ from: m.key + "-01", to: m.key + "-" + String(lastDay).padStart(2, "0") }), text: m.key }),
        el("span", { class: "count", text: String(m.count) }));
    })));
  }

  const content = el("section", { class: "results" });
  if (stories && stories.length) {
    content.appendChild(el("div", { class: "card stories-box" },
      el("h2", { text: "Stories" }),
      el("ul", {}, stories.map((s) => el("li", {},
        el("a", { href: storyHref(s.id), text: s.label }),
        " ", el("span", { class: "count", text: `${s.size} articles, ${s.first_day || "?"} – ${s.last_day || "?"}` }))))));
  }
  const chips = FILTERS.filter((f) => params[f]).map((f) =>
    el("span", { class: "chip" }, `${FILTER_LABEL[f]}: ${params[f]}`,
      el("a", { href: withParam({ [f]: "" }), title: "remove filter", "aria-label": "remove filter " + f, text: "×" })));
  if (chips.length) content.appendChild(el("div", { class: "chips" }, chips));
  const sortLinks = ["relevance", "newest", "oldest"].map((s) =>
    (params.sort || (params.q ? "relevance" : "newest")) === s ? el("b", { text: s }) : el("a", { href: withParam({ sort: s }), text: s }));
  content.appendChild(el("div", { class: "summary-line" },
    `${res.total.toLocaleString("en")} article${res.total === 1 ? "" : "s"}`,
    params.q ? ` for “${params.q}”` : "", ` (${res.took_ms.toFixed(1)} ms) · sort: `,
    sortLinks.flatMap((n, i) => (i ? [" ", n] : [n]))));
  const list = el("div", { class: "card", id: "hits" });
  if (!res.hits.length) list.appendChild(el("p", { class: "muted", text: "No articles match. Try fewer words or remove a filter." }));
  for (const h of res.hits) {
    list.appendChild(el("div", { class: "hit" },
      el("a", { class: "title", href: articleHref(h.id), text: h.title || "(untitled)" }),
      articleMeta(h),
      el("p", { class: "snippet" }, h.snippet.before ? "…" : "", marked(h.snippet.text, h.snippet.highlights), h.snippet.after ? "…" : "")));
  }
  content.appendChild(list);
  const offset = Number(params.offset || 0);
  const pager = el("div", { class: "pager" });
  if (offset > 0) pager.appendChild(el("a", { href: withParam({ offset: Math.max(0, offset - 20) || "" }), text: "← newer results" }));
  if (offset + res.hits.length < res.total) pager.appendChild(el("a", { href: withParam({ offset: offset + 20 }), text: "more results →" }));
  content.appendChild(pager);
  show(el("div", { class: "layout" }, side, content));
}

// ---------- article page ----------

function articleBody(analysis, links) {
  const text = analysis.text;
  const cps = Array.from(text);
  const entityOf = {};
  for (const l of links) entityOf[l.local_id] = l;
  const anns = [];
  for (const e of analysis.entities) {
    const link = entityOf[e.id];
    for (const m of e.mentions) anns.push({ s: m.start, e: m.end, type: "ent", ent: e, link });
    if (e.role) anns.push({ s: e.role.start, e: e.role.end, type: "role", ent: e });
  }
  for (const q of analysis.quotes) {
    const spans = q.spans && q.spans.length ? q.spans : [[q.start, q.end]];
    for (const [s, e] of spans) anns.push({ s, e, type: "quote", quote: q });
  }
  for (const t of analysis.times) anns.push({ s: t.start, e: t.end, type: "time", timex: t });
  const paragraphs = analysis.paragraphs && analysis.paragraphs.length ? analysis.paragraphs : [[0, cps.length]];
  const body = el("div", { class: "article-body" });
  for (const [ps, pe] of paragraphs) {
    const cuts = new Set([ps, pe]);
    const inPara = anns.filter((a) => a.s < pe && a.e > ps && a.e > a.s);
    for (const a of inPara) { cuts.add(Math.max(ps, a.s)); cuts.add(Math.min(pe, a.e)); }
    const pts = [...cuts].sort((a, b) => a - b);
    const p = el("p");
    for (let i = 0; i + 1 < pts.length; i++) {
      const s = pts[i], e = pts[i + 1];
      if (e <= s) continue;
      const cover = inPara.filter((a) => a.s <= s && a.e >= e);
      let node = document.createTextNode(cps.slice(s, e).join(""));
      const time = cover.find((a) => a.type === "time");
      if (time) node = el("span", { class: "timex", title: `${time.timex.type} ${time.timex.value}` }, node);
      const role = cover.find((a) => a.type === "role");
      if (role) node = el("span", { class: "role", title: `role of ${role.ent.name}` }, node);
      const ent = cover.find((a) => a.type === "ent");
      if (ent) {
        const kind = ent.ent.kind;
        node = ent.link
          ? el("a", { class: "ent " + kind, href: entityHref(ent.link.entity), title: `${kind}: ${ent.ent.name}` }, node)
          : el("span", { class: "ent " + kind, title: `${kind}: ${ent.ent.name}` }, node);
      }
      const quote = cover.find((a) => a.type === "quote");
      if (quote) {
        const who = quote.quote.speaker ? quote.quote.speaker.name : "unknown speaker";
        node = el("span", { class: "quote", title: `quote (${quote.quote.kind}) — ${who}` }, node);
      }
      p.appendChild(node);
    }
    body.appendChild(p);
  }
  return body;
}

async function articlePage(id) {
  const view = await api("articles/" + encodeURIComponent(id));
  const a = view.analysis;
  const url = a.url ? safeUrl(a.url) : null;
  const head = el("div", {},
    el("h1", { text: a.title || "(untitled)" }),
    meta(a.published ? el("span", { class: "day", text: a.published }) : null, a.source || null,
      url ? el("a", { href: url, rel: "noopener noreferrer", target: "_blank", text: "original" }) : null,
      (a.authors || []).length ? "by " + a.authors.join(", ") : null),
    view.story ? el("p", {}, "Part of the story ", el("a", { href: storyHref(view.story.id), text: view.story.label }),
      ` (${view.story.size} articles)`) : null,
    el("div", { class: "legend" },
      el("span", { class: "ent person", text: "person" }), el("span", { class: "ent organization", text: "organisation" }),
      el("span", { class: "ent place", text: "place" }), el("span", { class: "quote", text: "quote" }),
      el("span", { class: "timex", text: "time expression" })));
  const side = el("aside");
  const byKind = {};
  for (const l of view.entities) (byKind[l.kind] = byKind[l.kind] || []).push(l);
  const analysisEntities = {};
  for (const e of a.entities) analysisEntities[e.id] = e;
  for (const [kind, title] of [["person", "People"], ["organization", "Organisations"], ["place", "Places"], ["other", "Other"]]) {
    if (!byKind[kind]) continue;
    side.appendChild(el("h3", { text: title }));
    side.appendChild(el("ul", { class: "facets" }, byKind[kind].map((l) => {
      const e = analysisEntities[l.local_id];
      return el("li", {}, el("a", { href: entityHref(l.entity) }, el("span", { class: "dot " + kind }), l.name),
        e && e.role ? el("span", { class: "count", text: e.role.text }) : null);
    })));
  }
  if (a.quotes.length) {
    side.appendChild(el("h3", { text: `Quotes (${a.quotes.length})` }));
    for (const q of a.quotes) {
      const sp = q.speaker;
      const link = sp && sp.entity ? view.entities.find((l) => l.local_id === sp.entity) : null;
      side.appendChild(el("blockquote", {}, q.text,
        el("span", { class: "by" }, "— ", link ? el("a", { href: entityHref(link.entity), text: sp.name }) : (sp ? sp.name : "unattributed"),
          q.cue ? ` (${q.cue.text})` : "")));
    }
  }
  if (a.times.length) {
    side.appendChild(el("h3", { text: "Time expressions" }));
    side.appendChild(el("ul", { class: "facets" }, a.times.map((t) =>
      el("li", {}, el("span", { text: t.text }), el("span", { class: "count", text: t.value })))));
  }
  if (view.duplicates.length) {
    side.appendChild(el("h3", { text: "Near-duplicates" }));
    side.appendChild(el("ul", {}, view.duplicates.map((d) => el("li", {}, el("a", { href: articleHref(d.id), text: d.title }), " ", el("span", { class: "day", text: d.day || "" })))));
  }
  show(head, el("div", { class: "layout wide-side" }, el("article", { class: "card" }, articleBody(a, view.entities)), side));
  document.title = (a.title || "article") + " — newsdesk";
}

// ---------- entity page ----------

async function entityPage(id) {
  const e = await api("entities/" + encodeURIComponent(id));
  const roles = e.roles.map(([r, n]) => `${r} (${n})`).join("; ");
  const searchParam = { person: "person", organization: "organization", place: "place" }[e.kind];
  const head = el("div", {},
    el("h1", {}, e.name, " ", kindBadge(e.kind)),
    e.role ? el("p", { class: "role-line" }, el("b", { text: "Role: " }), e.role) : null,
    roles && e.roles.length > 1 ? el("p", { class: "muted", text: "Roles given: " + roles }) : null,
    el("div", { class: "stats" },
      el("div", { class: "stat" }, el("b", { text: String(e.article_count) }), "articles"),
      el("div", { class: "stat" }, el("b", { text: String(e.quote_count) }), "quotes"),
      e.per_day.length ? el("div", { class: "stat" }, el("b", { text: e.per_day[0].day }), "first mention") : null,
      e.per_day.length ? el("div", { class: "stat" }, el("b", { text: e.per_day[e.per_day.length - 1].day }), "last mention") : null),
    searchParam ? el("p", {}, el("a", { href: hashFor("search", { [searchParam]: e.name }), text: "Search articles mentioning " + e.name + " →" })) : null);
  const over = el("div", { class: "card" }, el("h2", { text: "Articles over time" }),
    dayChart(e.per_day, "Articles mentioning " + e.name + " per day", (day) => { location.hash = hashFor("search", { [searchParam || "q"]: e.name, from: day, to: day }); }));
  const quotes = el("div", { class: "card", id: "quotes" }, el("h2", { text: `Quotes (${e.quote_count})` }));
  if (!e.quotes.length) quotes.appendChild(el("p", { class: "muted", text: "No quotes attributed." }));
  for (const q of e.quotes) {
    quotes.appendChild(el("blockquote", {}, q.text,
      el("span", { class: "by" }, el("span", { class: "day", text: q.article.day || "" }), " — ",
        el("a", { href: articleHref(q.article.id), text: q.article.title }), q.cue ? ` (${q.cue})` : "")));
  }
  const mentions = el("div", { class: "card" }, el("h2", { text: `Articles (${e.article_count})` }),
    el("table", { class: "list" }, el("tr", {}, el("th", { text: "date" }), el("th", { text: "article" }), el("th", { text: "as" })),
      e.mentions.map((m) => el("tr", {}, el("td", { class: "day", text: m.article.day || "" }),
        el("td", {}, el("a", { href: articleHref(m.article.id), text: m.article.title })),
        el("td", { class: "muted", text: [m.name !== e.name ? m.name : "", m.role || ""].filter(Boolean).join(", ") })))));
  const related = el("aside", {}, el("h3", { text: "Often together with" }),
    el("ul", { class: "facets" }, e.related.map((r) => el("li", {},
      el("a", { href: entityHref(r.id) }, el("span", { class: "dot " + r.kind }), r.name),
      el("span", { class: "count", text: String(r.articles) })))));
  show(head, over, el("div", { class: "layout wide-side" }, el("div", {}, quotes, mentions), related));
  document.title = e.name + " — newsdesk";
}

// ---------- story pages ----------

async function storyPage(id) {
  const s = await api("stories/" + encodeURIComponent(id));
  const head = el("div", {}, el("h1", { text: s.label }),
    el("p", { class: "muted", text: `${s.size} articles, ${s.first_day || "?"} to ${s.last_day || "?"}` }));
  const plot = el("div", { class: "card", id: "timeline" }, el("h2", { text: "Timeline" }), storyTimeline(s.articles, s.events),
    el("p", { class: "muted", text: "Dark dots: articles (click to read). Orange diamonds: dated events named in them." }));
  const arts = el("div", { class: "card" }, el("h2", { text: "Articles" }),
    el("ol", { class: "timeline-list" }, s.articles.map((a) => el("li", {},
      el("span", { class: "day", text: a.day || "" }), " ", el("a", { href: articleHref(a.id), text: a.title })))));
  const evts = el("div", { class: "card" }, el("h2", { text: `Dated events (${s.events.length})` }));
  if (!s.events.length) evts.appendChild(el("p", { class: "muted", text: "No dated time expressions in these articles." }));
  evts.appendChild(el("ul", { class: "timeline-list" }, s.events.map((e) => el("li", {},
    el("span", { class: "day", text: e.day }), " ", el("b", { text: e.text }), " — ", e.context, " ",
    el("a", { href: articleHref(e.article), text: "[article]" })))));
  const side = el("aside", {}, el("h3", { text: "Who and where" }),
    el("ul", { class: "facets" }, s.entities.map((r) => el("li", {},
      el("a", { href: entityHref(r.id) }, el("span", { class: "dot " + r.kind }), r.name),
      el("span", { class: "count", text: r.quotes ? `${r.articles} · ${r.quotes} q` : String(r.articles) })))));
  show(head, plot, el("div", { class: "layout wide-side" }, el("div", {}, arts, evts), side));
  document.title = s.label + " — newsdesk";
}

async function storiesPage() {
  const stories = await api("stories", { limit: 500 });
  const table = el("table", { class: "list" }, el("tr", {}, el("th", { text: "story" }), el("th", { text: "articles" }), el("th", { text: "from" }), el("th", { text: "to" })),
    stories.map((s) => el("tr", {}, el("td", {}, el("a", { href: storyHref(s.id), text: s.label })), el("td", { text: String(s.size) }),
      el("td", { class: "day", text: s.first_day || "" }), el("td", { class: "day", text: s.last_day || "" }))));
  show(el("h1", { text: "Stories" }), stories.length ? el("div", { class: "card" }, table)
    : el("p", { class: "muted", text: "No stories in this store (the story stage found none, or it did not run)." }));
}

// ---------- overview ----------

async function overviewPage() {
  const s = await api("stats");
  const num = (n, label) => el("div", { class: "stat" }, el("b", { text: Number(n).toLocaleString("en") }), label);
  const top = (title, items, kind) => el("div", { class: "card" }, el("h3", { text: title }),
    items.length ? el("ul", { class: "facets" }, items.map((p) => el("li", {},
      el("a", { href: entityHref(p.id) }, el("span", { class: "dot " + kind }), p.name),
      el("span", { class: "count", text: p.quotes ? `${p.articles} · ${p.quotes} q` : String(p.articles) }))))
      : el("p", { class: "muted", text: "None found." }));
  show(el("h1", { text: "Corpus overview" }),
    el("div", { class: "stats" }, num(s.articles, "articles"), num(s.entities, "entities"), num(s.quotes, "quotes"),
      num(s.times, "time expressions"), num(s.stories, "stories"), num(s.dup_groups, "near-duplicate groups")),
    el("div", { class: "card", id: "per-day" }, el("h2", { text: `Articles per day (${s.first_day || "?"} to ${s.last_day || "?"})` }),
      dayChart(s.per_day, "Articles per day", (day) => { location.hash = hashFor("search", { from: day, to: day }); })),
    el("div", { class: "grid-auto" },
      top("Top people", s.top_people, "person"), top("Top organisations", s.top_organizations, "organization"),
      top("Top places", s.top_places, "place"),
      el("div", { class: "card" }, el("h3", { text: "Top sources" }), el("ul", { class: "facets" }, s.top_sources.map((x) => el("li", {},
        el("a", { href: hashFor("search", { source: x.source }), text: x.source }), el("span", { class: "count", text: String(x.count) }))))),
      el("div", { class: "card wide" }, el("h3", { text: "Largest stories" }), el("ul", { class: "facets" }, s.top_stories.map((x) => el("li", {},
        el("a", { href: storyHref(x.id), text: x.label }), el("span", { class: "count", text: String(x.size) })))))));
  document.title = "Overview — newsdesk";
}

// ---------- routing ----------

async function route() {
  const h = location.hash.replace(/^#\/?/, "");
  const [path, qs] = h.split("?");
  const params = Object.fromEntries(new URLSearchParams(qs || ""));
  const [page, ...rest] = path.split("/");
  const arg = decodeURIComponent(rest.join("/"));
  document.title = "newsdesk";
  try {
    if (page === "article" && arg) await articlePage(arg);
    else if (page === "entity" && arg) await entityPage(arg);
    else if (page === "story" && arg) await storyPage(arg);
    else if (page === "stories") await storiesPage();
    else if (page === "overview") await overviewPage();
    else await searchPage(params);
  } catch (e) {
    showError(e);
  }
}

document.getElementById("searchform").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const q = qInput.value.trim();
  location.hash = hashFor("search", { q });
});
window.addEventListener("hashchange", route);
route();
