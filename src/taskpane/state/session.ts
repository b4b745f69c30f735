/** The session rules the pane's state uses (src/taskpane/session), behind one import. */
export { addToList, type IncomingFile } from "../session/files";
export { defaultPeriodId, followFiles } from "../session/period";
export { memoryStore, type SessionStore } from "../session/store";
