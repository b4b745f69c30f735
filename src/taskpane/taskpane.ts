/**
 * Task pane entry. The pane's workflow (TASKPANE.md) arrives with the add-in issue; for now it
 * shows the product and the catalogue version, and works inside or outside Office.
 */
import { CATALOGUE_VERSION } from "../core/catalogue";
import { VERSION } from "../core/version";

function render(): void {
  const app = document.getElementById("app");
  if (!app) return;
  const footer = document.createElement("p");
  footer.textContent = `tonghop ${VERSION} · ${CATALOGUE_VERSION}`;
  app.appendChild(footer);
}

if (typeof Office !== "undefined") {
  void Office.onReady(() => render());
} else {
  render();
}
