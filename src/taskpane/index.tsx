/**
 * Task pane entry: wait for Office (or find there is none: a plain browser), then draw the pane with
 * its dependencies: the worker pipeline, the Office host, the session store and today's date.
 */
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import type { OfficeHost } from "./api";
import { drawWhenReady, officeHostWhenReady } from "./office";
import { SESSION_NOT_KEPT, indexedDbStore, memoryStore, readOnlyStore, type SessionStore } from "./session/store";
import { createWorkerPipeline } from "./worker/client";

/** The machine's date, read once: only the default period depends on it. */
function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The page's IndexedDB, or null where the browser keeps no data for it (reading `indexedDB` may throw then). */
function pageDatabase(): IDBFactory | null {
  try {
    return typeof indexedDB === "undefined" ? null : indexedDB;
  } catch {
    return null;
  }
}

/**
 * Whether this pane keeps the saved list: the first pane open on the machine holds a lock for its life; a
 * second (another Excel window, another tab) reads the list and keeps its changes in memory. Null where
 * the browser has no Web Locks (both keep, as before).
 */
function holdsSessionLock(): Promise<boolean | null> {
  const locks = typeof navigator === "undefined" ? undefined : (navigator.locks as LockManager | undefined);
  if (!locks) return Promise.resolve(null);
  return new Promise((resolve) => {
    locks
      .request("tonghop-session", { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        // Held until the page goes.
        return lock === null ? undefined : new Promise<void>(() => undefined);
      })
      .catch(() => resolve(null));
  });
}

async function sessionStore(): Promise<SessionStore> {
  const factory = pageDatabase();
  if (factory === null) return memoryStore(SESSION_NOT_KEPT);
  const store = indexedDbStore("tonghop", factory);
  return (await holdsSessionLock()) === false ? readOnlyStore(store) : store;
}

/** How long the page stays blank waiting for Office before it is drawn as the plain page (Office's answer redraws it). */
const OFFICE_GRACE_MS = 2_000;

async function start(): Promise<void> {
  const root = document.getElementById("root");
  if (!root) return;
  const ready = officeHostWhenReady();
  const common = { pipeline: createWorkerPipeline(), store: await sessionStore(), today: localToday() };
  const pane = createRoot(root);
  await drawWhenReady(ready, OFFICE_GRACE_MS, (office: OfficeHost) => {
    const theme = office.theme === "dark" ? webDarkTheme : webLightTheme;
    // The page around the pane takes the theme's background, edge to edge.
    document.body.style.margin = "0";
    document.body.style.backgroundColor = theme.colorNeutralBackground1;
    pane.render(
      <FluentProvider theme={theme}>
        <App deps={{ ...common, office }} />
      </FluentProvider>,
    );
  });
}

void start();
