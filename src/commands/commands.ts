/** Ribbon function file: the add-in's only command opens the task pane (declared in manifest.xml). */
if (typeof Office !== "undefined") {
  void Office.onReady();
}
export {};
