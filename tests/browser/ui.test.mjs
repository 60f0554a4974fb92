// Browser tests of the newsdesk web UI in a real headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core). run.sh starts `newsdesk demo`
// on a free port and passes its URL in NEWSDESK_URL. Screenshots go to
// $ARTIFACTS (test-artifacts/ at the repository root).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const BASE = process.env.NEWSDESK_URL;
const ARTIFACTS = process.env.ARTIFACTS || "test-artifacts";
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
assert.ok(BASE, "NEWSDESK_URL is not set (run tests/browser/run.sh)");
mkdirSync(ARTIFACTS, { recursive: true });

let context, page, profile;
const dialogs = [];
const pageErrors = [];
const timings = [];

before(async () => {
  profile = mkdtempSync(join(tmpdir(), "newsdesk-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  page = context.pages()[0] || (await context.newPage());
  page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.setDefaultTimeout(15000);
});

after(async () => {
  if (timings.length) console.log("page timings (ms): " + timings.map(([n, t]) => `${n}=${t}`).join(" "));
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function shot(name) {
  await page.screenshot({ path: join(ARTIFACTS, name + ".png"), fullPage: true });
}

/// Navigates by hash (or URL) and waits for `selector`; records the time.
async function visit(name, hashOrUrl, selector) {
  const t0 = Date.now();
  await page.goto(hashOrUrl.startsWith("http") ? hashOrUrl : BASE + hashOrUrl);
  await page.waitForSelector(selector);
  timings.push([name, Date.now() - t0]);
}

const texts = (sel) => page.$$eval(sel, (els) => els.map((e) => e.textContent.trim()));

test("home page lists newest articles, facets and stories", async () => {
  await visit("home", BASE, "#hits .hit");
  const summary = await page.textContent(".summary-line");
  assert.match(summary, /^293 articles/);
  const hits = await texts("#hits .hit .title");
  assert.equal(hits.length, 20);
  const facets = await texts(".facets h3");
  for (const f of ["People", "Places", "Sources", "Dates"]) assert.ok(facets.includes(f), `facet ${f} in ${facets}`);
  const stories = await texts(".stories-box li a");
  assert.ok(stories.some((s) => /Hong Kong/.test(s)), `a Hong Kong story among ${stories}`);
  await shot("01-home");
});

let articleTitle;
test("a search shows highlighted results and narrows by facet", async () => {
  await page.fill("#q", "hong kong protests");
  await page.press("#q", "Enter");
  await page.waitForFunction(() => document.querySelector(".summary-line")?.textContent.includes("hong kong protests"));
  const titles = await texts("#hits .hit .title");
  assert.ok(titles.length >= 3, `${titles.length} hits`);
  assert.match(titles[0], /Hong Kong/);
  const marks = await texts("#hits .snippet mark");
  assert.ok(marks.some((m) => /^(hong|kong|protest\w*)$/i.test(m)), `highlighted words ${marks}`);
  // "…" only where the body goes on before or after the passage.
  const api = await (await page.request.get(new URL("/api/search?q=hong%20kong%20protests&limit=20", BASE).href)).json();
  const snippets = await texts("#hits .snippet");
  assert.equal(snippets.length, api.hits.length);
  api.hits.forEach((h, i) => {
    assert.equal(snippets[i].startsWith("…"), h.snippet.before, `hit ${i} start: ${snippets[i]}`);
    assert.equal(snippets[i].endsWith("…"), h.snippet.after, `hit ${i} end: ${snippets[i]}`);
  });
  await shot("02-search");
  // Narrow by the first place facet: a chip appears, the count drops or stays.
  const before = Number((await page.textContent(".summary-line")).split(" ")[0].replace(/,/g, ""));
  const place = await page.$(".facets h3:text('Places') + ul li a");
  assert.ok(place, "a place facet");
  const placeName = (await place.textContent()).trim();
  await place.click();
  await page.waitForSelector(".chip");
  assert.match(await page.textContent(".chip"), new RegExp("place: " + placeName, "i"));
  const after = Number((await page.textContent(".summary-line")).split(" ")[0].replace(/,/g, ""));
  assert.ok(after >= 1 && after <= before, `${after} after facet vs ${before}`);
  await page.goBack();
  await page.waitForSelector("#hits .hit .title");
  articleTitle = (await texts("#hits .hit .title"))[0];
});

let personName;
test("an article shows its text with entities and times marked and linked", async () => {
  const t0 = Date.now();
  await page.click("#hits .hit .title >> nth=0");
  await page.waitForSelector(".article-body p");
  timings.push(["article", Date.now() - t0]);
  assert.equal((await page.textContent("h1")).trim(), articleTitle);
  const paras = await page.$$(".article-body p");
  assert.ok(paras.length >= 3, `${paras.length} paragraphs`);
  const people = await texts(".article-body a.ent.person");
  assert.ok(people.length >= 1, "a linked person in the text");
  const places = await texts(".article-body .ent.place");
  assert.ok(places.some((p) => /Hong Kong/.test(p)), `Hong Kong marked as a place: ${places}`);
  assert.ok((await page.$$(".article-body .timex")).length >= 1, "a time expression marked");
  await shot("03-article");
  personName = (await texts("aside .facets li a"))[0];
  assert.ok(personName, "entity list beside the article");
});

test("a person page shows role, articles over time and every article", async () => {
  const link = await page.$("aside .facets li a");
  const t0 = Date.now();
  await link.click();
  await page.waitForSelector("svg.plot rect.bar");
  timings.push(["person", Date.now() - t0]);
  const h1 = (await page.textContent("h1")).trim();
  assert.ok(h1.startsWith(personName), `${h1} starts with ${personName}`);
  const n = Number((await page.textContent(".stat b")).replace(/,/g, ""));
  assert.ok(n >= 1, `${n} articles`);
  const rows = await texts("table.list tr td:nth-child(2) a");
  assert.equal(rows.length, n);
  assert.ok(rows.includes(articleTitle), "the article we came from is listed");
  assert.ok((await page.$$("svg.plot rect.bar")).length >= 1);
  await shot("04-person");
});

test("the Hong Kong protests story has a timeline of articles and events", async () => {
  await visit("home2", BASE + "#/", ".stories-box li a");
  const link = page.locator(".stories-box li a", { hasText: "Hong Kong" }).first();
  const t0 = Date.now();
  await link.click();
  await page.waitForSelector("#timeline svg circle.art");
  timings.push(["story", Date.now() - t0]);
  assert.match(await page.textContent("h1"), /Hong Kong/);
  const size = Number((await page.textContent("h1 + p")).split(" ")[0]);
  const dots = await page.$$("#timeline svg circle.art");
  assert.equal(dots.length, size);
  const listed = await texts(".timeline-list li a");
  assert.ok(listed.filter((t) => /Hong Kong/.test(t)).length >= 2, `articles ${listed}`);
  const days = await texts("ol.timeline-list li .day");
  assert.deepEqual(days, [...days].sort(), "articles in date order");
  assert.ok((await page.$$("#timeline svg path.evt")).length >= 1, "dated events on the timeline");
  await shot("05-story");
});

test("the overview plots articles per day and lists top people and sources", async () => {
  await visit("overview", BASE + "#/overview", "#per-day svg rect.bar");
  const bars = await page.$$("#per-day svg rect.bar");
  assert.ok(bars.length > 100, `${bars.length} days`);
  const stats = await texts(".stat");
  assert.ok(stats.some((s) => /^293\s*articles/.test(s)), `${stats}`);
  const top = await texts(".grid-auto .card:first-child li a");
  assert.ok(top.length >= 5, `top people ${top}`);
  assert.ok(top.includes("Donald Trump"), `${top}`);
  await shot("06-overview");
});

test("text typed or stored is shown as text, never run", async () => {
  const evil = `<img src=x onerror=alert(1)><script>alert(2)</script>`;
  await page.goto(BASE + "#/");
  await page.fill("#q", evil);
  await page.press("#q", "Enter");
  await page.waitForSelector(".summary-line, .error");
  const shown = await page.textContent("main");
  assert.ok(shown.includes("<img src=x") || shown.includes("Something went wrong"), shown.slice(0, 200));
  assert.equal(await page.$$eval("main img", (els) => els.length), 0);
  await page.goto(BASE + "#/article/" + encodeURIComponent("<script>alert(3)</script>"));
  await page.waitForSelector(".error");
  assert.match(await page.textContent(".error"), /no article with id/);
  assert.deepEqual(dialogs, [], "no script ran");
  assert.deepEqual(pageErrors, [], "no page errors");
  await shot("07-escaping");
});
