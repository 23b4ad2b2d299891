// End-to-end tests: the built dist/ served by a plain file server on 127.0.0.1, driven in
// Debian's Chromium (no browser download). Screenshots go to artifacts/, which git ignores.
import { defineConfig } from "@playwright/test";

const port = Number(process.env.FINWAIT_E2E_PORT ?? 4173);

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "artifacts/test-results",
  reporter: [["list"]],
  workers: 1,
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: "chromium",
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
      ],
    },
  },
  webServer: [
    {
      command: `python3 -m http.server ${port} --bind 127.0.0.1 --directory dist`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // Fixture pages (the first-render floor), served the same way.
      command: `python3 -m http.server ${port + 1} --bind 127.0.0.1 --directory tests/e2e/fixtures`,
      url: `http://127.0.0.1:${port + 1}/floor.html`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // The example course page, opened as http://localhost:… so that it is another origin
      // than the lab (http://127.0.0.1:…).
      command: `python3 -m http.server ${port + 2} --bind 127.0.0.1 --directory examples`,
      url: `http://127.0.0.1:${port + 2}/host.html`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // The course build (scripts/build-course): the frame API and the embed dialog.
      command: `python3 -m http.server ${port + 3} --bind 127.0.0.1 --directory dist-course`,
      url: `http://127.0.0.1:${port + 3}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
