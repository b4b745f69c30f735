/**
 * Task pane entry: wait for Office (or find there is none: a plain browser), then draw the pane with
 * its dependencies: the worker pipeline, the Office host, the session store and today's date.
 */
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { connectOffice } from "./office";
import { indexedDbStore, memoryStore } from "./session/store";
import { createWorkerPipeline } from "./worker/client";

/** The machine's date, read once: only the default period depends on it. */
function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

async function start(): Promise<void> {
  const root = document.getElementById("root");
  if (!root) return;
  const office = await connectOffice();
  const theme = office.theme === "dark" ? webDarkTheme : webLightTheme;
  // The page around the pane takes the theme's background, edge to edge.
  document.body.style.margin = "0";
  document.body.style.backgroundColor = theme.colorNeutralBackground1;
  const deps = { pipeline: createWorkerPipeline(), office, store: typeof indexedDB === "undefined" ? memoryStore() : indexedDbStore(), today: localToday() };
  createRoot(root).render(
    <FluentProvider theme={theme}>
      <App deps={deps} />
    </FluentProvider>,
  );
}

void start();
