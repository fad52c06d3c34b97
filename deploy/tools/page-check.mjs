// Loads a page in Debian's chromium (headless, through playwright-core) and prints, as JSON, what an
// operator would see: the console errors and failed requests, the log position the page shows, and
// every figure card's value, the link to the lists' notice. Usage: node page-check.mjs http://localhost:5080/overview
import { chromium } from "playwright-core";

const url = process.argv[2];
if (!url) {
  console.error("usage: node page-check.mjs <url>");
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("console", message => { if (message.type() === "error") errors.push(message.text()); });
  page.on("pageerror", error => errors.push(error.message));
  page.on("requestfailed", request => errors.push(`${request.url()}: ${request.failure()?.errorText}`));
  const response = await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector("body[data-position]", { timeout: 30000 });
  const seen = await page.evaluate(() => ({
    title: document.title,
    position: Number(document.body.dataset.position),
    figures: Object.fromEntries([...document.querySelectorAll("[data-figure]")].map(card =>
      [card.dataset.figure, Number(card.querySelector(".value").textContent.replace(/[^0-9]/g, ""))])),
    communities: document.querySelectorAll("#communities tr").length,
    notice: document.getElementById("notice")?.hidden === false ? document.getElementById("notice").getAttribute("href") : null,
  }));
  console.log(JSON.stringify({ status: response.status(), errors, ...seen }));
} finally {
  await browser.close();
}
